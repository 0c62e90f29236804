"""Cross-border transfer assessment: for a data flow, the mechanism China (PIPL Arts. 38-40 and the 2024
Provisions) and the EU (GDPR Chapter V) require. Pure functions over `DataFlow`; the rules are data in
`rules/`."""

from __future__ import annotations

import datetime as dt

from accord.transfer.china import assess_china, cn_rules
from accord.transfer.eu import EEA, EU_EXPORTERS, adequacy_decisions, assess_eu
from accord.transfer.measured import MeasuredPeople, load_measured, sensitivity_rules
from accord.transfer.model import Assessment, DataFlow, Outcome, load_flow


def assess(flow: DataFlow, today: dt.date | None = None, measured: MeasuredPeople | None = None) -> Assessment:
    """The outcome of every regime the flow's exporter is under (China for CN, the EU for EEA exporters); with
    `measured`, each outcome also says what the people counted in the scanned corpus would require."""
    outcomes: list[Outcome] = []
    if flow.exporter.upper() == "CN":
        outcome = assess_china(flow)
        if measured is not None:
            outcome = _beside_china(outcome, flow, measured)
        outcomes.append(outcome)
    eu = assess_eu(flow, today)
    if eu is not None:
        if measured is not None:
            eu = _beside_eu(eu, flow, measured, today)
        outcomes.append(eu)
    return Assessment(flow=flow, outcomes=outcomes)


_CAVEAT = ("distinct identifiers are an upper bound of the people they name (one person may carry several schemes) "
           "and count nobody named without one")


def _by_country(m: MeasuredPeople) -> str:
    return ", ".join(f"{c} {n:,}" for c, n in m.people_by_country.items()) or "none"


def _beside_china(outcome: Outcome, flow: DataFlow, m: MeasuredPeople) -> Outcome:
    law = sensitivity_rules()["law"]
    larger = flow.model_copy(update={
        "personal_information_people": max(flow.personal_information_people, m.people),
        "sensitive_personal_information_people": max(flow.sensitive_personal_information_people,
                                                     m.sensitive_people)})
    lines = [f"measured in {m.source}: {m.people:,} distinct identifiers of people (by the identifier's country: "
             f"{_by_country(m)}), {m.sensitive_people:,} of them sensitive personal information ({law['citation']}; "
             f"identity and social-security numbers per GB/T 35273-2020 Annex B, confidence {law['confidence']}); "
             f"declared: {flow.personal_information_people:,} and {flow.sensitive_personal_information_people:,}",
             f"{_CAVEAT}; the Provisions count people since 1 January across every export, which one corpus does "
             "not show"]
    return outcome.model_copy(update={"measured": lines, "measured_mechanism": assess_china(larger).mechanism})


def _beside_eu(outcome: Outcome, flow: DataFlow, m: MeasuredPeople, today: dt.date | None) -> Outcome:
    larger = flow.model_copy(update={"personal_information_people": max(flow.personal_information_people, m.people)})
    again = assess_eu(larger, today)
    lines = [f"measured in {m.source}: {m.people:,} distinct identifiers of people ({_by_country(m)}), "
             f"{m.people_in(EEA):,} of them issued in the EEA; declared: "
             f"{flow.personal_information_people + flow.sensitive_personal_information_people:,} people",
             _CAVEAT]
    return outcome.model_copy(update={"measured": lines, "measured_mechanism": again.mechanism if again else None})


__all__ = ["EU_EXPORTERS", "Assessment", "DataFlow", "MeasuredPeople", "Outcome", "adequacy_decisions", "assess",
           "assess_china", "assess_eu", "cn_rules", "load_flow", "load_measured"]
