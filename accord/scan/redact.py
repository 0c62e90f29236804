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
    with src.open(encoding="utf-8", newline="") as fin, dst.open("w", encoding="utf-8", newline="") as fout:
        if fmt == "txt":
            for i, line in enumerate(fin):
                body = line.rstrip("\r\n")
                hits = by_cell.get((i, None))
                fout.write((mask(body, hits) + line[len(body):]) if hits else line)
        elif fmt == "jsonl":
            for i, line in enumerate(fin):
                cells = by_doc.get(i)
                if not cells:
                    fout.write(line)
                    continue
                record = json.loads(line)
                for field, hits in cells.items():
                    record[field] = mask(record[field], hits)
                fout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            rows = csv.reader(fin)
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
