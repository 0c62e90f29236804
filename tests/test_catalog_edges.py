"""The shipped catalog's applicability at its edges: thresholds, dates and the conditions the sources set."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.catalog import applicable, load_catalog
from accord.config import Profile

TODAY = dt.date(2026, 12, 2)


def _status(profile: Profile, day: dt.date = TODAY, framework: str | None = None) -> dict[str, str]:
    only = [framework] if framework else None
    return {a.requirement.id: a.status for a in applicable(load_catalog(), profile, day, only=only)}


def _reasons(profile: Profile, rid: str, day: dt.date = TODAY) -> tuple[str, ...]:
    return next(a.reasons for a in applicable(load_catalog(), profile, day) if a.requirement.id == rid)


# ------------------------------------------------------------------ China: the 2024 cross-border Provisions
SA = "cn-cross-border-data:provisions-7.personal-information"
SC = "cn-cross-border-data:provisions-8.personal-information"
SC_SENSITIVE = "cn-cross-border-data:provisions-8.sensitive"


def _export(personal: int, sensitive: int, ciio: bool | None = False) -> dict[str, str]:
    return _status(Profile(exports_personal_data_from=["CN"], personal_data_subjects=personal,
                           sensitive_personal_data_subjects=sensitive, critical_information_infrastructure=ciio),
                   framework="cn-cross-border-data")


@pytest.mark.parametrize(("personal", "assessment", "contract"), [
    (99_999, "does not apply", "does not apply"),      # exempt: fewer than 100,000 people (不满10万人)
    (100_000, "does not apply", "applies"),            # 10万人以上 includes 100,000
    (999_999, "does not apply", "applies"),            # 不满100万人
    (1_000_000, "applies", "does not apply"),          # 100万人以上 includes 1,000,000
    (1_000_001, "applies", "does not apply"),
])
def test_non_sensitive_export_routes_at_their_edges(personal: int, assessment: str, contract: str) -> None:
    got = _export(personal, 0)
    assert (got[SA], got[SC], got[SC_SENSITIVE]) == (assessment, contract, "does not apply")


@pytest.mark.parametrize(("sensitive", "assessment", "contract"), [
    (9_999, "does not apply", "applies"),              # 不满1万人
    (10_000, "applies", "does not apply"),             # 1万人以上 includes 10,000
    (10_001, "applies", "does not apply"),
])
def test_sensitive_export_routes_at_their_edges(sensitive: int, assessment: str, contract: str) -> None:
    got = _export(0, sensitive)
    assert (got[SA], got[SC_SENSITIVE], got[SC]) == (assessment, contract, "does not apply")


def test_ciio_always_needs_the_assessment_and_no_export_needs_nothing() -> None:
    got = _export(10, 0, ciio=True)
    assert got[SA] == "applies" and got[SC] == "does not apply"
    assert got["cn-cross-border-data:pipl-40"] == "applies"
    assert _export(500_000, 0, ciio=None)[SC] == "may apply"  # CIIO status unknown
    home = _status(Profile(exports_personal_data_from=[], personal_data_subjects=5_000_000,
                           critical_information_infrastructure=True, exports_important_data=False),
                   framework="cn-cross-border-data")
    assert set(home.values()) == {"does not apply"}
    important = _status(Profile(exports_important_data=True), framework="cn-cross-border-data")
    assert important["cn-cross-border-data:provisions-7.important-data"] == "applies"


# ------------------------------------------------------------------ EU AI Act
GPAI = Profile(regions=["EU"], kind="general_purpose_model")


@pytest.mark.parametrize(("flop", "designated", "systemic"), [
    (9.9e24, None, "may apply"), (1e25, None, "may apply"),  # below the presumption the Commission may designate
    (9.9e24, False, "does not apply"), (1e25, False, "does not apply"),  # Article 51(2): "greater than 10^25"
    (1.0000001e25, None, "applies"), (1.0000001e25, False, "applies"), (3e25, None, "applies"),
    (None, None, "may apply"), (None, False, "may apply"),
    (1e24, True, "applies"), (None, True, "applies"),  # designated under Article 51(1)(b) whatever its compute
])
def test_systemic_risk_presumption_and_designation(flop: float | None, designated: bool | None,
                                                   systemic: str) -> None:
    got = _status(GPAI.model_copy(update={"training_flop": flop, "systemic_risk_designated": designated}),
                  framework="eu-ai-act")
    for rid in ("eu-ai-act:art-55.1.a", "eu-ai-act:art-55.1.b", "eu-ai-act:art-55.1.c", "eu-ai-act:art-55.1.d",
                "eu-ai-act:art-52.1", "eu-ai-act:annex-xi.2"):
        assert got[rid] == systemic, rid
    assert got["eu-ai-act:art-53.1.c"] == got["eu-ai-act:art-51"] == "applies"
    assert got["eu-ai-act:art-10.2.f"] == "does not apply"  # a model is not an Annex III system


def test_below_the_presumption_the_reasons_name_the_missing_designation() -> None:
    reasons = _reasons(GPAI.model_copy(update={"training_flop": 1e24}), "eu-ai-act:art-55.1.a")
    assert any("systemic_risk_designated" in r for r in reasons)


def test_gpai_duties_need_a_general_purpose_model_offered_in_the_eu() -> None:
    service = _status(Profile(regions=["EU"], kind="generative_service", training_flop=1e26), framework="eu-ai-act")
    assert service["eu-ai-act:art-53.1.a"] == service["eu-ai-act:art-55.1.a"] == "does not apply"
    assert service["eu-ai-act:art-50.2"] == "applies"
    assert set(_status(GPAI.model_copy(update={"regions": ["US"]}), framework="eu-ai-act").values()) == \
        {"does not apply"}
    assert _status(GPAI, dt.date(2025, 8, 1), framework="eu-ai-act")["eu-ai-act:art-53.1.a"] == "does not apply"


HIRING = Profile(regions=["EU"], kind="predictive_system", sectors=["employment"], automated_decisions=True)


def test_annex_iii_duties_follow_the_omnibus_date() -> None:
    """Regulation (EU) 2026/1744 moved Annex III high-risk duties from 2 Aug 2026 to 2 Dec 2027 (adopted)."""
    assert _status(HIRING, dt.date(2026, 12, 2))["eu-ai-act:art-10.2.f"] == "does not apply"
    reasons = _reasons(HIRING, "eu-ai-act:art-10.2.f", dt.date(2026, 12, 2))
    assert any("from 2027-12-02" in r and "2026/1744" in r for r in reasons)
    assert any("moved from 2026-08-02" in r and "Article 113" in r for r in reasons)
    later = _status(HIRING, dt.date(2027, 12, 2))
    assert later["eu-ai-act:art-10.2.f"] == later["eu-ai-act:annex-iii.4"] == later["eu-ai-act:art-14"] == "applies"
    assert later["eu-ai-act:annex-iii.1"] == "does not apply"  # not a biometrics system


def test_prohibitions_apply_to_every_eu_system_from_february_2025() -> None:
    before, after = _status(HIRING, dt.date(2025, 2, 1)), _status(HIRING, dt.date(2025, 2, 2))
    for letter in "abcdefg":
        assert before[f"eu-ai-act:art-5.1.{letter}"] == "does not apply"
        assert after[f"eu-ai-act:art-5.1.{letter}"] == "applies"
    assert after["eu-ai-act:art-5.1.h"] == "does not apply"  # only law enforcement or biometrics
    assert _status(HIRING.model_copy(update={"sectors": ["law_enforcement"]}))["eu-ai-act:art-5.1.h"] == "applies"


def test_the_omnibus_prohibition_binds_generative_systems_from_december_2026() -> None:
    bot = Profile(regions=["EU"], kind="generative_service")
    assert _status(bot, dt.date(2026, 12, 1))["eu-ai-act:art-5.ncii-csam"] == "does not apply"
    assert _status(bot, dt.date(2026, 12, 2))["eu-ai-act:art-5.ncii-csam"] == "applies"
    assert _status(HIRING, dt.date(2026, 12, 2))["eu-ai-act:art-5.ncii-csam"] == "does not apply"


def test_the_eu_ai_act_has_every_clause_the_issue_names() -> None:
    ids = {r.id for f in load_catalog() if f.id == "eu-ai-act" for r in f.requirements}
    wanted = {f"eu-ai-act:art-5.1.{x}" for x in "abcdefgh"} | {f"eu-ai-act:annex-iii.{n}" for n in range(1, 9)}
    wanted.add("eu-ai-act:art-5.ncii-csam")
    wanted |= {f"eu-ai-act:art-{a}" for a in ("9", "10.2.f", "10.2.g", "10.3", "10.5", "11", "12", "13", "14",
                                              "50.1", "50.2", "50.4", "51", "52.1", "53.1.a", "53.1.b", "53.1.c",
                                              "53.1.d", "54", "55.1.a")}
    assert wanted <= ids
    assert any(i.startswith("eu-ai-act:art-15") for i in ids) and any(i.startswith("eu-ai-act:annex-xi") for i in ids)


# ------------------------------------------------------------------ United States
def test_ll144_needs_nyc_employment_and_automated_decisions() -> None:
    nyc = Profile(regions=["US-NYC"], sectors=["employment"], automated_decisions=True)
    got = _status(nyc)
    assert got["us-nyc-ll144:impact-ratios"] == "applies"
    assert got["us-eeoc-ugesp:1607.4.d"] == "applies"  # NYC is in the US
    assert _status(nyc.model_copy(update={"automated_decisions": False}))["us-nyc-ll144:bias-audit"] == "does not apply"
    assert _status(nyc.model_copy(update={"regions": ["US-CO"]}))["us-nyc-ll144:bias-audit"] == "does not apply"
    assert _status(nyc.model_copy(update={"sectors": ["housing"]}))["us-eeoc-ugesp:1607.4.d"] == "does not apply"


def test_colorado_applies_to_consequential_decisions_from_2027() -> None:
    lender = Profile(regions=["US-CO"], sectors=["credit"], automated_decisions=True)
    assert _status(lender)["us-co-admt:consumer-notice"] == "does not apply"  # SB 26-189: from 1 Jan 2027
    assert _status(lender, dt.date(2027, 1, 1))["us-co-admt:consumer-notice"] == "applies"
    assert _status(lender.model_copy(update={"regions": ["US"]}), dt.date(2027, 1, 1))[
        "us-co-admt:consumer-notice"] == "does not apply"
    chat = lender.model_copy(update={"automated_decisions": False})
    assert _status(chat, dt.date(2027, 1, 1))["us-co-admt:human-review"] == "does not apply"


@pytest.mark.parametrize(("sectors", "status"), [
    (["legal_services"], "does not apply"),  # SB 26-189 does not list legal services (SB 24-205 did)
    (["legal_services", "credit"], "applies"),
    (["housing"], "applies"), (["government_services"], "applies"),
])
def test_colorado_consequential_decisions_are_sb_26_189s(sectors: list[str], status: str) -> None:
    profile = Profile(regions=["US-CO"], sectors=sectors, automated_decisions=True)  # type: ignore[arg-type]
    got = _status(profile, dt.date(2027, 1, 1), framework="us-co-admt")
    assert set(got.values()) == {status}
