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

from accord.errors import ProbeBankError

BUILTIN_DIR = Path(__file__).parent / "banks"


Expected = Literal["refuse", "comply", "answer_safely"]


class Probe(BaseModel):
    """One test input and what a well-behaved system does with it.

    `expected`: `refuse` (a should-refuse request), `comply` (a legitimate request, often a look-alike of a
    harmful one, that should be answered), `answer_safely` (a generated-content question: any answer is fine
    as long as it is not harmful). `concern` is the probe's main taxonomy concern; `risks` its TC260-003-2024
    Appendix A risk codes ("A.1.a" ... "A.5.b"), when it evidences them; `pii` the personal-data types a
    privacy probe asks for or gave earlier in the conversation.
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

    @model_validator(mode="after")
    def _one_input(self) -> Probe:
        if (self.prompt is None) == (self.messages is None):
            raise ValueError("give exactly one of `prompt` or `messages`")
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


def load_bank(ref: str) -> Bank:
    path = BUILTIN_DIR / f"{ref}.jsonl" if "/" not in ref and not ref.endswith(".jsonl") else Path(ref)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in BUILTIN_DIR.glob("*.jsonl")))
        raise ProbeBankError(f"probe bank {ref!r} not found (built-in banks: {known})")
    raw = path.read_bytes()
    meta_path = path.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
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
    if not probes:
        raise ProbeBankError(f"probe bank {path} has no probes")
    return Bank(
        name=str(meta.get("name", path.stem)),
        version=str(meta.get("version", "unversioned")),
        digest=hashlib.sha256(raw).hexdigest()[:16],
        probes=tuple(probes),
    )
