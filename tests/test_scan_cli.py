"""`accord scan` as a user runs it: every input format, findings as JSON lines in a fixed order, the summary,
redaction, identical findings with one or several processes, and one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from accord.scan import scan_path
from tests.helpers import accord
from tests.support.pii_corpus import generate

LINES = ["Mail zhang.wei@example.cn or call 13812345678.", "", "Nothing to see.",
         "身份证11010519491231002X，卡号4111 1111 1111 1111", "IBAN DE89 3704 0044 0532 0130 00 ok"]


def _findings(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_txt_findings_summary_and_redaction(project: Path) -> None:
    src = project / "notes.txt"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    result = accord("scan", src, "--redact", "--summary", "summary.json", cwd=project)
    assert result.returncode == 0, result.stderr
    found = _findings(result.stdout)
    assert [(f["doc"], f["type"], f["text"]) for f in found] == [
        (0, "EMAIL", "zhang.wei@example.cn"), (0, "PHONE_NUMBER", "13812345678"),
        (3, "CN_RESIDENT_ID", "11010519491231002X"), (3, "CREDIT_CARD", "4111 1111 1111 1111"),
        (4, "IBAN", "DE89 3704 0044 0532 0130 00")]
    assert all(set(f) == {"doc", "field", "start", "end", "type", "text", "score"} for f in found)
    assert all(LINES[f["doc"]][f["start"]:f["end"]] == f["text"] and f["field"] is None for f in found)
    assert "5 findings in 3 documents (60.00% of documents)" in result.stderr
    summary = json.loads((project / "summary.json").read_text())
    assert summary["documents"] == 5 and summary["by_type"]["EMAIL"] == 1
    redacted = (project / "notes.redacted.txt").read_text(encoding="utf-8").splitlines()
    assert redacted[0] == "Mail [EMAIL] or call [PHONE_NUMBER]." and redacted[2] == "Nothing to see."
    assert redacted[3] == "身份证[CN_RESIDENT_ID]，卡号[CREDIT_CARD]" and len(redacted) == len(LINES)


def test_jsonl_csv_and_parquet_agree(project: Path) -> None:
    (project / "d.jsonl").write_text("".join(json.dumps({"id": i, "body": t}, ensure_ascii=False) + "\n"
                                             for i, t in enumerate(LINES)), encoding="utf-8")
    with (project / "d.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "body", "note"])
        for i, t in enumerate(LINES):
            w.writerow([i, t, "see a@b.org" if i == 2 else ""])
    pq.write_table(pa.table({"id": list(range(len(LINES))), "body": LINES,
                             "note": [None, None, "see a@b.org", None, None]}), project / "d.parquet")
    jl = _findings(accord("scan", "d.jsonl", "--field", "body", cwd=project).stdout)
    cs = _findings(accord("scan", "d.csv", cwd=project).stdout)
    pa_ = _findings(accord("scan", "d.parquet", "-o", "out.jsonl", cwd=project).stdout
                    or (project / "out.jsonl").read_text())
    only_body = _findings(accord("scan", "d.csv", "--columns", "body", cwd=project).stdout)
    key = [(f["doc"], f["start"], f["type"]) for f in jl]
    assert key and all(f["field"] == "body" for f in jl)
    assert [(f["doc"], f["start"], f["type"]) for f in only_body] == key
    assert cs == pa_ and [(f["doc"], f["field"], f["type"]) for f in cs if f["field"] == "note"] == [
        (2, "note", "EMAIL")]
    assert [f for f in cs if f["field"] == "body"] == jl
    accord("scan", "d.csv", "--redact", cwd=project)
    rows = list(csv.reader((project / "d.redacted.csv").open(encoding="utf-8")))
    assert rows[3][2] == "see [EMAIL]" and rows[1][1] == "Mail [EMAIL] or call [PHONE_NUMBER]."


def test_findings_do_not_depend_on_processes_or_batches(project: Path) -> None:
    src = project / "big.txt"
    src.write_text("\n".join(d.text for d in generate(3000, seed=5)) + "\n", encoding="utf-8")
    one = [f for _, found in scan_path(src, workers=1) for f in found]
    import accord.scan.findings as findings_module

    old = findings_module.BATCH_CHARS
    findings_module.BATCH_CHARS = 20_000  # many small batches, spread over two processes
    try:
        two = [f for _, found in scan_path(src, workers=2) for f in found]
    finally:
        findings_module.BATCH_CHARS = old
    assert one == two and len(one) > 3000
    assert one == sorted(one, key=lambda f: f.sort_key())


def test_bad_input_is_one_line_error(project: Path) -> None:
    (project / "x.jsonl").write_text('{"text": "a"}\nnot json\n', encoding="utf-8")
    (project / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (project / "body.jsonl").write_text('{"body": "mail a@b.com", "n": 5}\n{"body": "x"}\n', encoding="utf-8")
    for args, words in [(("missing.txt",), "no such file"), (("x.jsonl",), "x.jsonl:2: not a JSON object"),
                        (("body.jsonl",), "no line has a string field 'text' (string fields seen: body)"),
                        (("x.csv", "--columns", "c"), "no column 'c'"), (("x.doc",), "cannot tell the format"),
                        (("x.csv", "--types", "PERSON"), "unknown type(s) PERSON"),
                        (("x.csv", "somewhere"), "unexpected argument 'somewhere'")]:
        result = accord("scan", *args, cwd=project)
        assert result.returncode == 2 and result.stderr.startswith("accord: error: ") and words in result.stderr, (
            args, result.stderr)
        assert "Traceback" not in result.stderr


def test_types_address_and_its_redaction(project: Path) -> None:
    src = project / "addresses.txt"
    src.write_text("Ship to 42 Elm St, Springfield, IL 62704 or call 13812345678.\n"
                   "收货地址：上海市徐汇区漕溪北路88号。\nWe met on Main Street.\n", encoding="utf-8")
    result = accord("scan", src, "--types", "ADDRESS", "--redact", cwd=project)
    assert result.returncode == 0, result.stderr
    assert [(f["doc"], f["type"], f["text"]) for f in _findings(result.stdout)] == [
        (0, "ADDRESS", "42 Elm St, Springfield, IL 62704"), (1, "ADDRESS", "上海市徐汇区漕溪北路88号")]
    redacted = (project / "addresses.redacted.txt").read_text(encoding="utf-8").splitlines()
    assert redacted == ["Ship to [ADDRESS] or call 13812345678.", "收货地址：[ADDRESS]。", "We met on Main Street."]


def test_a_long_scan_reports_progress(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every PROGRESS_EVERY_S seconds (here: every batch) a line on stderr says how far the scan has got."""
    from typer.testing import CliRunner

    import accord.cli.scan
    from accord.cli import app

    src = project / "big.txt"
    src.write_text("".join(d.text.replace("\n", " ") + "\n" for d in generate(12000, seed=5)), encoding="utf-8")
    monkeypatch.setattr(accord.cli.scan, "PROGRESS_EVERY_S", 0.0)
    result = CliRunner().invoke(app, ["scan", str(src), "-o", str(project / "out.jsonl"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "findings so far" in line]
    assert len(lines) >= 2 and all(line.startswith(f"{src}: ") for line in lines)
    counts = [int(line.split(": ", 1)[1].split(" documents")[0].replace(",", "")) for line in lines]
    assert counts == sorted(counts) and counts[-1] == 12000
    assert "scanned 12000 documents" in result.stderr
