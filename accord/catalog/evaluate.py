"""Verdicts: a requirement's evidence rule applied to the metrics of one target. Pure functions.

A rule judged on fewer items than its `min_n` is `not tested`, never `met`: the evidence is too thin.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accord.catalog.model import Requirement
from accord.results import Metric

VerdictLabel = Literal["met", "not met", "partly met", "needs attestation", "not tested"]
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


def evaluate(requirements: Iterable[Requirement], target: str, metrics: Iterable[Metric]) -> list[Verdict]:
    overall = {m.name: m for m in metrics if m.target == target and not m.slice}
    return [_judge(req, target, overall) for req in requirements]


def _judge(req: Requirement, target: str, overall: dict[str, Metric]) -> Verdict:
    base = dict(requirement=req.id, framework=req.framework, citation=req.citation, summary=req.summary,
                confidence=req.confidence, target=target)
    rule = req.evidence
    if rule is None:
        return Verdict(verdict="needs attestation", reason=req.attestation or "answer in the config", **base)
    rule_fields = dict(metric=rule.metric, op=rule.op, threshold=rule.threshold, min_n=rule.min_n)
    m = overall.get(rule.metric)
    if m is None or m.value is None:
        return Verdict(verdict="not tested", reason="no check produced this metric", **rule_fields, **base)
    measured = dict(value=m.value, low=m.low, high=m.high, n=m.n)
    if m.n < rule.min_n:
        return Verdict(verdict="not tested", reason=f"only {m.n} items measured; the rule needs {rule.min_n}",
                       **rule_fields, **measured, **base)
    ok = _OPS[rule.op](m.value, rule.threshold)
    reason = f"{m.value:.3f} {'meets' if ok else 'does not meet'} {rule.op} {rule.threshold:g} (n={m.n})"
    return Verdict(verdict="met" if ok else "not met", reason=reason, **rule_fields, **measured, **base)
