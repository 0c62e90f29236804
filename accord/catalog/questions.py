"""The questionnaire's grouping: which attestation requirements one answer settles (questions.toml, reviewed by
hand). Every attestation requirement not in a group is its own question, under its own id and in its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from accord.catalog.model import HERE, Requirement, all_requirements
from accord.errors import ConfigError
from accord.tomlfile import load_toml


class QuestionGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    question: str = Field(min_length=10)
    settles: tuple[str, ...] = Field(min_length=2)
    why: str = Field(min_length=10)


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire: a hand-made group, or a single requirement's own question."""

    id: str
    text: str
    settles: tuple[Requirement, ...]
    why: str | None = None


@cache
def question_groups() -> tuple[QuestionGroup, ...]:
    raw = load_toml(HERE / "questions.toml", what="catalog file")
    try:
        groups = tuple(QuestionGroup.model_validate(q) for q in raw.get("questions", []))
    except ValidationError as exc:
        raise ConfigError(f"catalog file questions.toml: {exc}") from None
    return groups


@cache
def all_questions() -> dict[str, Question]:
    """Every question by id: the groups, then each attestation requirement outside a group (id = its own)."""
    reqs = all_requirements()
    out: dict[str, Question] = {}
    grouped: set[str] = set()
    for g in question_groups():
        out[g.id] = Question(g.id, g.question, tuple(reqs[r] for r in g.settles if r in reqs), g.why)
        grouped.update(g.settles)
    for r in reqs.values():
        if r.attestation is not None and r.id not in grouped:
            out[r.id] = Question(r.id, r.attestation, (r,))
    return out


@cache
def question_of() -> dict[str, str]:
    """Each attestation requirement's question id."""
    return {r.id: q.id for q in all_questions().values() for r in q.settles}


def problems() -> list[str]:
    """What is wrong with questions.toml against the catalog (empty when it is sound); the conformance tests
    require none."""
    reqs = all_requirements()
    said = []
    seen: dict[str, str] = {}
    for g in question_groups():
        if g.id in reqs:
            said.append(f"{g.id}: a question id must not be a requirement id")
        if len(set(g.settles)) != len(g.settles):
            said.append(f"{g.id}: names a requirement twice")
        for r in g.settles:
            if r not in reqs:
                said.append(f"{g.id}: no requirement {r}")
            elif reqs[r].attestation is None:
                said.append(f"{g.id}: {r} is not answered by attestation")
            if r in seen:
                said.append(f"{r} is in two questions ({seen[r]} and {g.id})")
            seen[r] = g.id
    ids = [g.id for g in question_groups()]
    said += [f"question id {i} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return said
