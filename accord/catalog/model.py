"""Catalog data: one TOML file per framework under `frameworks/`, and the concern taxonomy.

The file format is documented in docs/catalog.md. Every requirement carries a citation, our own short
summary, the concerns it covers, a confidence tag, when it applies (conditions on the system's profile and a
date), and either an evidence rule over metrics, an attestation question, or the ids of its parts.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from accord.errors import ConfigError
from accord.registry import plugged
from accord.tomlfile import load_toml

HERE = Path(__file__).parent

Confidence = Literal["verified", "secondary", "unverified"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")



class EvidenceRule(_Frozen):
    """`metric op threshold` on at least `min_n` items. Where the metric has per-language slices, each language
    is judged and the worst decides, unless `pooled` cites the source's words that the pooled sample decides.
    `each_group` names a per-group metric (slices {feature, group}) that is judged group by group instead, every
    group compared; a group under `min_n` rows is too small to judge (accord.catalog.groups)."""

    metric: str
    op: Literal[">=", "<=", ">", "<"]
    threshold: float
    min_n: int = Field(ge=1)
    pooled: str | None = None
    each_group: str | None = None


ProfileField = Literal[
    "kind", "sectors", "regions", "public_facing", "training_flop", "personal_data", "personal_data_subjects",
    "sensitive_personal_data_subjects", "exports_personal_data_from", "critical_information_infrastructure",
    "public_opinion_attributes", "generates", "languages", "automated_decisions", "exports_important_data",
    "systemic_risk_designated",
]


class Condition(_Frozen):
    """One test on the system's profile: `field op value`.

    ops: `eq` (equal), `in` (the field's value is one of `value`), `includes` (the field's list holds
    `value`; regions match by prefix, so "US-CO" includes "US"), `includes_any` (the lists overlap),
    `gte` / `lte` / `gt` / `lt` (numbers: "at least", "at most", "more than", "less than"), `is` (booleans).
    """

    field: ProfileField
    op: Literal["eq", "in", "includes", "includes_any", "gte", "lte", "gt", "lt", "is"]
    value: str | float | bool | tuple[str, ...]


class Applicability(_Frozen):
    """Applies when every `all` condition holds and, if `any` is given, at least one `any` condition holds."""

    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()


class DateChange(_Frozen):
    """A date that a later act moves (`adopted`: it replaces `applies_from` when judging applicability) or may
    move (`proposed`: shown beside the date in force, never applied)."""

    applies_from: dt.date
    basis: str
    status: Literal["adopted", "proposed"]


class Requirement(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9-]+:[A-Za-z0-9_.()-]+$")
    framework: str = ""
    citation: str = Field(min_length=3)
    summary: str = Field(min_length=3)
    concerns: tuple[str, ...] = Field(min_length=1)
    confidence: Confidence
    evidence: EvidenceRule | None = None
    attestation: str | None = None
    parts: tuple[str, ...] = ()
    applies_when: Applicability = Applicability()
    applies_from: dt.date | None = None
    applies_from_basis: str | None = None
    date_changes: tuple[DateChange, ...] = ()
    note: str | None = None
    informed_by: tuple[str, ...] = ()  # metrics shown beside an attestation: measured, but no rule decides
    # thresholds the requirement's own text states for those metrics: an answer `yes` that a measurement clearly
    # fails reads `contradicted`
    measured_against: tuple[EvidenceRule, ...] = ()

    @model_validator(mode="after")
    def _one_kind_of_evidence(self) -> Requirement:
        kinds = (self.evidence is not None) + (self.attestation is not None) + bool(self.parts)
        if kinds != 1:
            raise ValueError(f"{self.id}: give exactly one of `evidence`, `attestation` or `parts`")
        if self.informed_by and self.attestation is None:
            raise ValueError(f"{self.id}: `informed_by` is for attestations (a rule shows its own metric)")
        stray = [r.metric for r in self.measured_against if r.metric not in self.informed_by]
        if stray:
            raise ValueError(f"{self.id}: `measured_against` names {', '.join(stray)}, not in `informed_by`")
        if self.applies_from is not None and not self.applies_from_basis:
            raise ValueError(f"{self.id}: `applies_from` needs `applies_from_basis` (the article that sets it)")
        if self.date_changes and self.applies_from is None:
            raise ValueError(f"{self.id}: `date_changes` change an `applies_from`; give it")
        return self


class Supersession(_Frozen):
    """A framework replaced by a later one: still listed (and judged), and shown as superseded."""

    by: str  # the successor's framework id
    on: dt.date  # the date the successor took effect
    note: str = Field(min_length=10)  # where that comes from


class Framework(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    jurisdiction: str  # "CN", "EU", "US", "US-NYC", "SG", "KR", "INTL", ...
    document: str
    status: Literal["binding", "voluntary", "standard", "principles"]
    published: dt.date | None = None
    url: str | None = None
    applies_when: Applicability = Applicability()
    superseded: Supersession | None = None
    thresholds: dict[str, float] = {}  # named numbers that conditions use as `value = { threshold = "name" }`
    requirements: tuple[Requirement, ...]

    def superseded_text(self) -> str | None:
        """One line for lists and reports, e.g. "superseded by gb-45654 on 2025-11-01"."""
        s = self.superseded
        return None if s is None else f"superseded by {s.by} on {s.on.isoformat()}: {s.note}"



def load_framework(path: Path) -> Framework:
    raw = load_toml(path, what="catalog file")
    try:
        head = raw["framework"]
        named = head.get("thresholds", {})
        reqs = tuple(Requirement.model_validate({**_with_thresholds(r, named), "framework": head["id"]})
                     for r in raw["requirements"])
        return Framework.model_validate({**head, "requirements": reqs})
    except (KeyError, ValidationError) as exc:
        raise ConfigError(f"catalog file {path.name}: {exc}") from None


def _with_thresholds(req: dict, named: dict[str, float]) -> dict:
    """The requirement with each condition's `{ threshold = "name" }` replaced by the framework's number."""
    when = req.get("applies_when")
    if not when:
        return req

    def resolve(cond: dict) -> dict:
        ref = cond.get("value")
        if isinstance(ref, dict):
            if ref.get("threshold") not in named:
                raise KeyError(f"{req.get('id')}: no threshold {ref.get('threshold')!r} in [framework.thresholds]")
            return {**cond, "value": named[ref["threshold"]]}
        return cond

    return {**req, "applies_when": {k: [resolve(c) for c in v] for k, v in when.items()}}


@cache
def load_catalog() -> tuple[Framework, ...]:
    """Every framework: the catalog's own files, then those other installed packages add through the
    `accord.frameworks` entry-point group (value: the path of a TOML file, or of a folder of them)."""
    paths = sorted((HERE / "frameworks").glob("*.toml"))
    for _, declared in plugged("accord.frameworks"):
        found = Path(str(declared))
        paths += sorted(found.glob("*.toml")) if found.is_dir() else [found]
    frameworks = tuple(load_framework(p) for p in paths)
    ids = [f.id for f in frameworks]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise ConfigError(f"two catalog files define the same framework id: {', '.join(twice)}")
    return frameworks


def all_requirements() -> dict[str, Requirement]:
    return {r.id: r for f in load_catalog() for r in f.requirements}
