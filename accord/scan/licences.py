"""Training-data licence evidence from a dataset manifest: licences normalised to SPDX, and what they allow.

A manifest lists the records (or the sources) of a training set with a licence each, as CSV, JSONL or Parquet.
Columns are found by name (case-insensitive): the licence (`license`, `licence`, `license_id`, `spdx`,
`spdx_id`), the source (`url`, `source_url`, `source`, `homepage`), a record count when a row stands for many
records (`records`, `count`, `num_records`, `rows`), and an opt-out signal when recorded (`opt_out`,
`tdm_opt_out`, `tdm_reservation`, `ai_opt_out`: true/yes/1).

Licences are normalised with the `license-expression` library's SPDX licence list (an expression such as
`MIT OR Apache-2.0` is kept whole; case and spacing are forgiven: `apache 2.0` → `Apache-2.0`). A value that
names no SPDX licence is **unknown**, an empty one **missing**. Terms read from the SPDX ids: **non-commercial**
(a Creative Commons `-NC` licence), **share-alike** (a Creative Commons `-SA` licence) and **copyleft** (the
GPL, LGPL, AGPL, MPL, EPL, EUPL, CDDL, OSL families and ODbL, which ask derived works to keep the licence). An
expression with OR is counted under a term only when every choice carries it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from accord.errors import ConfigError


class ManifestError(ConfigError):
    """A manifest that cannot be read, or that has no licence column (exit 2, like a file `accord scan` cannot read)."""


LICENCE_COLUMNS = ("license", "licence", "license_id", "licence_id", "spdx", "spdx_id", "license_spdx")
SOURCE_COLUMNS = ("url", "source_url", "source", "homepage", "origin")
COUNT_COLUMNS = ("records", "count", "num_records", "rows", "n_records")
OPT_OUT_COLUMNS = ("opt_out", "tdm_opt_out", "tdm_reservation", "ai_opt_out")
_COPYLEFT = re.compile(r"^(A?GPL|LGPL|MPL|EPL|EUPL|CDDL|OSL|ODbL|CECILL)-", re.IGNORECASE)
_TRUE = {"true", "yes", "1", "y", "t"}


@cache
def _licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


@dataclass(frozen=True)
class Normalised:
    spdx: str | None  # the normalised SPDX expression; None when unknown or missing
    raw: str
    symbols: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, ...], ...] = ()  # the ids of each OR choice

    @property
    def status(self) -> str:
        return "known" if self.spdx else ("missing" if not self.raw.strip() else "unknown")


@cache
def normalise(raw: str) -> Normalised:
    """The SPDX expression `raw` names, or an unknown/missing marker."""
    text = raw.strip()
    if not text or text.lower() in ("none", "null", "nan", "n/a"):
        return Normalised(None, "")
    licensing = _licensing()
    for candidate in dict.fromkeys((text, re.sub(r"\s+(?=\d)", "-", text), text.replace(" ", "-"))):
        info = licensing.validate(candidate)
        if not info.errors and not info.invalid_symbols and info.normalized_expression:
            parsed = licensing.parse(info.normalized_expression)
            symbols = tuple(sorted(str(s) for s in parsed.symbols))
            return Normalised(info.normalized_expression, text, symbols, _alternatives(licensing, parsed))
    return Normalised(None, text)


def _alternatives(licensing: Any, parsed: Any) -> tuple[tuple[str, ...], ...]:
    """Each OR choice of the expression as the ids it requires."""
    if type(parsed).__name__ == "OR":
        return tuple(ids for arg in parsed.args for ids in _alternatives(licensing, arg))
    return (tuple(sorted(str(s) for s in parsed.symbols)),)


def _every_choice(n: Normalised, test: re.Pattern[str]) -> bool:
    """Whether every OR choice of the expression has an id matching `test`."""
    return bool(n.alternatives) and all(any(test.search(i) for i in ids) for ids in n.alternatives)


def terms(n: Normalised) -> tuple[str, ...]:
    out = []
    if _every_choice(n, re.compile(r"^CC-BY(-[A-Z]+)*-NC", re.IGNORECASE)):
        out.append("non_commercial")
    if _every_choice(n, re.compile(r"^CC-BY(-[A-Z]+)*-SA", re.IGNORECASE)):
        out.append("share_alike")
    if _every_choice(n, _COPYLEFT):
        out.append("copyleft")
    return tuple(out)


class LicenceLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    licence: str  # the SPDX expression, or "unknown: <raw>" / "missing"
    records: int
    share: float
    terms: tuple[str, ...] = ()


class LicenceReport(BaseModel):
    """What a manifest says about its licences, by records (a row counts its `records` column, else 1)."""

    model_config = ConfigDict(frozen=True)

    manifest: str
    rows: int
    records: int
    licences: list[LicenceLine]
    unknown_records: int
    missing_records: int
    non_commercial_records: int
    share_alike_records: int
    copyleft_records: int
    opt_out_records: int | None  # None: the manifest records no opt-out signal
    sources_without_licence: list[str] = []  # up to 20, of rows whose licence is unknown or missing


@dataclass
class _Tally:
    rows: int = 0
    by_licence: Counter[str] = field(default_factory=Counter)
    terms_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    opt_out: int | None = None
    loose_sources: list[str] = field(default_factory=list)

    def add(self, licence: str, source: str | None, count: int, opt_out: bool | None) -> None:
        n = normalise(licence)
        key = n.spdx or ("missing" if n.status == "missing" else f"unknown: {n.raw[:80]}")
        self.rows += 1
        self.by_licence[key] += count
        self.terms_of.setdefault(key, terms(n))
        if opt_out is not None:
            self.opt_out = (self.opt_out or 0) + (count if opt_out else 0)
        if n.spdx is None and source and len(self.loose_sources) < 20 and source not in self.loose_sources:
            self.loose_sources.append(source)

    def report(self, manifest: str) -> LicenceReport:
        total = sum(self.by_licence.values())
        lines = [LicenceLine(licence=k, records=v, share=v / total if total else 0.0, terms=self.terms_of[k])
                 for k, v in sorted(self.by_licence.items(), key=lambda kv: (-kv[1], kv[0]))]

        def where(pred: Any) -> int:
            return sum(x.records for x in lines if pred(x))

        return LicenceReport(
            manifest=manifest, rows=self.rows, records=total, licences=lines,
            unknown_records=where(lambda x: x.licence.startswith("unknown: ")),
            missing_records=where(lambda x: x.licence == "missing"),
            non_commercial_records=where(lambda x: "non_commercial" in x.terms),
            share_alike_records=where(lambda x: "share_alike" in x.terms),
            copyleft_records=where(lambda x: "copyleft" in x.terms),
            opt_out_records=self.opt_out, sources_without_licence=self.loose_sources)


def _pick(columns: Iterable[str], wanted: tuple[str, ...]) -> str | None:
    lower = {c.lower(): c for c in columns}
    return next((lower[w] for w in wanted if w in lower), None)


def _batches(path: Path) -> Iterator[Any]:
    """The manifest as pandas frames of at most 100,000 rows."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            yield from pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=100_000)
        elif suffix in (".jsonl", ".ndjson"):
            yield from pd.read_json(path, lines=True, dtype=False, chunksize=100_000)
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=100_000):
                yield batch.to_pandas()
        else:
            raise ManifestError(f"{path}: a manifest is .csv, .jsonl or .parquet")
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc}") from None


