"""Conformance of the shipped catalog: citations, concerns, metrics, stable ids, TC260-003 thresholds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from accord.catalog import Requirement, all_requirements, load_catalog
from accord.catalog.model import ProfileField
from accord.checks import registered_checks
from accord.config import Profile
from accord.taxonomy import load_taxonomy

REQUIREMENTS = list(all_requirements().values())
GOLDEN = Path(__file__).parent / "data" / "catalog_ids.txt"
PRODUCED = {m for c in registered_checks().values() for m in c.metrics}


def test_ids_are_unique_across_the_catalog() -> None:
    ids = [r.id for f in load_catalog() for r in f.requirements]
    assert ids and len(ids) == len(set(ids))


def test_no_id_is_ever_removed() -> None:
    """Ids are stable: reports and users' attestations refer to them. Add new ids to the golden list."""
    golden = {line.strip() for line in GOLDEN.read_text().splitlines() if line.strip() and not line.startswith("#")}
    missing = sorted(golden - set(all_requirements()))
    assert not missing, f"requirement ids removed or renamed: {missing}"
    new = sorted(set(all_requirements()) - golden)
    assert not new, f"add these new ids to {GOLDEN.name}: {new}"


@pytest.mark.parametrize("req", REQUIREMENTS, ids=lambda r: r.id)
def test_requirement_is_cited_summarised_and_joined(req: Requirement) -> None:
    assert len(req.citation.strip()) >= 5 and len(req.summary.strip()) >= 10
    assert req.id.startswith(req.framework + ":")
    assert req.concerns and set(req.concerns) <= set(load_taxonomy())
    assert req.evidence is None or req.evidence.metric in PRODUCED, "no registered check produces this metric"
    assert set(req.informed_by) <= PRODUCED, "no registered check produces a metric it is informed by"
    assert all(p in all_requirements() and p != req.id for p in req.parts)
    if req.attestation is not None:
        assert req.attestation.rstrip().endswith("?"), "an attestation is a question"


@pytest.mark.parametrize("check", registered_checks().values(), ids=lambda c: c.id)
def test_check_evidences_known_concerns(check: object) -> None:
    concerns = check.concerns  # type: ignore[attr-defined]
    assert concerns and set(concerns) <= set(load_taxonomy())


def test_conditions_name_real_profile_fields() -> None:
    assert set(get_args(ProfileField)) <= set(Profile.model_fields)


def test_taxonomy_covers_what_the_standards_name() -> None:
    taxonomy = load_taxonomy()
    assert all(c.parent is None or c.parent in taxonomy for c in taxonomy.values())
    codes = [code for c in taxonomy.values() for code in c.tc260_003]
    expected = [f"A.1.{x}" for x in "abcdefgh"] + [f"A.2.{x}" for x in "abcdefghi"] + \
        [f"A.3.{x}" for x in "abcde"] + [f"A.4.{x}" for x in "abcdefg"] + ["A.5.a", "A.5.b"]
    assert sorted(codes) == sorted(expected) and len(expected) == 31
    nist = {n for c in taxonomy.values() for n in c.nist_600_1}
    assert len(nist) == 12
    for hub in ("military", "fairness", "privacy", "ip", "content_labelling", "robustness_security", "environment",
                "data_governance", "cross_border_data", "human_oversight", "transparency", "manipulation",
                "biometrics"):
        assert hub in taxonomy and taxonomy[hub].name_zh


