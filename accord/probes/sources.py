"""Probes from your own files: CSV, or JSONL of flat objects, mapped onto Accord's probe fields.

Each field of a probe comes from the column the mapping's `columns` names, else the single value its `values`
gives every row, else a column named like the field. `id` defaults to `<bank name>-<row number>` and
`source` to the bank's name; `risks` is a list of Appendix A codes separated by commas, semicolons or spaces.
Every problem is one line naming the file and row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from accord.config import BankFile, ProbeField
from accord.errors import ProbeBankError
from accord.probes.model import Bank, Probe, bank_from_probes, read_meta

REQUIRED: tuple[ProbeField, ...] = ("prompt", "language", "concern", "expected")
OPTIONAL: tuple[ProbeField, ...] = ("id", "risks", "aspect", "pair", "source")
_SPLIT = re.compile(r"[,;|\s]+")


def load_file(ref: BankFile) -> Bank:
    path = ref.path
    if not path.is_file():
        raise ProbeBankError(f"probe file {path} not found")
    raw = path.read_bytes()
    name = ref.name or path.stem
    rows = _rows(path, raw)
    header = next(rows, None)
    if header is None:
        raise ProbeBankError(f"probe file {path} has no rows")
    columns = _columns(ref, path, set(header[1]))
    probes: list[Probe] = []
    seen: set[str] = set()
    for where, row in (header, *rows):
        probe = _probe(ref, name, columns, row, f"{path}:{where}", where)
        if probe.id in seen:
            raise ProbeBankError(f"{path}:{where}: duplicate probe id {probe.id!r}")
        seen.add(probe.id)
        probes.append(probe)
    mapping = ref.model_dump_json(include={"columns", "values", "labels"})
    digest = hashlib.sha256(raw + mapping.encode()).hexdigest()[:16]
    meta = read_meta(path)
    return bank_from_probes(name, str(meta.get("version", "unversioned")), digest, probes)


def _rows(path: Path, raw: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """(line or row number, the row as strings), skipping blank lines."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProbeBankError(f"{path} is not UTF-8 text; save it as UTF-8") from None
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for row in reader:
            if None in row:
                raise ProbeBankError(f"{path}:{reader.line_num}: more cells than the header has columns")
            if any((v or "").strip() for v in row.values()):
                yield reader.line_num, {k: v or "" for k, v in row.items()}
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise ProbeBankError(f"{path}:{lineno}: not a JSON object") from None
        if not isinstance(obj, dict):
            raise ProbeBankError(f"{path}:{lineno}: not a JSON object")
        yield lineno, {str(k): _text(v) for k, v in obj.items()}


def _text(value: object) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


def _columns(ref: BankFile, path: Path, header: set[str]) -> dict[str, str]:
    """Field -> column for every field a column holds; checks that each required field has a source."""
    columns: dict[str, str] = {}
    for f in (*REQUIRED, *OPTIONAL):
        column = ref.columns.get(f)
        if column is not None:
            if column not in header:
                raise ProbeBankError(f"{path}: no column {column!r} for `{f}` (columns: {', '.join(sorted(header))})")
            columns[f] = column
        elif f not in ref.values and f in header:
            columns[f] = f
        elif f in REQUIRED and f not in ref.values:
            raise ProbeBankError(f"{path}: nothing gives `{f}`: name its column with columns.{f} = \"...\" or give "
                                 f"one value for every row with values.{f} = \"...\"")
    return columns


def _probe(ref: BankFile, name: str, columns: dict[str, str], row: dict[str, str], where: str, n: int) -> Probe:
    def get(f: str) -> str | None:
        value = row.get(columns[f], "").strip() if f in columns else ref.values.get(f)  # type: ignore[call-overload]
        return value or None

    fields: dict[str, object] = {f: get(f) for f in (*REQUIRED, "aspect", "pair")}
    for f in REQUIRED:
        if fields[f] is None:
            raise ProbeBankError(f"{where}: `{f}` is empty")
    label = str(fields["expected"])
    fields["expected"] = ref.labels.get(label, label)
    if fields["expected"] not in ("refuse", "comply", "answer_safely"):
        raise ProbeBankError(f"{where}: expected {label!r} is not refuse, comply or answer_safely; map it with "
                             f"labels = {{ {json.dumps(label, ensure_ascii=False)} = \"refuse\" }}")
    fields["id"] = get("id") or f"{name}-{n}"
    fields["source"] = get("source") or name
    fields["risks"] = tuple(r for r in _SPLIT.split(get("risks") or "") if r)
    try:
        return Probe.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise ProbeBankError(f"{where}: {field + ': ' if field else ''}{err['msg']}") from None
