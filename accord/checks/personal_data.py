"""The personal_data check: the people a dataset target names, counted by their identifiers, for the catalog's
requirements that ask about personal data in training or processed data.

The file is scanned by the same scanner, batching and summary as `accord scan` (accord.scan.scan_path and
SummaryBuilder; on a Ray cluster with `ray = true`, as `accord scan --ray`). Identifiers are counted by keyed hash
(HMAC-SHA256 under a key that lives only in this run, or under the one in the environment variable
`hash_key_env` names); the details hold masked forms only, never an identifier in full.

Metrics (counts carry n = documents scanned and no interval; the share is a Wilson rate):
- personal_data.people: distinct identifiers of people, summed over schemes (an upper bound of the people
  named by an identifier: one person may carry several schemes). Slices {country} and {country, type}.
- personal_data.sensitive_people: those of them in schemes counted as sensitive personal information for
  China's thresholds (accord/transfer/rules/cn-sensitive-identifiers.toml: PIPL Art. 28 read with GB/T
  35273-2020 Annex B, confidence `unverified`). Slice {country}.
- personal_data.documents_with_people: share of documents holding at least one identifier of a person. Slices
  {country} and {country, type}.
No catalog rule decides on these: they are shown beside the attestations that ask about personal data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from accord.checks.base import CheckOutput, Selection
from accord.checks.rates import rate_metric
from accord.config import AuditConfig, CheckSettings, DatasetTarget, TargetBase
from accord.errors import ConfigError
from accord.results import Metric
from accord.scan import ScanSummary, SummaryBuilder, scan_path
from accord.scan.people import kind_of
from accord.transfer import DataFlow, MeasuredPeople, assess
from accord.transfer.measured import MeasuredIdentifier, sensitive_types, sensitivity_rules

PEOPLE, SENSITIVE, DOCS = ("personal_data.people", "personal_data.sensitive_people",
                           "personal_data.documents_with_people")


class PersonalDataSettings(CheckSettings):
    """`[checks.personal_data]`: which entity types to scan for (default: all), where (local processes or a Ray
    cluster, as `accord scan`), and the environment variable holding the key that counts distinct identifiers."""

    types: list[str] | None = None
    workers: int | None = Field(None, ge=1)
    ray: bool = False
    ray_address: str | None = None
    hash_key_env: str | None = None


class _DocCounter:
    """Documents holding identifiers of people: overall, per country and per (country, type)."""

    def __init__(self) -> None:
        self.any: set[int] = set()
        self.by_country: dict[str, set[int]] = {}
        self.by_type: dict[tuple[str, str], set[int]] = {}

    def add(self, entity_type: str, doc: int) -> None:
        kind = kind_of(entity_type)
        if kind is None or not kind.person:
            return
        self.any.add(doc)
        self.by_country.setdefault(kind.country, set()).add(doc)
        self.by_type.setdefault((kind.country, entity_type), set()).add(doc)


def _key(env: str | None) -> bytes | None:
    if env is None:
        return None
    secret = os.environ.get(env)
    if not secret:
        raise ConfigError(f"[checks.personal_data] hash_key_env = {env!r}: the variable is not set or empty")
    return secret.encode("utf-8")


@dataclass(frozen=True)
class PersonalDataCheck:
    kind: Literal["computed"] = "computed"
    id: str = "personal_data"
    title: str = "Personal data in a dataset: the people its identifiers name, per country and scheme"
    version: str = "1"
    concerns: tuple[str, ...] = ("privacy", "data_governance", "cross_border_data")
    metrics: tuple[str, ...] = (PEOPLE, SENSITIVE, DOCS)
    settings_model: type[PersonalDataSettings] = PersonalDataSettings
    rank: int = 101  # the report's section order: right after the corpus check

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return isinstance(target, DatasetTarget) and config.settings_of(self.id, self.settings_model).enabled

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        assert isinstance(target, DatasetTarget)
        cfg = config.settings_of(self.id, self.settings_model)
        builder = SummaryBuilder(_key(cfg.hash_key_env))
        docs = _DocCounter()
        for batch, found in scan_path(target.path, fmt=target.format, field=target.field, columns=target.columns,
                                      types=cfg.types, workers=cfg.workers, ray=cfg.ray,
                                      ray_address=cfg.ray_address):
            builder.add(batch, found)
            for f in found:
                docs.add(f.type, f.doc)
        summary = builder.build()
        measured = MeasuredPeople(source=str(target.path), identifiers=[
            MeasuredIdentifier.model_validate(i.model_dump()) for i in summary.identifiers])
        metrics = self._metrics(target.name, summary, measured, docs)
        profile = config.profile_for(target)
        flow = None
        if "CN" in {e.upper() for e in profile.exports_personal_data_from or []}:
            flow = DataFlow(name="this dataset", exporter="CN", importer="abroad",
                            ciio=bool(profile.critical_information_infrastructure),
                            important_data=bool(profile.exports_important_data),
                            personal_information_people=profile.personal_data_subjects or 0,
                            sensitive_personal_information_people=profile.sensitive_personal_data_subjects or 0)
        details = _details(summary, measured, cfg, flow)
        return CheckOutput(metrics=metrics, details=details, summary=[_line(summary, measured, len(docs.any))])

    def _metrics(self, target: str, s: ScanSummary, m: MeasuredPeople, docs: _DocCounter) -> list[Metric]:
        n = s.documents
        sensitive = sensitive_types()

        def count(name: str, value: int, slice_: dict[str, str] | None = None) -> Metric:
            return Metric(name=name, target=target, check=self.id, slice=slice_ or {}, value=float(value), n=n)

        out = [count(PEOPLE, m.people), count(SENSITIVE, m.sensitive_people),
               rate_metric(DOCS, target=target, check=self.id, k=len(docs.any), n=n)]
        for country, people in m.people_by_country.items():
            out.append(count(PEOPLE, people, {"country": country}))
            out.append(count(SENSITIVE, sum(i.distinct for i in m.identifiers if i.person and i.country == country
                                            and i.type in sensitive), {"country": country}))
            out.append(rate_metric(DOCS, target=target, check=self.id, k=len(docs.by_country[country]), n=n,
                                   slice_={"country": country}))
        for i in m.identifiers:
            if i.person:
                where = {"country": i.country, "type": i.type}
                out.append(count(PEOPLE, i.distinct, where))
                out.append(rate_metric(DOCS, target=target, check=self.id, k=len(docs.by_type[(i.country, i.type)]),
                                       n=n, slice_=where))
        return out


def _line(s: ScanSummary, m: MeasuredPeople, docs: int) -> str:
    countries = ", ".join(f"{c} {n:,}" for c, n in m.people_by_country.items()) or "none"
    return (f"{s.documents:,} documents scanned: {m.people:,} distinct identifiers of people ({countries}), "
            f"{m.sensitive_people:,} of them sensitive personal information (China's reading), in {docs:,} documents")


def _details(s: ScanSummary, m: MeasuredPeople, cfg: PersonalDataSettings, flow: DataFlow | None) -> dict[str, Any]:
    law = sensitivity_rules()["law"]
    out: dict[str, Any] = {
        "documents": s.documents, "characters": s.characters, "documents_with_findings": s.documents_with_findings,
        "findings_by_type": s.by_type,
        "identifiers": [i.model_dump() for i in s.identifiers],  # masked examples only, never a value in full
        "people_by_country": m.people_by_country, "people": m.people, "sensitive_people": m.sensitive_people,
        "sensitive_basis": f"{law['citation']}, identity and social-security numbers per GB/T 35273-2020 Annex B "
                           f"(accord/transfer/rules/cn-sensitive-identifiers.toml), confidence {law['confidence']}",
        "hash_key": f"from ${cfg.hash_key_env}" if cfg.hash_key_env else "random, for this run only",
        "scanned_on": "a Ray cluster" if cfg.ray else "local processes",
        "notices": s.notices,
        "note": "Distinct identifiers are an upper bound of the people they name (one person may carry several "
                "schemes) and count nobody named without one. No catalog rule decides on these counts: they are "
                "shown beside the questions about personal data in training and processed data.",
    }
    if flow is not None:
        # the profile exports personal data from China: the route the 2024 Provisions call for on the larger of
        # the profile's declared people and those counted here, by accord.transfer (its thresholds are
        # cn-cross-border-data's [framework.thresholds]), as if this file were the year's whole export
        china = assess(flow, measured=m).outcomes[0]
        out["cn_cross_border"] = {"declared_route": china.mechanism, "route_with_measured": china.measured_mechanism,
                                  "measured": china.measured, "sources": china.sources,
                                  "confidence": china.confidence}
    return out


CHECK = PersonalDataCheck()
CHECKS = (CHECK,)
