"""The fairness check: group metrics and disparities of a classifier's decisions (computed check).

Runs on every classifier target (sklearn, onnx, predictions) when `[checks.fairness]` is enabled. Metrics are
listed in `fairness_metrics`; `details` holds the engine's whole result (group table, disparities with bootstrap
intervals and tests, calibration) for the report section `templates/checks/fairness.html.j2`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from accord.checks.base import CheckOutput, Selection
from accord.checks.fairness_metrics import METRICS, fairness_metrics
from accord.config import AuditConfig, CheckSettings, OnnxTarget, PredictionsTarget, SkopsTarget, TargetBase
from accord.errors import ConfigError


class FairnessSettings(CheckSettings):
    """Group metrics and disparities of each classifier target (docs/fairness.md)."""

    min_group_size: int = Field(30, ge=0)      # smaller groups are reported, left out of disparities
    min_share: float = Field(0.02, ge=0, le=1)  # so are groups under this share of rows (NYC LL144's 2%)
    bootstrap: int = Field(1000, ge=0, le=100_000)
    seed: int = 0
    calibration_bins: int = Field(10, ge=0, le=100)
    alpha: float = Field(0.05, gt=0, lt=1)
    intersections: bool = True


def is_classifier(target: TargetBase) -> bool:
    return target.family == "classifier"


@dataclass(frozen=True)
class FairnessCheck:
    kind: Literal["computed"] = "computed"
    id: str = "fairness"
    title: str = "Fairness of decisions across groups"
    version: str = "1"
    concerns: tuple[str, ...] = ("fairness", "discrimination", "accuracy")
    metrics: tuple[str, ...] = METRICS
    settings_model: type[FairnessSettings] = FairnessSettings
    rank: int = 70  # the report's section order

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return is_classifier(target) and config.settings_of(self.id, self.settings_model).enabled

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        from accord.fairness import Settings, group_fairness
        from accord.targets.classifier import decisions

        if not isinstance(target, SkopsTarget | OnnxTarget | PredictionsTarget):
            raise ConfigError(f"target {target.name} is not a classifier")
        c = config.settings_of(self.id, self.settings_model)
        d = decisions(target)
        settings = Settings(min_group_size=c.min_group_size, min_share=c.min_share, bootstrap=c.bootstrap,
                            seed=c.seed, calibration_bins=c.calibration_bins, alpha=c.alpha,
                            intersections=c.intersections)
        frame = d.table.frame
        result = group_fairness(y_true=d.table.y_true, y_pred=d.y_pred,
                                sensitive={s: frame[s] for s in d.table.sensitive}, score=d.score, settings=settings)
        details = {**result.as_dict(), "positive_label": d.table.positive, "caveats": list(d.caveats),
                   "score_source": None if d.score is None else ("model" if d.model else "data")}
        flagged = [f"{g.feature} = {g.group}" for g in result.groups if g.four_fifths_flag]
        small = [g for g in result.groups if not g.compared]
        summary = [f"{result.n:,} rows; decisions favourable = {d.table.positive!r}",
                   f"{len(flagged)} group(s) under the four-fifths line"
                   + (f": {', '.join(flagged[:5])}" if flagged else ""),
                   f"{len(small)} small group(s) reported but not compared"]
        return CheckOutput(metrics=fairness_metrics(result, target.name, self.id), details=details, summary=summary)


CHECK = FairnessCheck()
CHECKS = (CHECK,)
