"""EU GDPR Chapter V: is the destination covered by an adequacy decision (Art. 45), or does the transfer need
appropriate safeguards (Art. 46, e.g. the standard contractual clauses) or a derogation (Art. 49)?"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from accord.tomlfile import load_toml
from accord.transfer.model import DataFlow, Outcome

RULES = Path(__file__).parent / "rules" / "eu-adequacy.toml"
EEA = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split())
EU_EXPORTERS = EEA | {"EU", "EEA"}
_SAFEGUARDS = ("GDPR Art. 46 (standard contractual clauses, Commission Implementing Decision (EU) 2021/914; "
               "binding corporate rules, Art. 47; approved codes or certification) or, for specific situations "
               "only, a derogation under Art. 49")


@cache
def adequacy_decisions() -> dict[str, dict[str, Any]]:
    raw = load_toml(RULES, what="transfer rules")
    return {d["code"]: d for d in raw["decisions"]}


def assess_eu(flow: DataFlow, today: dt.date | None = None) -> Outcome | None:
    """The outcome for a flow leaving the EEA, or None when the exporter is not in the EEA."""
    if flow.exporter.upper() not in EU_EXPORTERS:
        return None
    when = flow.as_of or today or dt.date.today()
    dest = flow.importer.upper()
    if not flow.has_personal_information:
        return Outcome(regime="EU", mechanism="no_transfer", legal_basis=["GDPR Art. 44"], confidence="verified",
                       reasons=["no personal data is transferred: Chapter V does not apply"])
    if dest in EEA:
        return Outcome(regime="EU", mechanism="no_transfer", legal_basis=["GDPR Art. 44"], confidence="verified",
                       reasons=[f"{dest} is in the European Economic Area: not a transfer to a third country"])
    d = adequacy_decisions().get(dest)
    valid = d is not None and d["adopted"] <= when and ("expires" not in d or when < d["expires"])
    if d is not None and valid and (d.get("scope") is None or flow.importer_in_adequacy_scope):
        scope = f", within its scope ({d['scope']})" if d.get("scope") else ""
        return Outcome(regime="EU", mechanism="adequacy", legal_basis=["GDPR Art. 45(1)", d["decision"]],
                       confidence=d["confidence"], reasons=[
                           f"{d['name']} has an adequacy decision adopted {d['adopted']}{scope}"],
                       sources=[str(RULES.name)])
    if d is not None and valid:
        why = (f"{d['name']}'s adequacy decision covers only {d['scope']}; "
               + ("the importer is outside it" if flow.importer_in_adequacy_scope is False else
                  f"not confirmed ({d['in_scope_question']}, set importer_in_adequacy_scope)"))
    elif d is not None:
        why = f"{d['name']}'s adequacy decision is not in force on {when}"
    else:
        why = f"no adequacy decision covers {dest}"
    return Outcome(regime="EU", mechanism="appropriate_safeguards", legal_basis=["GDPR Art. 46", "GDPR Art. 49"],
                   reasons=[why, f"a safeguard is needed: {_SAFEGUARDS}"], confidence="secondary",
                   sources=[str(RULES.name)])