def licence_report(path: Path, *, licence_column: str | None = None) -> LicenceReport:
    """Read the manifest at `path` and tally its records by normalised licence."""
    if not path.is_file():
        raise ManifestError(f"{path}: no such file")
    tally = _Tally()
    for frame in _batches(path):
        lic = licence_column or _pick(frame.columns, LICENCE_COLUMNS)
        if lic is None or lic not in frame.columns:
            raise ManifestError(f"{path}: no licence column (looked for {', '.join(LICENCE_COLUMNS)}; name yours "
                                "with --licence-column)")
        src, cnt, opt = (_pick(frame.columns, c) for c in (SOURCE_COLUMNS, COUNT_COLUMNS, OPT_OUT_COLUMNS))
        n = len(frame)
        licences = frame[lic].fillna("").astype(str).tolist()
        sources = frame[src].fillna("").astype(str).tolist() if src else [None] * n
        counts = [_count(v) for v in frame[cnt].tolist()] if cnt else [1] * n
        opts = [str(v).strip().lower() in _TRUE for v in frame[opt].tolist()] if opt else [None] * n
        for row in zip(licences, sources, counts, opts, strict=True):
            tally.add(*row)
    return tally.report(str(path))


def _count(value: object) -> int:
    try:
        return max(0, int(float(str(value))))
    except ValueError:
        return 1
