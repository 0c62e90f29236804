"""Loading probe banks.

A bank is `NAME.jsonl` (one probe per line) with a sidecar `NAME.meta.json` giving its name and
version. Banks that ship with Accord live in this package's `banks/` folder and are named by NAME;
any other bank is named by its path.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from accord.config import BankFile, BankRef
from accord.errors import ProbeBankError
from accord.probes.tc260 import RISK_CODES

BUILTIN_DIR = Path(__file__).parent / "banks"


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


def load_bank(ref: BankRef) -> Bank:
    """A built-in bank by name, a bank in Accord's JSONL format by path, or a file of yours (a `.csv` path, or a
    `BankFile` mapping its columns onto probe fields: see `accord.probes.sources`)."""
    if isinstance(ref, BankFile) or ref.lower().endswith(".csv"):
        from accord.probes.sources import load_file

        return load_file(ref if isinstance(ref, BankFile) else BankFile(path=Path(ref)))
    path = BUILTIN_DIR / f"{ref}.jsonl" if "/" not in ref and not ref.endswith(".jsonl") else Path(ref)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in BUILTIN_DIR.glob("*.jsonl")))
        raise ProbeBankError(f"probe bank {ref!r} not found (built-in banks: {known})")
    raw = path.read_bytes()
    meta = read_meta(path)
    probes: list[Probe] = []
    seen: set[str] = set()
    for lineno, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            probe = Probe.model_validate_json(line)
        except ValidationError as exc:
            raise ProbeBankError(f"{path}:{lineno}: {exc.errors()[0]['msg']}") from None
        if probe.id in seen:
            raise ProbeBankError(f"{path}:{lineno}: duplicate probe id {probe.id!r}")
        seen.add(probe.id)
        probes.append(probe)
    return bank_from_probes(str(meta.get("name", path.stem)), str(meta.get("version", "unversioned")),
                            hashlib.sha256(raw).hexdigest()[:16], probes, where=str(path))


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
