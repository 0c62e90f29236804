"""The licence tally behind `accord.scan.licences`: SPDX normalisation, terms, the report's shape, and the
per-batch tally that merges (in this process or on Ray workers)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

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
    text = _from_url(text)
    licensing = _licensing()
    for candidate in dict.fromkeys((text, re.sub(r"\s+(?=\d)", "-", text), text.replace(" ", "-"))):
        try:
            info = licensing.validate(candidate)
        except Exception:  # noqa: BLE001 - the library fails (AttributeError) on some characters, e.g. "/"
            continue
        if not info.errors and not info.invalid_symbols and info.normalized_expression:
            parsed = licensing.parse(info.normalized_expression)
            symbols = tuple(sorted(str(s) for s in parsed.symbols))
            return Normalised(info.normalized_expression, text, symbols, _alternatives(licensing, parsed))
    return Normalised(None, text)


_SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/([A-Za-z0-9.+-]+?)(?:\.html|\.json)?/?$")
_CC_URL = re.compile(r"^https?://creativecommons\.org/(?:licenses/([a-z-]+)|publicdomain/(zero))/(\d\.\d)/?", re.I)


def _from_url(text: str) -> str:
    """The SPDX id a licence URL names (an SPDX licence page, a Creative Commons deed), else `text` unchanged."""
    if m := _SPDX_URL.match(text):
        return m.group(1)
    if m := _CC_URL.match(text):
        return f"CC0-{m.group(3)}" if m.group(2) else f"CC-{m.group(1).upper()}-{m.group(3)}"
    return text


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
    format: Literal["table", "dataset-card", "croissant"] = "table"  # what the manifest was read as
    based_on: list[str] = []  # datasets this one derives from (card `source_datasets`, Croissant `isBasedOn`)
    findings: list[str] = []  # what the card or Croissant file lacks or says oddly
    cite_as: str | None = None  # Croissant `citeAs`


@dataclass
class Partial:
    """The tally of one batch of rows: records by raw licence value, and what the report needs beside. Partials
    of consecutive batches merge (`merge`) into the same figures whichever process or Ray worker made them."""

    rows: int = 0
    by_raw: Counter[str] = field(default_factory=Counter)
    opt_out: int | None = None  # None: no opt-out column
    loose_sources: list[str] = field(default_factory=list)  # first distinct sources with no usable licence

    def merge(self, other: Partial) -> Partial:
        """This batch followed by `other`."""
        loose = list(dict.fromkeys(self.loose_sources + other.loose_sources))[:LOOSE_SOURCES]
        opt = None if self.opt_out is None and other.opt_out is None else (self.opt_out or 0) + (other.opt_out or 0)
        return Partial(self.rows + other.rows, self.by_raw + other.by_raw, opt, loose)


LOOSE_SOURCES = 20


@dataclass(frozen=True)
class Columns:
    """The manifest's columns that matter, found by name."""

    licence: str
    source: str | None
    count: str | None
    opt_out: str | None

    @classmethod
    def of(cls, path: Path, columns: Iterable[str], licence_column: str | None) -> Columns:
        names = list(columns)
        lic = licence_column or _pick(names, LICENCE_COLUMNS)
        if lic is None or lic not in names:
            raise ManifestError(f"{path}: no licence column (looked for {', '.join(LICENCE_COLUMNS)}; name yours "
                                "with --licence-column)")
        src, cnt, opt = (_pick(names, c) for c in (SOURCE_COLUMNS, COUNT_COLUMNS, OPT_OUT_COLUMNS))
        return cls(lic, src, cnt, opt)

    def keep(self) -> list[str]:
        return [c for c in (self.licence, self.source, self.count, self.opt_out) if c is not None]


def tally(frame: Any, cols: Columns) -> Partial:
    """One batch (a pandas frame) counted by raw licence value, vectorised: each distinct value is normalised
    once, not each row."""
    import pandas as pd

    n = len(frame)
    lic = frame[cols.licence].fillna("").astype(str)
    if cols.count:
        counts = pd.to_numeric(frame[cols.count], errors="coerce").fillna(1).clip(lower=0).astype("int64")
    else:
        counts = pd.Series(1, index=frame.index, dtype="int64")
    by_raw = Counter({str(k): int(v) for k, v in counts.groupby(lic.values, sort=False).sum().items()})
    opt = None
    if cols.opt_out:
        flags = frame[cols.opt_out].astype(str)
        said_yes = [v for v in flags.unique() if v.strip().lower() in _TRUE]  # each distinct value read once
        opt = int(counts[flags.isin(said_yes).values].sum())
    loose: list[str] = []
    if cols.source:
        bad = [raw for raw in by_raw if normalise(raw).spdx is None]
        if bad:
            src = frame[cols.source].fillna("").astype(str).values
            for value in src[lic.isin(bad).values]:  # in row order, until enough distinct ones
                if value and value not in loose:
                    loose.append(value)
                    if len(loose) == LOOSE_SOURCES:
                        break
    return Partial(n, by_raw, opt, loose)


def build_report(manifest: str, part: Partial, **extra: Any) -> LicenceReport:
    """The report of a whole manifest's merged tally."""
    by_licence: Counter[str] = Counter()
    terms_of: dict[str, tuple[str, ...]] = {}
    for raw, count in part.by_raw.items():
        n = normalise(raw)
        key = n.spdx or ("missing" if n.status == "missing" else f"unknown: {n.raw[:80]}")
        by_licence[key] += count
        terms_of.setdefault(key, terms(n))
    total = sum(by_licence.values())
    lines = [LicenceLine(licence=k, records=v, share=v / total if total else 0.0, terms=terms_of[k])
             for k, v in sorted(by_licence.items(), key=lambda kv: (-kv[1], kv[0]))]

    def where(pred: Any) -> int:
        return sum(x.records for x in lines if pred(x))

    return LicenceReport(
        manifest=manifest, rows=part.rows, records=total, licences=lines,
        unknown_records=where(lambda x: x.licence.startswith("unknown: ")),
        missing_records=where(lambda x: x.licence == "missing"),
        non_commercial_records=where(lambda x: "non_commercial" in x.terms),
        share_alike_records=where(lambda x: "share_alike" in x.terms),
        copyleft_records=where(lambda x: "copyleft" in x.terms),
        opt_out_records=part.opt_out, sources_without_licence=part.loose_sources, **extra)


def _pick(columns: Iterable[str], wanted: tuple[str, ...]) -> str | None:
    lower = {c.lower(): c for c in columns}
    return next((lower[w] for w in wanted if w in lower), None)