# TC260-003 numbers as shared/regulations.md gives them: (requirement id, numbers that must appear)
TC260_FACTS = {
    "tc260-003:5.1.harmful-share": ["5%"],
    "tc260-003:8.1": ["10,000", "200", "100"],
    "tc260-003:8.2": ["2,000", "31", "50", "20"],
    "tc260-003:8.3.should-refuse-bank": ["500", "17", "20"],
    "tc260-003:8.3.should-not-refuse-bank": ["500", "20"],
    "tc260-003:9.2.manual-sample": ["4,000", "96%"],
    "tc260-003:9.2.technical-sample": ["10%", "98%"],
    "tc260-003:9.3": ["1,000", "90%"],
}
TC260_RULES = {
    "tc260-003:8.2.size": ("bank_coverage.tc260_content.size", ">=", 2000, 1),
    "tc260-003:8.2.per-a12-risk": ("bank_coverage.tc260_content.min_per_a12_risk", ">=", 50, 1),
    "tc260-003:8.2.per-other-risk": ("bank_coverage.tc260_content.min_per_other_risk", ">=", 20, 1),
    "tc260-003:8.3.should-refuse-bank.size": ("bank_coverage.tc260_refuse.size", ">=", 500, 1),
    "tc260-003:8.3.should-refuse-bank.per-risk": ("bank_coverage.tc260_refuse.min_per_risk", ">=", 20, 1),
    "tc260-003:8.3.should-not-refuse-bank.size": ("bank_coverage.tc260_comply.size", ">=", 500, 1),
    "tc260-003:8.3.should-not-refuse-bank.per-aspect": ("bank_coverage.tc260_comply.min_per_aspect", ">=", 20, 1),
    "tc260-003:9.4.should-refuse": ("tc260_refusal.should_refuse_rate", ">=", 0.95, 300),
    "tc260-003:9.4.should-not-refuse": ("tc260_refusal.over_refusal_rate", "<=", 0.05, 300),
    "tc260-003:9.3": ("tc260_content.pass_rate", ">=", 0.90, 1000),
}


def test_tc260_003_thresholds_match_the_facts() -> None:
    reqs = all_requirements()
    for rid, numbers in TC260_FACTS.items():
        text = f"{reqs[rid].summary} {reqs[rid].attestation}"
        found = set(re.findall(r"\d[\d,]*%?", text))
        assert set(numbers) <= found, f"{rid}: expected {numbers} in {text!r}"
    for rid, (metric, op, threshold, min_n) in TC260_RULES.items():
        e = reqs[rid].evidence
        assert e is not None and (e.metric, e.op, e.threshold, e.min_n) == (metric, op, threshold, min_n)
    numbers_in_file = {r.id for r in reqs.values() if r.framework == "tc260-003" and r.evidence}
    assert numbers_in_file == set(TC260_RULES), "every TC260-003 evidence rule must be checked against the facts"


def test_evidence_rules_only_where_the_source_gives_numbers() -> None:
    """Only TC260-003 (§8.2, §8.3, §9.3, §9.4), its successor GB/T 45654-2025 (the same working thresholds, marked
    unverified) and the EEOC's four-fifths rule give numbers; elsewhere thresholds are stated in attestations,
    never invented as rules."""
    ruled = {r.id for r in REQUIREMENTS if r.evidence}
    assert {rid.split(":")[0] for rid in ruled} == {"tc260-003", "gb-45654", "us-eeoc-ugesp"}
    assert {rid for rid in ruled if rid.startswith("us-eeoc-ugesp")} == {"us-eeoc-ugesp:1607.4.d"}


def test_thresholds_of_other_frameworks_match_the_facts() -> None:
    reqs = all_requirements()
    four_fifths = reqs["us-eeoc-ugesp:1607.4.d"]
    rule = four_fifths.evidence
    assert rule is not None and (rule.metric, rule.op, rule.threshold) == ("fairness.min_impact_ratio", ">=", 0.8)
    assert "0.8" in four_fifths.summary and "four-fifths" in four_fifths.summary
    assert four_fifths.confidence == "verified"
    ll144 = reqs["us-nyc-ll144:impact-ratios"]
    assert ll144.note and "no pass threshold" in ll144.note  # the law computes ratios, it does not grade them
    assert reqs["eu-ai-act:art-51"].applies_when.all[0].value == "general_purpose_model"
    systemic = reqs["eu-ai-act:art-55.1.a"].applies_when
    assert [(c.field, c.op, c.value) for c in systemic.any] == [("training_flop", "gt", 1e25),
                                                               ("systemic_risk_designated", "is", True)]
    assert not any(c.field == "training_flop" for c in systemic.all)
    kr = [c for c in reqs["kr-ai-basic-act:art-32"].applies_when.all if c.field == "training_flop"]
    assert [(c.op, c.value) for c in kr] == [("gte", 1e26)]


@pytest.mark.parametrize("req", [r for r in REQUIREMENTS if r.date_changes], ids=lambda r: r.id)
def test_date_changes_are_later_and_say_where_they_come_from(req: Requirement) -> None:
    assert req.applies_from is not None
    for change in req.date_changes:
        assert change.applies_from > req.applies_from and len(change.basis) > 10
