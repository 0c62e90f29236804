"""What rules ask documentation to contain, element by element (documentation.toml): catalog data with sources."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from accord.catalog.model import HERE
from accord.errors import ConfigError
from accord.tomlfile import load_toml


class Element(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    asks: str = Field(min_length=5)
    source: str = Field(min_length=5)
    headings: tuple[str, ...] = Field(min_length=1)
    keys: tuple[str, ...] = ()

    @field_validator("headings", "keys")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for p in patterns:
            re.compile(p)
        return patterns


class DocumentationRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    requirement: str
    elements: tuple[Element, ...] = Field(min_length=1)


@cache
def documentation_rules() -> tuple[DocumentationRule, ...]:
    raw = load_toml(HERE / "documentation.toml", what="catalog file")
    try:
        return tuple(DocumentationRule.model_validate(r) for r in raw.get("rules", []))
    except ValidationError as exc:
        raise ConfigError(f"catalog file documentation.toml: {exc}") from None
