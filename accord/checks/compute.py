"""The `compute` check: training compute of the model behind a chat target, as the provider declares it
(`[profile] training_flop`) or estimated as 6·N·D from the parameter count (read from the `local` target's GGUF
file, else `[profile] parameters`) and the declared training tokens (`[profile] training_tokens`), held against
the EU AI Act's 10^25 FLOP presumption (Article 51(2)) and Korea's 10^26 FLOP threshold (unverified). The
arithmetic and the band are in accord/environment/compute.py.

Metrics: compute.training_flop (the estimate; n = 1), compute.parameters (n = 1).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from accord.checks.base import CheckOutput
from accord.config import AuditConfig, CheckSettings, LocalTarget, TargetBase
from accord.environment.compute import THRESHOLDS, applicability, estimate, gguf_facts
from accord.results import Metric, Selection
from accord.targets.embedded import embedded_model_path

FLOP, PARAMS = "compute.training_flop", "compute.parameters"


class ComputeSettings(CheckSettings):
    """Training compute against the AI Act's and Korea's thresholds (opt-in: `[checks.compute]`)."""

    enabled: bool = False


@dataclass(frozen=True)
class ComputeCheck:
    kind: Literal["computed"] = "computed"
    id: str = "compute"
    title: str = "Training compute against the AI Act's and Korea's thresholds"
    version: str = "1"
    concerns: tuple[str, ...] = ("environment", "transparency")
    metrics: tuple[str, ...] = (FLOP, PARAMS)
    settings_model: type[ComputeSettings] = ComputeSettings
    rank: int = 121

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return target.family == "chat" and config.settings_of(self.id, self.settings_model).enabled

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        profile = config.profile_for(target)
        params, experts, source = profile.parameters, None, "[profile] parameters" if profile.parameters else None
        if isinstance(target, LocalTarget):
            facts = gguf_facts(target.model_path or embedded_model_path())
            params, experts, source = facts.parameters, facts.experts, facts.source
        est = estimate(params, profile.training_tokens, profile.training_flop, experts)
        rows = []
        for t in THRESHOLDS:
            state, why = applicability(est, t)
            rows.append({"threshold": t.id, "rule": t.rule, "flop": t.flop, "inclusive": t.inclusive, "what": t.what,
                         "confidence": t.confidence, "applicability": state, "because": why})
        metrics = []
        if params is not None:
            metrics.append(Metric(name=PARAMS, target=target.name, check=self.id, slice={}, value=float(params), n=1))
        if est is not None:
            # the band is not a confidence interval, so it stays in the details (the report labels low/high "95% CI")
            metrics.append(Metric(name=FLOP, target=target.name, check=self.id, slice={}, value=est.flop, n=1))
        missing = [] if est else [n for n, v in (("parameters", params), ("training_tokens", profile.training_tokens))
                                  if v is None]
        details = {"parameters": params, "parameters_source": source, "experts": experts,
                   "training_tokens": profile.training_tokens, "estimate": asdict(est) if est else None,
                   "missing": missing, "thresholds": rows,
                   "method": "6·N·D (Kaplan et al. 2020, section 2.1); band x0.5 to x2 (x0.1 to x2 for mixtures of "
                             "experts) is Accord's convention, not a sourced figure"}
        summary = [est.arithmetic if est else f"training compute unknown: give [profile] {' and '.join(missing)} "
                                              "or training_flop"]
        summary += [f"{r['rule']}: {r['applicability']} ({r['because']})" for r in rows]
        return CheckOutput(metrics=metrics, details=details, summary=summary)


CHECK = ComputeCheck()
CHECKS = (CHECK,)
