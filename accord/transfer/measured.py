"""People measured in a corpus (the identifiers `accord scan --summary` counted, by country) set beside the
figures a data flow declares: what the measured counts would require, and which identifiers count as
sensitive personal information for China's thresholds (rules/cn-sensitive-identifiers.toml)."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from accord.errors import ConfigError

RULES = Path(__file__).parent / "rules" / "cn-sensitive-identifiers.toml"


class MeasuredIdentifier(BaseModel):
    """One row of a scan summary's `identifiers` (accord.scan.people.IdentifierCount)."""

    model_config = ConfigDict(extra="ignore")

    country: str
    type: str
    person: bool
    distinct: int
    documents: int


class MeasuredPeople(BaseModel):
    source: str
    identifiers: list[MeasuredIdentifier]

    @property
    def people_by_country(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in self.identifiers:
            if i.person:
                out[i.country] = out.get(i.country, 0) + i.distinct
        return dict(sorted(out.items()))

    @property
    def people(self) -> int:
        return sum(self.people_by_country.values())

    @property
    def sensitive_people(self) -> int:
        sensitive = sensitive_types()
        return sum(i.distinct for i in self.identifiers if i.person and i.type in sensitive)

    def people_in(self, countries: frozenset[str]) -> int:
        return sum(n for c, n in self.people_by_country.items() if c in countries)


@cache
def sensitivity_rules() -> dict[str, Any]:
    return tomllib.loads(RULES.read_text(encoding="utf-8"))


def sensitive_types() -> frozenset[str]:
    return frozenset(t for c in sensitivity_rules()["classes"] if c["sensitive"] for t in c["types"])


def load_measured(path: Path) -> MeasuredPeople:
    """The identifiers counted in a scan summary written by `accord scan --summary FILE`."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"scan summary not found: {path}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not a scan summary (JSON): {exc}") from None
    if not isinstance(raw, dict) or "identifiers" not in raw:
        raise ConfigError(f"{path} is not a scan summary with identifier counts (write one with "
                          "`accord scan PATH --summary FILE`)")
    try:
        return MeasuredPeople(source=str(path), identifiers=raw["identifiers"])
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"{path}: identifiers.{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
