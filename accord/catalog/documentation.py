"""What rules ask documentation to contain, element by element (documentation.toml): catalog data with sources.

Each element carries its citation (`source`), how sure we are of it (`confidence`, default its rule's: `verified`
where the element was read in a reproduction of the primary text, `secondary` where only in quotations of it,
`unverified` where the primary text could not be read; `read` says where it was read and what could not be), and
whether the text asks for it only `where applicable`. `like` names another element ("<requirement>#<element>")
whose finding patterns it shares, so the same words are not listed twice.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from accord.catalog.model import HERE, Confidence
from accord.errors import ConfigError
from accord.tomlfile import load_toml


class Element(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    asks: str = Field(min_length=5)
    source: str = Field(min_length=5)
    headings: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    like: str | None = Field(None, pattern=r"^[a-z0-9:.-]+#[a-z0-9-]+$")
    confidence: Confidence | None = None  # None: the rule's
    where_applicable: bool = False  # the text asks for it only where it applies to the system

    @field_validator("headings", "keys")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for p in patterns:
            re.compile(p)
        return patterns

    @model_validator(mode="after")
    def _patterns(self) -> Element:
        if not self.headings and self.like is None:
            raise ValueError(f"element {self.id}: give `headings` or `like`")
        return self


class DocumentationRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    requirement: str
    confidence: Confidence = "verified"
    read: str = ""  # where the source text was read, and what of it could not be
    elements: tuple[Element, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _read_said(self) -> DocumentationRule:
        shaky = self.confidence != "verified" or any(e.confidence not in (None, "verified") for e in self.elements)
        if shaky and not self.read.strip():
            raise ValueError(f"{self.requirement}: an element not verified needs `read` (what could be read, where)")
        return self


@cache
def documentation_rules() -> tuple[DocumentationRule, ...]:
    raw = load_toml(HERE / "documentation.toml", what="catalog file")
    try:
        rules = tuple(DocumentationRule.model_validate(r) for r in raw.get("rules", []))
    except ValidationError as exc:
        raise ConfigError(f"catalog file documentation.toml: {exc}") from None
    return _resolved(rules)


def _resolved(rules: tuple[DocumentationRule, ...]) -> tuple[DocumentationRule, ...]:
    """Each element with its rule's confidence where it has none, and the patterns of the element it is `like`."""
    by_ref = {f"{r.requirement}#{e.id}": e for r in rules for e in r.elements}
    out = []
    for r in rules:
        elements = []
        for e in r.elements:
            update: dict[str, object] = {"confidence": e.confidence or r.confidence}
            if e.like is not None:
                other = by_ref.get(e.like)
                if other is None or other.like is not None:
                    raise ConfigError(f"catalog file documentation.toml: {r.requirement}#{e.id}: `like` names "
                                      f"{e.like}, which is not an element with patterns of its own")
                update.update(headings=e.headings or other.headings, keys=e.keys or other.keys)
            elements.append(e.model_copy(update=update))
        out.append(r.model_copy(update={"elements": tuple(elements)}))
    return tuple(out)
