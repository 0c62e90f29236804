"""Catalog data: one TOML file per framework under `frameworks/`, and the concern taxonomy."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

HERE = Path(__file__).parent


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Concern(_Frozen):
    id: str
    name_en: str
    name_zh: str
    definition: str


class EvidenceRule(_Frozen):
    metric: str
    op: Literal[">=", "<=", ">", "<"]
    threshold: float
    min_n: int = Field(ge=1)


class Requirement(_Frozen):
    id: str
    framework: str = ""
    citation: str
    summary: str
    concerns: list[str]
    confidence: Literal["verified", "secondary", "unverified"]
    evidence: EvidenceRule | None = None
    attestation: str | None = None


class Framework(_Frozen):
    id: str
    title: str
    jurisdiction: str
    document: str
    requirements: tuple[Requirement, ...]


@cache
def load_taxonomy() -> dict[str, Concern]:
    raw = tomllib.loads((HERE / "taxonomy.toml").read_text(encoding="utf-8"))
    return {c["id"]: Concern.model_validate(c) for c in raw["concerns"]}


@cache
def load_catalog() -> tuple[Framework, ...]:
    frameworks = []
    for path in sorted((HERE / "frameworks").glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        head = raw["framework"]
        reqs = tuple(Requirement.model_validate({**r, "framework": head["id"]}) for r in raw["requirements"])
        frameworks.append(Framework(**head, requirements=reqs))
    return tuple(frameworks)
