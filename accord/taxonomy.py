"""Accord's shared risk taxonomy: the concerns that join checks to requirements (data: taxonomy.toml).

A bottom-layer module: the catalog, checks, scorers and the report all read it; it imports none of them.
Sub-concerns (TC260-003 Appendix A risks) name a `parent`; `hub_of` walks up to the top-level concern.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from accord.tomlfile import load_toml

TAXONOMY_FILE = Path(__file__).with_name("taxonomy.toml")


class Concern(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_.]+$")
    name_en: str
    name_zh: str
    definition: str
    parent: str | None = None
    tc260_003: tuple[str, ...] = ()  # TC260-003 Appendix A risk codes, e.g. "A.2.e"
    nist_600_1: tuple[str, ...] = ()  # NIST AI 600-1 risk names


@cache
def load_taxonomy() -> dict[str, Concern]:
    raw = load_toml(TAXONOMY_FILE, what="the concern taxonomy")
    return {c["id"]: Concern.model_validate(c) for c in raw["concerns"]}


def hub_of(concern_id: str, taxonomy: dict[str, Concern] | None = None) -> str:
    """The top-level concern that `concern_id` rolls up to (itself when it has no parent)."""
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    seen = set()
    while (parent := taxonomy[concern_id].parent) is not None and concern_id not in seen:
        seen.add(concern_id)
        concern_id = parent
    return concern_id


@cache
def hubs() -> dict[str, str]:
    """Every concern id -> its hub concern id."""
    return {c: hub_of(c) for c in load_taxonomy()}


@cache
def risk_names_en() -> dict[str, str]:
    """TC260-003 Appendix A risk code -> the English name of the concern that holds it."""
    return {code: c.name_en for c in load_taxonomy().values() for code in c.tc260_003}


@cache
def concern_of_risk() -> dict[str, str]:
    """TC260-003 Appendix A risk code -> the id of the concern that holds it."""
    return {code: c.id for c in load_taxonomy().values() for code in c.tc260_003}
