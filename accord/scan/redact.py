"""Writing a copy of a scanned file with every finding replaced by its type in brackets, e.g. `[EMAIL]`.
The copy keeps the input's format; rows, lines and fields that held no finding are written unchanged."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from accord.scan.documents import Format, ScanInputError
from accord.scan.findings import Finding


def mask(text: str, findings: Iterable[Finding]) -> str:
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        out += [text[pos:f.start], f"[{f.type}]"]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def write_redacted(src: Path, dst: Path, fmt: Format, findings: Iterable[Finding]) -> None:
    by_cell: dict[tuple[int, str | None], list[Finding]] = defaultdict(list)
    by_doc: dict[int, dict[str, list[Finding]]] = defaultdict(dict)
    for f in findings:
        by_cell[(f.doc, f.field)].append(f)
        if f.field is not None:
            by_doc[f.doc].setdefault(f.field, []).append(f)
    if src.resolve() == dst.resolve():
        raise ScanInputError(f"{dst}: the redacted copy must not overwrite the input")
    if fmt == "parquet":
        _parquet(src, dst, by_cell)
        return
    if fmt in ("txt", "jsonl"):
        _lines(src, dst, fmt, by_cell, by_doc)
        return
    with src.open(encoding="utf-8", errors="replace", newline="") as fin, \
            dst.open("w", encoding="utf-8", newline="") as fout:
        rows = csv.reader(line.replace("\x00", "\ufffd") for line in fin)
        writer = csv.writer(fout, lineterminator="\n")
        header = next(rows, None)
        if header is None:
            return
        writer.writerow(header)
        for i, row in enumerate(rows):
            for j, name in enumerate(header):
                hits = by_cell.get((i, name))
                if hits and j < len(row):
                    row[j] = mask(row[j], hits)
            writer.writerow(row)


def _lines(src: Path, dst: Path, fmt: Format, by_cell: dict[tuple[int, str | None], list[Finding]],
           by_doc: dict[int, dict[str, list[Finding]]]) -> None:
    """Lines without findings are copied byte for byte (whatever their encoding); a line with findings is read as
    the scan read it (bad bytes and NULs as U+FFFD, so offsets agree), masked, and written as UTF-8."""
    with src.open("rb") as fin, dst.open("wb") as fout:
        for i, raw in enumerate(fin):
            hits = by_cell.get((i, None)) if fmt == "txt" else None
            cells = by_doc.get(i) if fmt == "jsonl" else None
            if not hits and not cells:
                fout.write(raw)
                continue
            body = raw.rstrip(b"\r\n")
            text = body.decode("utf-8", errors="replace").replace("\x00", "\ufffd")
            if hits:
                out = mask(text, hits)
            else:
                record = json.loads(text)
                for field, found in (cells or {}).items():
                    record[field] = mask(record[field], found)
                out = json.dumps(record, ensure_ascii=False)
            fout.write(out.encode("utf-8") + raw[len(body):])


def _parquet(src: Path, dst: Path, by_cell: dict[tuple[int, str | None], list[Finding]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(src)
    for name in {field for (_, field) in by_cell if field is not None}:
        values = table.column(name).to_pylist()
        for (doc, field), hits in by_cell.items():
            if field == name:
                values[doc] = mask(values[doc], hits)
        index = table.schema.get_field_index(name)
        spec = table.schema.field(index)
        table = table.set_column(index, spec, pa.array(values, type=spec.type))
    pq.write_table(table, dst)
