"""Bad input (issue 20, item 6): bytes that are not UTF-8, binary content, digits of other scripts and huge lines
each give a per-line notice or a one-line error; nothing is skipped without a word."""

from __future__ import annotations

import json
from pathlib import Path

from accord.scan import read_documents
from accord.scan.documents import MAX_LINE_BYTES
from tests.helpers import accord

RAW = (b"ok line 13812345678\n"
       b"\xff\xfe bad bytes, then PESEL 44051401359\n"
       b"nul\x00here 11010519491231002X\n"
       + "全角１３８１２３４５６７８ and ٤٤٠٥١٤٠١٣٥٩\n".encode())


def test_each_problem_line_has_a_notice_and_is_still_scanned(project: Path) -> None:
    src = project / "messy.txt"
    src.write_bytes(RAW)
    result = accord("scan", src, "--summary", "summary.json", "--redact", cwd=project)
    assert result.returncode == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["doc"], f["type"]) for f in found] == [(0, "PHONE_NUMBER"), (1, "PL_PESEL"), (2, "CN_RESIDENT_ID")]
    notices = [line for line in result.stderr.splitlines() if line.startswith("accord: notice: ")]
    assert len(notices) == 3
    assert "doc 1: not UTF-8" in notices[0] and "byte 0xff" in notices[0]
    assert "doc 2: binary content" in notices[1]
    assert "doc 3: digits of another script" in notices[2] and "not detected" in notices[2]
    summary = json.loads((project / "summary.json").read_text(encoding="utf-8"))
    assert summary["notices"] == 3 and len(summary["notice_lines"]) == 3
    redacted = (project / "messy.redacted.txt").read_bytes().splitlines()
    assert b"[PL_PESEL]" in redacted[1] and redacted[3] == RAW.splitlines()[3]  # lines without findings: as they were


def test_notices_in_csv_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b'{"text": "caf\xe9 13812345678"}\n{"text": "fine"}\n')
    docs = list(read_documents(tmp_path / "a.jsonl"))
    assert docs[0].notice is not None and "not UTF-8" in docs[0].notice and docs[1].notice is None
    (tmp_path / "a.csv").write_bytes(b"name,bio\nA,caf\xe9\nB,ok\n")
    docs = list(read_documents(tmp_path / "a.csv"))
    assert [d.notice is not None for d in docs] == [True, True, False, False]


def test_a_line_longer_than_the_limit_is_a_one_line_error(project: Path) -> None:
    src = project / "huge.txt"
    with src.open("wb") as f:
        f.write(b"first line\n")
        f.write(b"x" * (MAX_LINE_BYTES + 10) + b"\n")
    result = accord("scan", src, cwd=project)
    assert result.returncode != 0
    assert result.stderr.splitlines() == [f"accord: error: {src}:2: a line longer than 64 MiB; split the file into "
                                          "lines or records"]
