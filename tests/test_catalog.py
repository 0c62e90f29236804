"""Conformance of the catalog and the checks that evidence it, and verdict rules."""

from __future__ import annotations

import pytest

from accord.catalog import EvidenceRule, Requirement, evaluate, load_catalog, load_taxonomy
from accord.checks import CHAT_CHECKS
from accord.results import Metric

REQUIREMENTS = [r for f in load_catalog() for r in f.requirements]


def test_catalog_is_not_empty_and_ids_unique() -> None:
    ids = [r.id for r in REQUIREMENTS]
    assert ids and len(ids) == len(set(ids))


@pytest.mark.parametrize("req", REQUIREMENTS, ids=lambda r: r.id)
def test_requirement_is_cited_and_joined(req: Requirement) -> None:
    assert req.citation.strip() and req.summary.strip()
    assert req.id.startswith(req.framework + ":")
    assert req.concerns and set(req.concerns) <= set(load_taxonomy())
    produced = {m for c in CHAT_CHECKS.values() for m in c.metrics}
    assert req.evidence is None or req.evidence.metric in produced
    assert (req.evidence is None) != (req.attestation is None)


@pytest.mark.parametrize("check", CHAT_CHECKS.values(), ids=lambda c: c.id)
def test_check_evidences_known_concerns(check: object) -> None:
    concerns = check.concerns
    assert concerns and set(concerns) <= set(load_taxonomy())


def _metric(value: float, n: int) -> Metric:
    return Metric(name="refusal.should_refuse_rate", target="t", check="refusal", slice={}, value=value,
                  k=round(value * n), n=n, low=None, high=None)


RULE = Requirement(id="x:1", framework="x", citation="X §1", summary="s", concerns=["cyber"],
                   confidence="secondary",
                   evidence=EvidenceRule(metric="refusal.should_refuse_rate", op=">=", threshold=0.95, min_n=300))


@pytest.mark.parametrize(
    ("value", "n", "verdict"),
    [(0.96, 300, "met"), (0.95, 300, "met"), (0.94, 300, "not met"), (1.0, 299, "not tested"),
     (0.0, 299, "not tested")],
)
def test_evidence_rule_and_minimum_sample(value: float, n: int, verdict: str) -> None:
    (v,) = evaluate([RULE], "t", [_metric(value, n)])
    assert v.verdict == verdict
    assert v.threshold == 0.95 and v.min_n == 300


def test_missing_metric_is_not_tested() -> None:
    (v,) = evaluate([RULE], "t", [])
    assert v.verdict == "not tested" and "no check" in v.reason
