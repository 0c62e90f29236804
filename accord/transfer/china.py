"""China: which mechanism PIPL Arts. 38-40 and the 2024 Provisions require for exporting a flow's data.

Order of the tests (the Provisions' exemptions in Arts. 3-6 come first; important data is never exempt):
important data -> security assessment (Art. 7(2)); no personal information -> nothing to do (Art. 3);
collected abroad (Art. 4); contract, HR or emergency necessity (Art. 5(1)-(3), read as open to CIIOs too,
since only Art. 5(4) names them); free-trade-zone negative list (Art. 6); a CIIO exporting personal
information -> security assessment (Art. 7(1)); then the volume thresholds of Arts. 7(2), 8 and 5(4).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from accord.catalog import load_catalog
from accord.tomlfile import load_toml
from accord.transfer.model import DataFlow, Mechanism, Outcome

RULES = Path(__file__).parent / "rules" / "cn-cross-border.toml"
_EXEMPT_PURPOSES = ("contract_performance", "hr", "emergency")


@cache
def cn_rules() -> dict[str, Any]:
    """The Provisions' articles (transfer/rules) and the volume thresholds, read from their one home: the
    catalog's cn-cross-border-data framework."""
    framework = next(f for f in load_catalog() if f.id == "cn-cross-border-data")
    thresholds = {name: int(value) for name, value in framework.thresholds.items()}
    return {**load_toml(RULES, what="transfer rules"), "thresholds": thresholds}


def assess_china(flow: DataFlow) -> Outcome:
    rules = cn_rules()
    t, art = rules["thresholds"], rules["articles"]
    people, sensitive = flow.personal_information_people, flow.sensitive_personal_information_people
    counts = f"{people:,} people's personal information and {sensitive:,} people's sensitive personal information"

    def out(mechanism: Mechanism, basis: list[str], reason: str) -> Outcome:
        also = []
        if flow.has_personal_information:
            also = [f"{art['consent']}: inform the individuals and obtain their separate consent",
                    f"{art['impact_assessment']}: a personal information protection impact assessment before "
                    "the export [general knowledge, unverified]"]
        return Outcome(regime="CN", mechanism=mechanism, legal_basis=basis, reasons=[reason], also_required=also,
                       confidence=rules["provisions"]["confidence"],
                       sources=[f"{rules['provisions']['title']}, effective {rules['provisions']['effective']}, "
                                f"{rules['provisions']['url']}"])

    if flow.important_data:
        return out("security_assessment", [art["volume_or_important"]],
                   "the export includes important data (data notified or published as such)")
    if not flow.has_personal_information:
        return out("no_transfer", [art["no_personal_or_important"]],
                   "the export holds no personal information and no important data")
    if flow.collected_abroad:
        return out("exempt", [art["collected_abroad"]], "the personal information was collected abroad and is "
                   "sent back out with no domestic personal information or important data added")
    if flow.purposes and all(p in _EXEMPT_PURPOSES for p in flow.purposes):
        return out("exempt", [art[p] for p in sorted(set(flow.purposes))],
                   "every purpose is a necessity the Provisions exempt (contract with the individual, cross-border "
                   "HR management, emergencies); the exemption holds only where the export is truly necessary")
    if flow.free_trade_zone_exempt:
        return out("exempt", [art["free_trade_zone"]], "the data is outside the free trade zone's negative list")
    if flow.ciio and flow.has_personal_information:
        return out("security_assessment", [art["ciio"]],
                   "a critical information infrastructure operator exports personal information")
    if people >= t["security_assessment_people"] or sensitive >= t["security_assessment_sensitive_people"]:
        return out("security_assessment", [art["volume_or_important"]],
                   f"{counts} since 1 January: at least {t['security_assessment_people']:,} people, or at least "
                   f"{t['security_assessment_sensitive_people']:,} for sensitive personal information")
    if people >= t["standard_contract_people"] or sensitive > 0:
        return out("standard_contract_or_certification", [art["standard_contract"]],
                   f"{counts} since 1 January: {t['standard_contract_people']:,} to "
                   f"{t['security_assessment_people'] - 1:,} people, or 1 to "
                   f"{t['security_assessment_sensitive_people'] - 1:,} for sensitive personal information")
    return out("exempt", [art["below_threshold"]],
               f"{counts} since 1 January: fewer than {t['standard_contract_people']:,} people and no sensitive "
               "personal information, by an exporter that is not a CIIO")
