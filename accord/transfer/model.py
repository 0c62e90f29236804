"""A data flow (what leaves which jurisdiction for which) and the assessment of it, as serialised types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from accord.errors import ConfigError
from accord.tomlfile import load_toml

Purpose = Literal["contract_performance", "hr", "emergency", "other"]
Mechanism = Literal[
    "security_assessment", "standard_contract_or_certification", "exempt", "adequacy", "appropriate_safeguards",
    "no_transfer",
]
Confidence = Literal["verified", "secondary", "unverified"]


class DataFlow(BaseModel):
    """One export of data. Counts are of people (not records), since 1 January of the current year."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "data flow"
    exporter: str = Field(description="where the data leaves: CN, EU, or an EEA country code such as DE")
    importer: str = Field(description="where it goes: an ISO 3166 country code, or EPO")
    ciio: bool = Field(False, description="the exporter operates critical information infrastructure (China)")
    important_data: bool = Field(False, description="the data includes data notified or published as important")
    personal_information_people: int = Field(0, ge=0, description="people whose non-sensitive personal "
                                             "information is exported since 1 January")
    sensitive_personal_information_people: int = Field(0, ge=0)
    purposes: list[Purpose] = Field(default_factory=lambda: list[Purpose](["other"]))
    collected_abroad: bool = Field(False, description="personal information collected abroad, processed in China, "
                                   "with no domestic personal information or important data added")
    free_trade_zone_exempt: bool = Field(False, description="the data is outside a pilot free trade zone's "
                                         "negative list and the exporter is registered in that zone")
    importer_in_adequacy_scope: bool | None = Field(None, description="for partial adequacy decisions (US, CA, "
                                                    "JP): the importer falls within the decision's scope")
    as_of: dt.date | None = None

    @property
    def has_personal_information(self) -> bool:
        return self.personal_information_people + self.sensitive_personal_information_people > 0


class Outcome(BaseModel):
    """What one regime requires for the flow."""

    regime: Literal["CN", "EU"]
    mechanism: Mechanism
    legal_basis: list[str]
    reasons: list[str]
    also_required: list[str] = []
    confidence: Confidence
    sources: list[str] = []
    measured: list[str] = []  # the people a scan summary counted, beside the declared figures
    measured_mechanism: Mechanism | None = None  # what the larger of the declared and measured figures require


class Assessment(BaseModel):
    flow: DataFlow
    outcomes: list[Outcome]
    note: str = ("An indication from the facts given, not legal advice; Accord assesses, it does not certify. "
                 "Confidence tags say how well each rule was checked against its primary text.")


def load_flow(path: Path) -> DataFlow:
    raw = load_toml(path, what="data-flow file")
    try:
        return DataFlow.model_validate(raw.get("flow", raw))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ConfigError(f"{path}: {where}: {first['msg']}") from None
