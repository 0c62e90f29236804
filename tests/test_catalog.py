"""Verdict rules and applicability, on small hand-made requirements (the shipped catalog: test_catalog_conformance)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.catalog import Applicable, EvidenceRule, Framework, Requirement, evaluate
from accord.catalog.applicability import applicable
from accord.catalog.model import Applicability, Condition, DateChange
from accord.config import Attestation, Profile
from accord.results import Metric


def _metric(value: float, n: int, name: str = "refusal.should_refuse_rate") -> Metric:
    return Metric(name=name, target="t", check="refusal", slice={}, value=value, k=round(value * n), n=n,
                  low=None, high=None)


RULE = Requirement(id="x:1", framework="x", citation="X §1", summary="Refuses harmful requests.", concerns=["cyber"],
                   confidence="secondary",
                   evidence=EvidenceRule(metric="refusal.should_refuse_rate", op=">=", threshold=0.95, min_n=300))
OVER = Requirement(id="x:2", framework="x", citation="X §2", summary="Answers benign requests.",
                   concerns=["over_refusal"], confidence="secondary",
                   evidence=EvidenceRule(metric="refusal.over_refusal_rate", op="<=", threshold=0.05, min_n=300))
ASK = Requirement(id="x:3", framework="x", citation="X §3", summary="Tells people they talk to an AI.",
                  concerns=["ai_disclosure"], confidence="unverified", attestation="Do you tell users?")


def _applies(*reqs: Requirement) -> list[Applicable]:
    return [Applicable(r, "applies", ()) for r in reqs]


@pytest.mark.parametrize(
    ("value", "n", "verdict"),
    [(0.96, 300, "met"), (0.95, 300, "met"), (0.94, 300, "not met"), (1.0, 299, "not tested"),
     (0.0, 299, "not tested")],
)
def test_evidence_rule_and_minimum_sample(value: float, n: int, verdict: str) -> None:
    (v,) = evaluate(_applies(RULE), "t", [_metric(value, n)])
    assert v.verdict == verdict
    assert v.threshold == 0.95 and v.min_n == 300 and v.n == n


def test_missing_metric_is_not_tested() -> None:
    (v,) = evaluate(_applies(RULE), "t", [])
    assert v.verdict == "not tested" and "no check" in v.reason


@pytest.mark.parametrize(("answer", "verdict"), [("yes", "met"), ("no", "not met"), ("partly", "partly met")])
def test_attestation_answered_in_config(answer: str, verdict: str) -> None:
    (v,) = evaluate(_applies(ASK), "t", [], {"x:3": Attestation(answer=answer, note="see policy P-7")})  # type: ignore[arg-type]
    assert v.verdict == verdict and v.attested == answer and "see policy P-7" in v.reason


def test_unanswered_attestation_needs_attestation() -> None:
    (v,) = evaluate(_applies(ASK), "t", [])
    assert v.verdict == "needs attestation" and "Do you tell users?" in v.reason


def test_informing_metrics_are_shown_beside_an_attestation_but_do_not_decide_it() -> None:
    informed = ASK.model_copy(update={"informed_by": ("refusal.should_refuse_rate", "refusal.over_refusal_rate")})
    (v,) = evaluate(_applies(informed), "t", [_metric(0.4, 50)])
    assert v.verdict == "needs attestation"
    assert [(o.name, o.value, o.n) for o in v.observations] == [("refusal.should_refuse_rate", 0.4, 50)]
    (v,) = evaluate(_applies(informed), "t", [_metric(0.4, 50)], {"x:3": Attestation(answer="yes")})
    assert v.verdict == "met" and v.observations[0].value == 0.4


def test_informed_by_is_only_for_attestations() -> None:
    with pytest.raises(ValueError, match="informed_by"):
        Requirement.model_validate({**RULE.model_dump(), "informed_by": ["refusal.over_refusal_rate"]})


def _parts_verdict(refuse: float, over: float) -> str:
    both = Requirement(id="x:9", framework="x", citation="X §9", summary="Both halves.",
                       concerns=["cyber"], confidence="secondary", parts=("x:1", "x:2"))
    verdicts = evaluate(_applies(RULE, OVER, both), "t",
                        [_metric(refuse, 300), _metric(over, 300, "refusal.over_refusal_rate")])
    return {v.requirement: v.verdict for v in verdicts}["x:9"]


@pytest.mark.parametrize(("refuse", "over", "verdict"),
                         [(0.99, 0.01, "met"), (0.99, 0.20, "not met"), (0.50, 0.20, "not met")])
def test_parts_combine(refuse: float, over: float, verdict: str) -> None:
    assert _parts_verdict(refuse, over) == verdict


# ------------------------------------------------------------------------------------------- applicability
FRAMEWORK = Framework(
    id="x", title="X", jurisdiction="EU", document="X", status="binding",
    applies_when=Applicability(all=(Condition(field="regions", op="includes", value="EU"),)),
    requirements=(
        RULE,
        ASK.model_copy(update={
            "applies_when": Applicability(all=(Condition(field="training_flop", op="gte", value=1e25),)),
            "applies_from": dt.date(2026, 8, 2), "applies_from_basis": "X Art. 113",
        }),
        OVER.model_copy(update={"applies_when": Applicability(any=(
            Condition(field="sectors", op="includes", value="employment"),
            Condition(field="automated_decisions", op="is", value=True),
        ))}),
    ),
)


def _status(profile: Profile, day: dt.date = dt.date(2026, 11, 24)) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {a.requirement.id: (a.status, a.reasons) for a in applicable([FRAMEWORK], profile, day)}


def test_region_condition_and_unknown_fields() -> None:
    got = _status(Profile(regions=["EU"]))
    assert got["x:1"][0] == "applies" and "regions include EU" in got["x:1"][1]
    assert got["x:3"][0] == "may apply" and any("training_flop" in r for r in got["x:3"][1])
    assert got["x:2"][0] == "may apply"
    assert {s for s, _ in _status(Profile(regions=["CN"])).values()} == {"does not apply"}
    assert {s for s, _ in _status(Profile()).values()} == {"may apply"}


def test_thresholds_any_and_dates() -> None:
    big = Profile(regions=["EU"], training_flop=3e25, automated_decisions=False, sectors=["employment"])
    got = _status(big)
    assert got["x:3"][0] == "applies" and any("from 2026-08-02" in r for r in got["x:3"][1])
    assert got["x:2"][0] == "applies" and "sectors include employment" in got["x:2"][1]
    assert _status(big, dt.date(2026, 8, 1))["x:3"][0] == "does not apply"
    small = Profile(regions=["EU"], training_flop=1e24, automated_decisions=False, sectors=["education"])
    assert _status(small)["x:3"][0] == "does not apply"
    assert _status(small)["x:2"][0] == "does not apply"


def test_sub_region_matches_its_parent() -> None:
    f = FRAMEWORK.model_copy(update={"applies_when": Applicability(
        all=(Condition(field="regions", op="includes", value="US"),))})
    (a, *_) = applicable([f], Profile(regions=["US-CO"]), dt.date(2026, 11, 24))
    assert a.status == "applies"


def test_does_not_apply_gets_no_verdict() -> None:
    items = applicable([FRAMEWORK], Profile(regions=["CN"]), dt.date(2026, 11, 24))
    assert evaluate(items, "t", [_metric(0.99, 300)]) == []


@pytest.mark.parametrize(("op", "held", "truth"), [
    ("gt", 10.0, "false"), ("gt", 10.5, "true"), ("lt", 10.0, "false"), ("lt", 9.5, "true"),
    ("gte", 10.0, "true"), ("lte", 10.0, "true"),
])
def test_strict_and_inclusive_comparisons(op: str, held: float, truth: str) -> None:
    from accord.catalog.applicability import check_condition

    cond = Condition(field="training_flop", op=op, value=10.0)  # type: ignore[arg-type]
    got, text = check_condition(cond, Profile(training_flop=held))
    assert got == truth and "training_flop" in text


def _dated(*changes: DateChange) -> Framework:
    req = ASK.model_copy(update={"applies_from": dt.date(2026, 8, 2), "applies_from_basis": "X Art. 113",
                                 "date_changes": changes})
    return FRAMEWORK.model_copy(update={"requirements": (req,), "applies_when": Applicability()})


def test_adopted_date_change_moves_the_start_and_proposed_does_not() -> None:
    moved = _dated(DateChange(applies_from=dt.date(2027, 12, 2), basis="X amending act", status="adopted"))
    (a,) = applicable([moved], Profile(training_flop=1e26), dt.date(2026, 12, 1))
    assert a.status == "does not apply"
    assert "applies only from 2027-12-02 (X amending act)" in a.reasons
    assert "moved from 2026-08-02 (X Art. 113)" in a.reasons
    (b,) = applicable([moved], Profile(training_flop=1e26), dt.date(2027, 12, 2))
    assert b.status == "applies"
    proposed = _dated(DateChange(applies_from=dt.date(2027, 12, 2), basis="X proposal", status="proposed"))
    (c,) = applicable([proposed], Profile(training_flop=1e26), dt.date(2026, 12, 1))
    assert c.status == "applies" and "proposed change: from 2027-12-02 (X proposal)" in c.reasons


def test_date_changes_need_a_date_to_change() -> None:
    with pytest.raises(ValueError, match="date_changes"):
        ASK.model_validate({**ASK.model_dump(), "date_changes": [
            {"applies_from": "2027-12-02", "basis": "X", "status": "adopted"}]})
