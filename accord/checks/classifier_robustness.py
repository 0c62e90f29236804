"""The classifier-robustness check: accuracy when inputs are disturbed, and permutation importance (seeded).

Runs on classifier targets that have a model (sklearn, onnx), not on a predictions file. Rows beyond
`max_rows` are sampled (seeded). Metrics (each `classifier_robustness.<name>`):
  accuracy                {}          accuracy on the rows used (Wilson interval)
  accuracy_under_noise    {level}     accuracy with noise at that level (see accord.fairness.robustness)
  accuracy_under_missing  {level}     accuracy with that share of input values emptied
  max_accuracy_drop       {}          the largest drop from `accuracy` over all levels
  failed_perturbations    {}          levels at which the model could not predict at all
  permutation_importance  {feature}   accuracy lost when the column is shuffled (mean; std in details)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import Field

from accord.checks.base import CheckOutput, Selection
from accord.config import AuditConfig, CheckSettings, OnnxTarget, SkopsTarget, TargetBase
from accord.errors import ConfigError
from accord.results import Metric


class ClassifierRobustnessSettings(CheckSettings):
    """Accuracy under feature noise and missing values, and permutation importance (all seeded)."""

    noise_levels: list[float] = Field(default_factory=lambda: [0.1, 0.25, 0.5])
    missing_levels: list[float] = Field(default_factory=lambda: [0.05, 0.1, 0.2])
    permutation_repeats: int = Field(5, ge=1, le=100)
    max_rows: int = Field(20_000, ge=100)
    seed: int = 0

P = "classifier_robustness."
METRICS = tuple(P + n for n in ("accuracy", "accuracy_under_noise", "accuracy_under_missing", "max_accuracy_drop",
                                "failed_perturbations", "permutation_importance"))


@dataclass(frozen=True)
class ClassifierRobustnessCheck:
    kind: Literal["computed"] = "computed"
    id: str = "classifier_robustness"
    title: str = "Robustness of the classifier to noisy and missing inputs, and what drives its decisions"
    version: str = "1"
    concerns: tuple[str, ...] = ("robustness_security", "transparency", "accuracy")
    metrics: tuple[str, ...] = METRICS
    settings_model: type[ClassifierRobustnessSettings] = ClassifierRobustnessSettings
    rank: int = 90  # the report's section order

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return isinstance(target, SkopsTarget | OnnxTarget) and config.settings_of(self.id, self.settings_model).enabled

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        from accord.fairness import robustness as rb
        from accord.targets.classifier import decisions

        if not isinstance(target, SkopsTarget | OnnxTarget):
            raise ConfigError(f"target {target.name} has no model to disturb")
        c = config.settings_of(self.id, self.settings_model)
        d = decisions(target)
        frame = d.table.frame[list(d.table.features)]
        rows = np.arange(len(frame))
        if len(rows) > c.max_rows:
            rows = np.sort(np.random.default_rng(c.seed).choice(rows, c.max_rows, replace=False))
        frame = frame.iloc[rows].reset_index(drop=True)
        y, base_pred = d.table.y_true[rows], d.y_pred[rows]
        clean = rb.accuracy(y, base_pred)
        baseline = clean.value or 0.0
        perturbed = rb.perturbations(frame=frame, y_true=y, predict=d.predict, clean_accuracy=baseline,
                                     noise_levels=c.noise_levels, missing_levels=c.missing_levels, seed=c.seed)
        importance = rb.permutation_importance(frame=frame, y_true=y, predict=d.predict, baseline=baseline,
                                               repeats=c.permutation_repeats, seed=c.seed)
        n = len(frame)
        m = [Metric(name=P + "accuracy", target=target.name, check=self.id, slice={}, value=clean.value,
                    k=clean.k, n=clean.n, low=clean.low, high=clean.high)]
        for p in perturbed:
            if p.accuracy is not None:
                a = p.accuracy
                m.append(Metric(name=f"{P}accuracy_under_{p.kind}", target=target.name, check=self.id,
                                slice={"level": f"{p.level:g}"}, value=a.value, k=a.k, n=a.n, low=a.low, high=a.high))
        drops = [p.drop for p in perturbed if p.drop is not None]
        failed = [p for p in perturbed if p.error]
        m.append(Metric(name=P + "max_accuracy_drop", target=target.name, check=self.id, slice={},
                        value=max(drops) if drops else None, n=n))
        m.append(Metric(name=P + "failed_perturbations", target=target.name, check=self.id, slice={},
                        value=float(len(failed)), k=len(failed), n=len(perturbed)))
        m += [Metric(name=P + "permutation_importance", target=target.name, check=self.id,
                     slice={"feature": i.feature}, value=i.mean, n=n) for i in importance]
        details = {"rows": n, "sampled": n < len(d.table.frame), "seed": c.seed, "clean": dataclasses.asdict(clean),
                   "perturbed": [dataclasses.asdict(p) for p in perturbed],
                   "importance": [dataclasses.asdict(i) for i in importance], "caveats": list(d.caveats)}
        top = ", ".join(f"{i.feature} ({i.mean:+.3f})" for i in importance[:3])
        summary = [f"accuracy {baseline:.3f} on {n:,} rows; largest drop under disturbance "
                   + (f"{max(drops):.3f}" if drops else "not measured")
                   + (f"; the model failed at {len(failed)} level(s)" if failed else ""),
                   f"most important inputs: {top}"]
        return CheckOutput(metrics=m, details=details, summary=summary)


CHECK = ClassifierRobustnessCheck()
CHECKS = (CHECK,)
