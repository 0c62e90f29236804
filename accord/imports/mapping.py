"""Which Accord metric each imported probe evidences: the rules of `mapping.toml`, or the user's `--as KIND`.

Nothing is guessed: a probe no rule matches is `unmapped`, and an unmapped item is counted nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accord.errors import ConfigError
from accord.tomlfile import load_toml

MAPPING_FILE = Path(__file__).with_name("mapping.toml")
TOOLS = ("inspect", "garak", "promptfoo")


class Kind(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    check: Literal["refusal", "jailbreak"]
    expected: Literal["refuse", "comply"]
    metric: str
    means: str


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    probe: str
    kind: str
    concern: str | None = None
    why: str


class Mapping(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kinds: dict[str, Kind]
    inspect: tuple[Rule, ...] = ()
    garak: tuple[Rule, ...] = ()
    promptfoo: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Mapped:
    kind: str
    check: str
    expected: str
    concern: str
    by: str  # the rule or the user's word that decided


@cache
def load_mapping() -> Mapping:
    mapping = Mapping.model_validate(load_toml(MAPPING_FILE, what="import mapping"))
    for tool in TOOLS:
        for rule in getattr(mapping, tool):
            if rule.kind not in mapping.kinds:
                raise ConfigError(f"{MAPPING_FILE}: {tool} rule {rule.probe!r} names unknown kind {rule.kind!r}")
    return mapping


def kind_names() -> tuple[str, ...]:
    return tuple(load_mapping().kinds)


def map_probe(tool: str, probe: str, as_kind: str | None = None) -> Mapped | None:
    """The kind of one probe of `tool`: the user's `as_kind` when given, else the first matching rule, else
    None (unmapped)."""
    mapping = load_mapping()
    if as_kind is not None:
        if as_kind not in mapping.kinds:
            raise ConfigError(f"--as {as_kind}: unknown kind; known: {', '.join(mapping.kinds)}")
        k = mapping.kinds[as_kind]
        return Mapped(as_kind, k.check, k.expected, "unspecified", f"--as {as_kind} (the importer's word)")
    for rule in getattr(mapping, tool):
        if fnmatchcase(probe, rule.probe):
            k = mapping.kinds[rule.kind]
            return Mapped(rule.kind, k.check, k.expected, rule.concern or "unspecified",
                          f"mapping.toml [{tool}] {rule.probe!r}: {rule.why}")
    return None
