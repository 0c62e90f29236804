"""Reading the documents to scan: .txt (one per line), .jsonl (one string field per line), .csv and
.parquet (every string column, or the columns asked for). A document is one (row, field) cell."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from accord.errors import ConfigError

Format = Literal["txt", "jsonl", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("txt", "jsonl", "csv", "parquet")


class ScanInputError(ConfigError):
    """The file to scan cannot be read as asked (missing, wrong format, unknown field or column)."""


@dataclass(frozen=True, slots=True)
class Document:
    doc: int  # 0-based line (txt, jsonl) or row (csv, parquet) index
    field: str | None  # the JSON field or column; None for txt
    text: str
    notice: str | None = None  # what was wrong with this line and what the scan did about it


MAX_LINE_BYTES = 64 << 20  # a longer line is an error: split the file into lines or records
_OTHER_DIGITS = re.compile(r"[^\D0-9]")  # decimal digits of other scripts (full-width, Arabic-Indic, ...)


def notice_of(text: str, problem: str | None = None) -> str | None:
    """The notice of a line: its decoding `problem`, and whether it holds digits of scripts the recognizers do not
    read (identifiers written in them are not found)."""
    other = _OTHER_DIGITS.search(text)
    if other is None:
        return problem
    digits = (f"digits of another script (e.g. {other.group()!r} U+{ord(other.group()):04X}): identifiers written "
              "in them are not detected")
    return f"{problem}; {digits}" if problem else digits


def detect_format(path: Path) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    aliases: dict[str, Format] = {"txt": "txt", "text": "txt", "jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv",
                                  "parquet": "parquet", "pq": "parquet"}
    if suffix not in aliases:
        raise ScanInputError(f"{path}: cannot tell the format from the suffix {path.suffix!r}; "
                             f"give --format ({', '.join(FORMATS)})")
    return aliases[suffix]


def read_documents(path: Path, *, fmt: Format | None = None, field: str = "text",
                   columns: Sequence[str] | None = None) -> Iterator[Document]:
    """The documents of `path` in file order (for tables: row by row, columns in the order given or found)."""
    fmt = fmt or detect_format(path)
    if not path.is_file():
        raise ScanInputError(f"{path}: no such file")
    if fmt == "txt":
        return _txt(path)
    if fmt == "jsonl":
        return _jsonl(path, field)
    if fmt == "csv":
        return _csv(path, columns)
    return _parquet(path, columns)


def _lines(path: Path) -> Iterator[tuple[str, str | None]]:
    """Each line without its end, and what was wrong with it: bytes that are not UTF-8 (decoded as U+FFFD, so
    the rest of the line is still scanned) or NUL bytes (binary content, replaced by U+FFFD). A line longer
    than MAX_LINE_BYTES is an error."""
    with path.open("rb") as f:
        for i, raw in enumerate(iter(lambda: f.readline(MAX_LINE_BYTES + 1), b"")):
            if len(raw) > MAX_LINE_BYTES:
                raise ScanInputError(f"{path}:{i + 1}: a line longer than {MAX_LINE_BYTES >> 20} MiB; split the "
                                     "file into lines or records")
            raw = raw.rstrip(b"\r\n")
            problem = None
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw.decode("utf-8", errors="replace")
                problem = (f"not UTF-8 ({exc.reason}, byte 0x{raw[exc.start]:02x} at byte {exc.start}): scanned "
                           "with the undecodable bytes read as U+FFFD")
            if "\x00" in line:
                line = line.replace("\x00", "\ufffd")
                binary = "binary content (NUL bytes, read as U+FFFD): scanned as text"
                problem = f"{problem}; {binary}" if problem else binary
            yield line, problem


def _txt(path: Path) -> Iterator[Document]:
    for i, (line, problem) in enumerate(_lines(path)):
        yield Document(i, None, line, notice_of(line, problem))


def _jsonl(path: Path, field: str) -> Iterator[Document]:
    records, found, seen = 0, 0, set[str]()
    for i, (line, problem) in enumerate(_lines(path)):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise ScanInputError(f"{path}:{i + 1}: not a JSON object") from None
        records += 1
        if isinstance(record, dict) and len(seen) < 50:
            seen.update(k for k, v in record.items() if isinstance(v, str))
        value = record.get(field) if isinstance(record, dict) else None
        if isinstance(value, str):
            found += 1
            yield Document(i, field, value, notice_of(value, problem))
        elif problem:
            yield Document(i, field, "", problem)
    if records and not found:  # most likely the wrong --field: say so rather than report an empty scan
        fields = ", ".join(sorted(seen)[:20]) or "none"
        raise ScanInputError(f"{path}: no line has a string field {field!r} (string fields seen: {fields}); "
                             "choose one with --field")


def _csv(path: Path, columns: Sequence[str] | None) -> Iterator[Document]:
    problems: list[str] = []

    def texts() -> Iterator[str]:
        for line, problem in _lines(path):
            if problem:
                problems.append(problem)
            yield line

    rows = csv.reader(texts())
    header = next(rows, None)
    if header is None:
        return
    problems.clear()
    wanted = _choose(path, header, columns)
    for i, row in enumerate(rows):
        problem = "; ".join(problems) or None
        problems.clear()
        cells = [(name, row[j]) for j, name in wanted if j < len(row) and row[j]]
        for name, text in cells:
            yield Document(i, name, text, notice_of(text, problem))
        if problem and not cells:
            yield Document(i, None, "", problem)


def _choose(path: Path, found: Sequence[str], columns: Sequence[str] | None) -> list[tuple[int, str]]:
    if columns is None:
        return list(enumerate(found))
    missing = [c for c in columns if c not in found]
    if missing:
        raise ScanInputError(f"{path}: no column {', '.join(map(repr, missing))} (columns: {', '.join(found)})")
    return [(list(found).index(c), c) for c in columns]


def _parquet(path: Path, columns: Sequence[str] | None) -> Iterator[Document]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ScanInputError("reading .parquet needs pyarrow: pip install 'accord[parquet]'") from None
    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise ScanInputError(f"{path}: not a Parquet file ({exc})") from None
    schema = pf.schema_arrow
    strings = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    if columns is not None:
        bad = [c for c in columns if c not in strings]
        if bad:
            raise ScanInputError(f"{path}: {', '.join(map(repr, bad))} is not a string column "
                                 f"(string columns: {', '.join(strings)})")
        strings = list(columns)
    row = 0
    for batch in pf.iter_batches(columns=strings, batch_size=8192):
        values = [batch.column(name).to_pylist() for name in strings]
        for i in range(batch.num_rows):
            for name, column in zip(strings, values, strict=True):
                if column[i]:
                    yield Document(row + i, name, column[i], notice_of(column[i]))
        row += batch.num_rows
