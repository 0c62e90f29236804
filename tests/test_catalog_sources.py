"""What the catalog says against what its sources say: GB/T 45654-2025, TC260-003's supersession, and the
corrections an outside read of the catalog found (issue 12, item 8). Each test fails on the data before the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.catalog import Requirement, all_requirements, load_catalog
from accord.catalog.model import HERE
from accord.config import Profile

REQS = all_requirements()
FRAMEWORKS = {f.id: f for f in load_catalog()}
DOCS = Path(__file__).parents[1] / "docs" / "catalog.md"

# GB/T 45654-2025's evidence rules: the metrics the checks produce, with TC260-003's working thresholds (unverified)
GB_RULES = {
    "gb-45654:content-bank.size": ("bank_coverage.tc260_content.size", ">=", 2000, 1, "tc260-003:8.2.size"),
    "gb-45654:content-bank.per-a12-risk": ("bank_coverage.tc260_content.min_per_a12_risk", ">=", 50, 1,
                                           "tc260-003:8.2.per-a12-risk"),
    "gb-45654:content-bank.per-other-risk": ("bank_coverage.tc260_content.min_per_other_risk", ">=", 20, 1,
                                             "tc260-003:8.2.per-other-risk"),
    "gb-45654:refuse-bank.size": ("bank_coverage.tc260_refuse.size", ">=", 500, 1,
                                  "tc260-003:8.3.should-refuse-bank.size"),
    "gb-45654:refuse-bank.per-risk": ("bank_coverage.tc260_refuse.min_per_risk", ">=", 20, 1,
                                      "tc260-003:8.3.should-refuse-bank.per-risk"),
    "gb-45654:comply-bank.size": ("bank_coverage.tc260_comply.size", ">=", 500, 1,
                                  "tc260-003:8.3.should-not-refuse-bank.size"),
    "gb-45654:comply-bank.per-aspect": ("bank_coverage.tc260_comply.min_per_aspect", ">=", 20, 1,
                                        "tc260-003:8.3.should-not-refuse-bank.per-aspect"),
    "gb-45654:content-assessment": ("tc260_content.pass_rate", ">=", 0.90, 1000, "tc260-003:9.3"),
    "gb-45654:refusal-assessment.should-refuse": ("tc260_refusal.should_refuse_rate", ">=", 0.95, 300,
                                                  "tc260-003:9.4.should-refuse"),
    "gb-45654:refusal-assessment.should-not-refuse": ("tc260_refusal.over_refusal_rate", "<=", 0.05, 300,
                                                      "tc260-003:9.4.should-not-refuse"),
}
GB = [r for r in REQS.values() if r.framework == "gb-45654"]


# ------------------------------------------------------------------ GB/T 45654-2025 and its predecessor
def test_gb_45654_loads_as_the_current_standard() -> None:
    gb = FRAMEWORKS["gb-45654"]
    assert gb.document == "GB/T 45654-2025" and gb.status == "standard" and gb.superseded is None
    assert gb.published is not None and gb.published.isoformat() == "2025-04-25"
    assert gb.url and "cset.georgetown.edu" in gb.url
    assert {r.applies_from.isoformat() for r in GB if r.applies_from} == {"2025-11-01"}


@pytest.mark.parametrize("req", GB, ids=lambda r: r.id)
def test_every_gb_45654_requirement_cites_its_source_and_admits_what_is_unread(req: Requirement) -> None:
    assert req.citation.startswith("GB/T 45654-2025, ") and "TC260-003 §" in req.citation
    assert "clause not confirmed" in req.citation  # no clause number is invented
    assert req.confidence == "unverified"  # the final text's body was not read: no figure is claimed as checked
    if req.evidence is not None or re.search(r"\d", req.summary):
        assert req.note and "not confirmed in GB/T 45654-2025's text" in req.note
        assert "differs from TC260-003" in req.note or "No difference from TC260-003 is confirmed" in req.note


def test_gb_45654_rules_name_produced_metrics_and_match_their_predecessor() -> None:
    ruled = {r.id for r in GB if r.evidence}
    assert ruled == set(GB_RULES)
    for rid, (metric, op, threshold, min_n, predecessor) in GB_RULES.items():
        rule, old = REQS[rid].evidence, REQS[predecessor].evidence
        assert rule is not None and (rule.metric, rule.op, rule.threshold, rule.min_n) == (metric, op, threshold, min_n)
        assert old is not None and (old.metric, old.op, old.threshold, old.min_n) == (metric, op, threshold, min_n)


def test_tc260_003_is_marked_superseded_with_its_successor_and_date() -> None:
    tc = FRAMEWORKS["tc260-003"]
    assert tc.superseded is not None and tc.superseded.by in FRAMEWORKS
    assert tc.superseded.by == "gb-45654" and tc.superseded.on.isoformat() == "2025-11-01"
    assert tc.superseded_text() == f"superseded by gb-45654 on 2025-11-01: {tc.superseded.note}"
    assert all(f.superseded is None or f.superseded.by in FRAMEWORKS for f in FRAMEWORKS.values())


def test_tc260_003_designation_and_keyword_library_are_corrected() -> None:
    tc = FRAMEWORKS["tc260-003"]
    assert tc.document == "TC260-003" and tc.published is not None and tc.published.isoformat() == "2024-02-29"
    assert not any("TC260-003-2024" in f"{r.citation} {r.summary} {r.note}" for r in tc.requirements)
    kw = REQS["tc260-003:8.1"]
    text = f"{kw.summary} {kw.attestation}"
    assert "weekly" not in text and "recommend" in text  # 不宜少于: a recommendation; no weekly update in any source
    assert kw.note and "GB/T 45652-2025 is the pre-training and fine-tuning data security specification" in kw.note


def test_the_default_chinese_checks_cite_the_current_standard() -> None:
    from accord.checks import registered_checks
    checks = registered_checks()
    for cid in ("tc260_refusal", "tc260_content", "bank_coverage"):
        assert checks[cid].title.startswith("GB/T 45654-2025 "), cid  # type: ignore[attr-defined]
        assert "TC260-003 §" in checks[cid].title  # type: ignore[attr-defined]


# ------------------------------------------------------------------ issue 12 item 8 and the outside read
def test_colorado_human_review_is_qualified() -> None:
    review = REQS["us-co-admt:human-review"]
    assert "to the extent commercially reasonable" in review.summary and "6-1-1705" in review.citation
    sectors = [c for c in FRAMEWORKS["us-co-admt"].applies_when.all if c.field == "sectors"]
    assert sectors and "legal_services" not in sectors[0].value


def test_eu_biometric_categorisation_exception_is_the_acts() -> None:
    g = REQS["eu-ai-act:art-5.1.g"].summary
    assert "lawfully acquired biometric datasets" in g and "in the area of law enforcement" in g
    assert "categorise individual natural persons" in g


def test_eu_omnibus_prohibition_is_a_requirement_not_a_note() -> None:
    ban = REQS["eu-ai-act:art-5.ncii-csam"]
    assert ban.attestation and ban.applies_from is not None and ban.applies_from.isoformat() == "2026-12-02"
    assert "2026/1744" in ban.citation and "point number not confirmed" in ban.citation
    assert "not modelled" not in (REQS["eu-ai-act:art-5.1.a"].note or "")


def test_eu_gpai_transition_open_source_and_where_applicable() -> None:
    chapter_v = [r for r in REQS.values() if r.id.startswith(("eu-ai-act:art-53", "eu-ai-act:art-54",
                                                              "eu-ai-act:art-55", "eu-ai-act:annex-xi"))]
    assert len(chapter_v) >= 14
    for r in chapter_v:
        assert r.note and "Article 111(3)" in r.note and "2 Aug 2027" in r.note, r.id
    for r in (r for r in chapter_v if r.id.startswith("eu-ai-act:annex-xi.1")):
        assert "Article 53(2)" in (r.note or ""), r.id
    assert "where applicable, the measures for internal or external adversarial testing" in \
        REQS["eu-ai-act:annex-xi.2"].summary


def test_eu_verified_entries_name_where_they_were_read() -> None:
    header = (HERE / "frameworks" / "eu-ai-act.toml").read_text(encoding="utf-8").split("[framework]")[0]
    for article in ("Article 9", "Article 15(1)-(5)", "Articles 51-55", "Article 111(3)"):
        assert article in header, article
    assert {REQS[r].confidence for r in ("eu-ai-act:art-9", "eu-ai-act:art-15.1", "eu-ai-act:art-53.1.b")} == \
        {"verified"}


def test_designation_is_a_profile_fact_the_eu_file_uses() -> None:
    assert "systemic_risk_designated" in Profile.model_fields
    uses = [r.id for r in REQS.values() if any(c.field == "systemic_risk_designated" for c in r.applies_when.any)]
    assert set(uses) == {"eu-ai-act:art-52.1", "eu-ai-act:art-55.1.a", "eu-ai-act:art-55.1.b",
                         "eu-ai-act:art-55.1.c", "eu-ai-act:art-55.1.d", "eu-ai-act:annex-xi.2"}


def test_outside_read_findings_on_china_and_singapore() -> None:
    art9 = REQS["cn-genai-measures:art-9"].summary
    assert "information security obligations" in art9 and "register" in art9 and "rights and duties" in art9
    assert REQS["cn-genai-measures:art-4.3"].confidence == "verified"
    video = REQS["gb-45438:video-explicit"]
    assert "§5.4" in video.citation and "5%" in video.summary and "Article 17(1)" in (video.attestation or "")
    for rid in ("sg-mgf-genai:security", "sg-mgf-genai:data"):
        text = f"{REQS[rid].summary} {REQS[rid].attestation}"
        assert "recommend" in text and "prompt injection" not in text and "lawfully" not in text


# ------------------------------------------------------------------ docs/catalog.md's counts
def test_docs_counts_match_the_catalog() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \|.*\| (\d+) \|$", text, re.M))
    assert rows == {fid: str(len(f.requirements)) for fid, f in FRAMEWORKS.items()}
    ruled = sum(1 for r in REQS.values() if r.evidence)
    by_framework = {fid: sum(1 for r in f.requirements if r.evidence) for fid, f in FRAMEWORKS.items()}
    said = re.search(r"(\d+) requirements carry evidence rules: (\d+) in `tc260-003`, (\d+) in `gb-45654` and (\d+) "
                     r"in `us-eeoc-ugesp`", text)
    assert said is not None
    assert [int(x) for x in said.groups()] == [ruled, by_framework["tc260-003"], by_framework["gb-45654"],
                                               by_framework["us-eeoc-ugesp"]]
