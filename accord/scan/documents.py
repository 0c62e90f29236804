"""Reading the documents to scan: .txt (one per line), .jsonl (one string field per line), .csv and
.parquet (every string column, or the columns asked for). A document is one (row, field) cell."""

from __future__ import annotations

import csv
import json
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


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            for line in f:
                yield line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise ScanInputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _txt(path: Path) -> Iterator[Document]:
    for i, line in enumerate(_lines(path)):
        yield Document(i, None, line)


def _jsonl(path: Path, field: str) -> Iterator[Document]:
    records, found, seen = 0, 0, set[str]()
    for i, line in enumerate(_lines(path)):
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
            yield Document(i, field, value)
    if records and not found:  # most likely the wrong --field: say so rather than report an empty scan
        fields = ", ".join(sorted(seen)[:20]) or "none"
        raise ScanInputError(f"{path}: no line has a string field {field!r} (string fields seen: {fields}); "
                             "choose one with --field")


def _csv(path: Path, columns: Sequence[str] | None) -> Iterator[Document]:
    rows = csv.reader(_lines(path))
    header = next(rows, None)
    if header is None:
        return
    wanted = _choose(path, header, columns)
    for i, row in enumerate(rows):
        for j, name in wanted:
            if j < len(row) and row[j]:
                yield Document(i, name, row[j])


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
                    yield Document(row + i, name, column[i])
        row += batch.num_rows
