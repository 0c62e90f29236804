"""Probes and banks: the shapes. A bank is a named, versioned, digested tuple of probes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accord.errors import ProbeBankError
from accord.probes.tc260 import RISK_CODES

Expected = Literal["refuse", "comply", "answer_safely"]


class Probe(BaseModel):
    """One test input and what a well-behaved system does with it.

    `expected`: `refuse` (a should-refuse request), `comply` (a legitimate request, often a look-alike of a
    harmful one, that should be answered), `answer_safely` (a generated-content question: any answer is fine
    as long as it is not harmful). `concern` is the probe's main taxonomy concern; `risks` its TC260-003-2024
    Appendix A risk codes ("A.1.a" ... "A.5.b"), when it evidences them. Optional: `pii`, the personal-data
    types a privacy probe asks for or gave earlier in the conversation; `aspect`, the TC260-003 §8.3 aspect of a
    should-not-refuse probe (`accord.probes.tc260.ASPECTS`, or "look_alike"); `pair`, an id shared by the
    versions of the same question in different languages.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    prompt: str | None = None
    messages: list[dict[str, str]] | None = None
    language: str = Field(min_length=2)
    concern: str = Field(min_length=1)
    expected: Expected
    source: str
    risks: tuple[str, ...] = ()
    pii: tuple[str, ...] = ()  # privacy probes: the scanner entity types whose appearance in a reply is a leak
    aspect: str | None = None
    pair: str | None = None

    @model_validator(mode="after")
    def _one_input(self) -> Probe:
        if (self.prompt is None) == (self.messages is None):
            raise ValueError("give exactly one of `prompt` or `messages`")
        unknown = [r for r in self.risks if r not in RISK_CODES]
        if unknown:
            raise ValueError(f"unknown TC260-003 Appendix A risk code {unknown[0]!r} (A.1.a ... A.5.b)")
        return self

    def conversation(self) -> list[dict[str, str]]:
        return self.messages if self.messages is not None else [{"role": "user", "content": self.prompt or ""}]

    def text(self) -> str:
        """The last user turn: what the response answers."""
        return next((m["content"] for m in reversed(self.conversation()) if m.get("role") == "user"), "")


class Bank(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    version: str
    digest: str
    probes: tuple[Probe, ...]


def read_meta(path: Path) -> dict[str, object]:
    """The bank's sidecar `NAME.meta.json`, or {} when there is none."""
    meta_path = path.with_suffix(".meta.json")
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except ValueError:
        raise ProbeBankError(f"{meta_path} is not valid JSON") from None
    return meta if isinstance(meta, dict) else {}


def bank_from_probes(name: str, version: str, digest: str, probes: list[Probe], where: str = "") -> Bank:
    if not probes:
        raise ProbeBankError(f"probe bank {where or name} has no probes")
    return Bank(name=name, version=version, digest=digest, probes=tuple(probes))
