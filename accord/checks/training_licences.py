"""The training-data licence check: a dataset target's licence manifest (`licence_manifest = "..."`: a CSV,
JSONL or Parquet manifest, a Hugging Face dataset card or a Croissant file; docs/ip.md) read by
`accord.scan.licences`, as evidence beside the training-data IP requirements' attestations.

Metrics, shares of the manifest's records (k of n records; counted over the whole manifest, not sampled, so no
interval): training_licences.unknown_or_missing_share (slices `status` = unknown, missing),
.non_commercial_share, .share_alike_share, .copyleft_share, and .opt_out_share where the manifest records
opt-outs. No source states a threshold for any of them: the catalog shows them beside the attestations
(`informed_by`), never as a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accord.checks.base import CheckOutput, Selection
from accord.config import AuditConfig, CheckSettings, DatasetTarget, TargetBase
from accord.results import Metric
from accord.scan.licence_tally import LicenceReport
from accord.scan.licences import licence_report

PREFIX = "training_licences"
UNKNOWN, NON_COMMERCIAL, SHARE_ALIKE, COPYLEFT, OPT_OUT = (
    f"{PREFIX}.{m}" for m in ("unknown_or_missing_share", "non_commercial_share", "share_alike_share",
                              "copyleft_share", "opt_out_share"))
LINES_SHOWN = 50


class TrainingLicencesSettings(CheckSettings):
    """Reads each dataset target's `licence_manifest`; `licence_column` names a table's licence column when its
    name is not one Accord knows."""

    licence_column: str | None = None


def _share(name: str, target: str, k: int, n: int, slice_: dict[str, str] | None = None) -> Metric:
    return Metric(name=name, target=target, check=PREFIX, slice=slice_ or {}, value=k / n if n else None, k=k, n=n)


def metrics_of(report: LicenceReport, target: str) -> list[Metric]:
    n = report.records
    out = [_share(UNKNOWN, target, report.unknown_records + report.missing_records, n),
           _share(UNKNOWN, target, report.unknown_records, n, {"status": "unknown"}),
           _share(UNKNOWN, target, report.missing_records, n, {"status": "missing"}),
           _share(NON_COMMERCIAL, target, report.non_commercial_records, n),
           _share(SHARE_ALIKE, target, report.share_alike_records, n),
           _share(COPYLEFT, target, report.copyleft_records, n)]
    if report.opt_out_records is not None:
        out.append(_share(OPT_OUT, target, report.opt_out_records, n))
    return out


@dataclass(frozen=True)
class TrainingLicencesCheck:
    kind: Literal["computed"] = "computed"
    id: str = PREFIX
    title: str = "Training-data licences: SPDX licences, unknown and missing ones, terms and opt-outs"
    version: str = "1"
    concerns: tuple[str, ...] = ("ip", "data_governance")
    metrics: tuple[str, ...] = (UNKNOWN, NON_COMMERCIAL, SHARE_ALIKE, COPYLEFT, OPT_OUT)
    settings_model: type[TrainingLicencesSettings] = TrainingLicencesSettings
    rank: int = 101  # the report's section order: after the corpus check

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return (isinstance(target, DatasetTarget) and target.licence_manifest is not None
                and config.settings_of(self.id, self.settings_model).enabled)

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        assert isinstance(target, DatasetTarget) and target.licence_manifest is not None
        cfg = config.settings_of(self.id, self.settings_model)
        report = licence_report(target.licence_manifest, licence_column=cfg.licence_column)
        details = report.model_dump(mode="json")
        details["licences"] = details["licences"][:LINES_SHOWN]
        details["licences_not_shown"] = max(0, len(report.licences) - LINES_SHOWN)
        details["note"] = ("Counted over every record of the manifest (not a sample). Licences are what the "
                           "manifest says, normalised to SPDX ids; Accord does not check them against the sources. "
                           "No regulation states a share that is acceptable: these figures stand beside your "
                           "answers to the training-data questions, they decide no verdict.")
        n = report.records or 1
        summary = [f"{report.records:,} records in {report.rows:,} rows: unknown or missing licence "
                   f"{(report.unknown_records + report.missing_records) / n:.1%}, non-commercial "
                   f"{report.non_commercial_records / n:.1%}, share-alike {report.share_alike_records / n:.1%}, "
                   "opt-out " + ("not recorded" if report.opt_out_records is None
                                 else f"{report.opt_out_records / n:.1%}")]
        return CheckOutput(metrics=metrics_of(report, target.name), details=details, summary=summary)


CHECK = TrainingLicencesCheck()
CHECKS = (CHECK,)
