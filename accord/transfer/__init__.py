"""Cross-border transfer assessment: for a data flow, the mechanism China (PIPL Arts. 38-40 and the 2024
Provisions) and the EU (GDPR Chapter V) require. Pure functions over `DataFlow`; the rules are data in
`rules/`."""

from __future__ import annotations

import datetime as dt

from accord.transfer.china import assess_china, cn_rules
from accord.transfer.eu import EU_EXPORTERS, adequacy_decisions, assess_eu
from accord.transfer.model import Assessment, DataFlow, Outcome, load_flow


def assess(flow: DataFlow, today: dt.date | None = None) -> Assessment:
    """The outcome of every regime the flow's exporter is under (China for CN, the EU for EEA exporters)."""
    outcomes: list[Outcome] = []
    if flow.exporter.upper() == "CN":
        outcomes.append(assess_china(flow))
    eu = assess_eu(flow, today)
    if eu is not None:
        outcomes.append(eu)
    return Assessment(flow=flow, outcomes=outcomes)


__all__ = ["EU_EXPORTERS", "Assessment", "DataFlow", "Outcome", "adequacy_decisions", "assess", "assess_china",
           "assess_eu", "cn_rules", "load_flow"]
