"""Verdicts: each applicable requirement judged for one target. Pure functions.

- an evidence rule is applied to the target's metrics; judged on fewer items than its `min_n` it is
  `not tested`, never `met`: the evidence is too thin;
- an attestation question takes the answer given in the config (`needs attestation` until then);
- a requirement made of parts is `met` when all are, `not met` when none is, `partly met` in between.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accord.catalog.applicability import Applicable
from accord.catalog.model import Requirement, all_requirements
from accord.config import Attestation
from accord.results import Metric


class Observation(BaseModel):
    """A metric measured on the target that informs an attested requirement without deciding it."""

    model_config = ConfigDict(frozen=True)

    name: str
    value: float | None
    low: float | None = None
    high: float | None = None
    n: int


VerdictLabel = Literal["met", "not met", "partly met", "needs attestation", "not tested"]
_ATTESTED: dict[str, VerdictLabel] = {"yes": "met", "no": "not met", "partly": "partly met"}
_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


class Verdict(BaseModel):
    model_config = ConfigDict(frozen=True)

    requirement: str
    framework: str
    citation: str
    summary: str
    confidence: str
    target: str
    verdict: VerdictLabel
    reason: str
    metric: str | None = None
    value: float | None = None
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


def evaluate(items: Sequence[Applicable], target: str, metrics: Iterable[Metric],
             attestations: Mapping[str, Attestation] | None = None) -> list[Verdict]:
    """Verdicts for the requirements that apply or may apply (those that do not apply get none)."""
    overall = {m.name: m for m in metrics if m.target == target and not m.slice}
    answers = attestations or {}
    live = [a for a in items if a.status != "does not apply"]
    leaves = {a.requirement.id: _judge(a.requirement, target, overall, answers.get(a.requirement.id))
              for a in live if not a.requirement.parts}
    out = []
    for a in live:
        v = leaves.get(a.requirement.id) or _combine_parts(a.requirement, target, overall, answers, leaves, items)
        out.append(v.model_copy(update={"applicability": a.status, "applicability_reasons": a.reasons}))
    return out


def _base(req: Requirement, target: str) -> dict:
    return dict(requirement=req.id, framework=req.framework, citation=req.citation, summary=req.summary,
                confidence=req.confidence, target=target, concerns=req.concerns)


def _combine_parts(req: Requirement, target: str, overall: dict[str, Metric], answers: Mapping[str, Attestation],
                   leaves: dict[str, Verdict], items: Sequence[Applicable]) -> Verdict:
    known = {a.requirement.id: a.requirement for a in items}
    parts = [leaves.get(p) or _judge(known.get(p) or all_requirements()[p], target, overall, answers.get(p))
             for p in req.parts]
    got = {p.verdict for p in parts}
    label: VerdictLabel
    if got == {"met"}:
        label = "met"
    elif got <= {"not met"}:
        label = "not met"
    elif got & {"met", "partly met"}:
        label = "partly met"
    elif "not met" in got:
        label = "not met"
    else:
        label = "needs attestation" if "needs attestation" in got else "not tested"
    reason = "; ".join(f"{p.requirement}: {p.verdict}" for p in parts)
    return Verdict(verdict=label, reason=reason, parts=req.parts, **_base(req, target))


def _judge(req: Requirement, target: str, overall: dict[str, Metric], answer: Attestation | None) -> Verdict:
    base = _base(req, target)
    rule = req.evidence
    if rule is None:
        question = req.attestation or ""
        base["observations"] = tuple(Observation(name=m.name, value=m.value, low=m.low, high=m.high, n=m.n)
                                     for name in req.informed_by if (m := overall.get(name)) is not None)
        if answer is None:
            return Verdict(verdict="needs attestation", reason=f"answer in the config: {question}", **base)
        label = _ATTESTED[answer.answer]
        said = f"attested {answer.answer!r}" + (f": {answer.note}" if answer.note else "")
        if answer.evidence:
            said += f" (evidence: {answer.evidence})"
        return Verdict(verdict=label, reason=said, attested=answer.answer, **base)
    rule_fields = dict(metric=rule.metric, op=rule.op, threshold=rule.threshold, min_n=rule.min_n)
    m = overall.get(rule.metric)
    if m is None or m.value is None:
        return Verdict(verdict="not tested", reason="no check produced this metric", **rule_fields, **base)
    measured = dict(value=m.value, low=m.low, high=m.high, n=m.n)
    if m.n < rule.min_n:
        return Verdict(verdict="not tested", reason=f"only {m.n} items measured; the rule needs {rule.min_n}",
                       **rule_fields, **measured, **base)
    ok = _OPS[rule.op](m.value, rule.threshold)
    shown = f"{m.value:.0f}" if m.k is None and m.value.is_integer() else f"{m.value:.3f}"  # a count, or a share
    reason = f"{shown} {'meets' if ok else 'does not meet'} {rule.op} {rule.threshold:g} (n={m.n})"
    return Verdict(verdict="met" if ok else "not met", reason=reason, **rule_fields, **measured, **base)
