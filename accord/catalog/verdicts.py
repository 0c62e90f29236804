"""The verdict record: what evaluation says of one requirement for one target, and the lines under it.

States (docs/catalog.md):
  met               the whole 95% interval lies on the passing side of the rule (or the operator attested it)
  not met           the whole interval lies on the failing side (or the operator attested it is not)
  contradicted      the operator attested `yes`, but a measurement attached to the requirement clearly fails the
                    threshold the catalog states for it; counted with `not met`
  inconclusive      the threshold lies inside the interval: the sample, or the judge's error, could move it
                    across the line; the reason says what would settle it
  partly met        the operator's own answer `partly` (never computed from parts)
  needs attestation a question the config has not answered
  not tested        nothing measured it, or too few items
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from accord.config import EvidenceFile

VerdictLabel = Literal["met", "not met", "contradicted", "inconclusive", "partly met", "needs attestation",
                       "not tested"]
# worst first: a composite, the worst language, the matrix cell and the exit code read this order
SEVERITY: tuple[VerdictLabel, ...] = ("not met", "contradicted", "inconclusive", "partly met", "needs attestation",
                                      "not tested", "met")
FAILING = ("not met", "contradicted")


def worst(labels: list[VerdictLabel]) -> VerdictLabel:
    return min(labels, key=SEVERITY.index)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Observation(_Frozen):
    """A metric measured on the target beside an attested requirement. Where the catalog states a threshold for
    it (`measured_against`), `op`/`threshold` give it and `verdict` says how the measurement sits against it."""

    name: str
    value: float | None
    low: float | None = None
    high: float | None = None
    n: int
    op: str | None = None
    threshold: float | None = None
    verdict: VerdictLabel | None = None


class Line(_Frozen):
    """One language's (or one group's) own verdict under a requirement's verdict."""

    name: str  # "zh", or "sex = female"
    verdict: VerdictLabel
    reason: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    n: int | None = None
    corrected: float | None = None
    corrected_low: float | None = None
    corrected_high: float | None = None


class Verdict(_Frozen):
    requirement: str
    framework: str
    citation: str
    summary: str
    confidence: str
    target: str
    verdict: VerdictLabel
    reason: str
    metric: str | None = None
    value: float | None = None  # the rate as measured (for a judged rate: as the judge labelled it)
    low: float | None = None
    high: float | None = None
    n: int | None = None
    op: str | None = None
    threshold: float | None = None
    min_n: int | None = None
    concerns: tuple[str, ...] = ()
    applicability: Literal["applies", "may apply"] = "applies"
    applicability_reasons: tuple[str, ...] = ()
    attested: Literal["yes", "no", "partly"] | None = None
    parts: tuple[str, ...] = ()
    observations: tuple[Observation, ...] = ()
    judge: str | None = None  # name@version of the judge whose labels the rate counts
    corrected: float | None = None  # the judge-corrected rate and its interval (sampling + judge error)
    corrected_low: float | None = None
    corrected_high: float | None = None
    decided_by: Literal["worst language", "pool", "every group"] | None = None
    lines: tuple[Line, ...] = ()
    question: str | None = None  # the questionnaire question that answers (or would answer) it
    answered_by: str | None = None
    answered_on: str | None = None  # ISO date
    evidence_files: tuple[EvidenceFile, ...] = ()  # as recorded with the answer and as the audit found them
    documentation: tuple[str, ...] = ()  # which required elements the named documentation has (presence only)
    documented: bool = False  # decided by that documentation: named complete, it lacks a required element
