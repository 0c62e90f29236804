"""GB 45438-2025 implicit labels: the `AIGC` object, the rules a file is held to, and one file's findings.

What is verified and what is not (see docs/labelling.md):
- Labelling Measures (CAC et al., 2025), Article 5: an implicit label in the file's metadata carrying the
  content's generated-synthetic attribute, the provider's name or code, and a content number (verified in the
  catalog, framework cn-ai-labelling). Those three elements are the rules `label`, `producer` and `produce-id`.
- GB 45438-2025 fixes the format: an object under the key `AIGC` with the fields below. The field names were seen
  in real files and in several independent implementations; the standard's clause numbers, the meaning of the
  `Label` values (read as "1" generated, "2" possibly, "3" suspected) and where each file format carries the
  object were not read in the standard itself, so every clause naming GB 45438 says `unverified`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

FIELDS = ("Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID",
          "ReservedCode2")
LABEL_VALUES = {"1": "AI-generated", "2": "possibly AI-generated", "3": "suspected AI-generated"}
MAX_VALUE_BYTES = 64 * 1024  # a label bigger than this is refused unparsed (hostile or broken metadata)

ART5 = "Labelling Measures (2025), Article 5"
GB = "GB 45438-2025, implicit labels in file metadata (clause unverified)"

Status = Literal["met", "missing", "malformed"]


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    summary: str
    clause: str


RULES: tuple[Rule, ...] = (
    Rule(id="present", summary="the file carries an implicit AIGC label in its metadata", clause=f"{ART5}; {GB}"),
    Rule(id="well-formed", summary="the label is one JSON object with the seven GB 45438 fields as strings",
         clause=GB),
    Rule(id="label", summary="Label states the generated-synthetic attribute (\"1\", \"2\" or \"3\"; meaning of "
                             "the values unverified)", clause=f"{ART5} (the attribute); {GB}"),
    Rule(id="producer", summary="ContentProducer names the provider (name or code)", clause=f"{ART5}; {GB}"),
    Rule(id="produce-id", summary="ProduceID numbers the content", clause=f"{ART5}; {GB}"),
    Rule(id="single", summary="the file carries one label, or copies that agree", clause=GB),
    Rule(id="c2pa", summary="a C2PA manifest, where the file has one, verifies (signature and hash bindings)",
         clause="C2PA Technical Specification (manifest validation); evidence for Regulation (EU) 2024/1689, "
                "Article 50(2) machine-readable marking, not a GB 45438 rule"),
)
RULE_BY_ID = {r.id: r for r in RULES}


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)
    rule: str
    status: Status
    clause: str
    detail: str = ""


class Carrier(BaseModel):
    """Where a label was found in the file and what it said (the raw text, cut short for the report)."""

    model_config = ConfigDict(frozen=True)
    where: str
    fields: dict[str, str] | None = None  # the parsed object when it parsed
    problem: str = ""


class C2paInfo(BaseModel):
    model_config = ConfigDict(frozen=True)
    state: str  # "absent", "not read" or the library's validation state: Valid, Invalid, Trusted
    signer: str = ""
    issuer: str = ""
    alg: str = ""
    ai_generated: bool | None = None  # a c2pa.created/edited action with a trainedAlgorithmicMedia source type
    failures: list[str] = []
    note: str = ""


class FileResult(BaseModel):
    model_config = ConfigDict(frozen=True)
    path: str
    format: str
    carriers: list[Carrier]
    findings: list[Finding]
    note: str = ""
    c2pa: C2paInfo | None = None

    @property
    def ok(self) -> bool:
        return all(f.status == "met" for f in self.findings)
