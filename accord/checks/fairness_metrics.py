"""The fairness check's metrics, from the engine's result: stable names, overall values for catalog rules.

Overall metrics (slice {}) take the worst value over every feature and intersection; their n is the size of
the smallest compared group of the feature where that worst value was found. Per-feature metrics carry
slice {feature}; per-group ones {feature, group}. Names are listed in METRICS (docs/fairness.md says which
requirement each evidences).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accord.fairness import Disparity, Estimate, GroupFairness, Rate
from accord.results import Metric

P = "fairness."
GROUP_RATES = ("selection_rate", "base_rate", "accuracy", "tpr", "fpr", "fnr", "precision")
WORST: dict[str, Callable[..., Any]] = {  # summary -> which end is worse
    "demographic_parity_difference": max, "demographic_parity_ratio": min, "equalized_odds_difference": max,
    "equal_opportunity_difference": max, "accuracy_difference": max, "min_impact_ratio": min,
    "min_scoring_impact_ratio": min,
}
METRICS = tuple(P + n for n in (
    *WORST, "accuracy", "selection_rate", "base_rate", "four_fifths_flags", "significant_flags", "small_groups",
    "group_share", "tpr", "fpr", "fnr", "precision", "impact_ratio", "impact_ratio_p_value", "scoring_rate",
    "scoring_impact_ratio", "calibration_error", "selection_rate_p_value",
))


def _rate(name: str, r: Rate, target: str, check: str, where: dict[str, str]) -> Metric:
    return Metric(name=P + name, target=target, check=check, slice=where, value=r.value, k=r.k, n=r.n,
                  low=r.low, high=r.high)


def _estimate(name: str, e: Estimate, n: int, target: str, check: str, where: dict[str, str]) -> Metric:
    return Metric(name=P + name, target=target, check=check, slice=where, value=e.value, n=n, low=e.low,
                  high=e.high)


def _worst(result: GroupFairness, name: str) -> tuple[Disparity, Estimate] | None:
    found = [(d, d.metrics[name]) for d in result.disparities
             if name in d.metrics and d.metrics[name].value is not None]
    if not found:
        return None
    pick = WORST[name]
    return pick(found, key=lambda pair: pair[1].value)


def fairness_metrics(result: GroupFairness, target: str, check: str) -> list[Metric]:
    out = [_rate(n, result.overall[n], target, check, {}) for n in ("accuracy", "selection_rate", "base_rate")]
    for name in WORST:
        worst = _worst(result, name)
        if worst is not None:
            d, e = worst
            out.append(_estimate(name, e, d.smallest_compared or 0, target, check, {}))
    compared = [g for g in result.groups if g.compared]
    flags = [g for g in compared if g.four_fifths_flag]
    alpha = result.settings.alpha
    out += [
        Metric(name=P + "four_fifths_flags", target=target, check=check, slice={}, value=float(len(flags)),
               k=len(flags), n=len(compared)),
        Metric(name=P + "significant_flags", target=target, check=check, slice={},
               value=float(sum(1 for g in flags if g.p_value is not None and g.p_value < alpha)),
               k=sum(1 for g in flags if g.p_value is not None and g.p_value < alpha), n=len(flags)),
        Metric(name=P + "small_groups", target=target, check=check, slice={},
               value=float(len(result.groups) - len(compared)), k=len(result.groups) - len(compared),
               n=len(result.groups)),
    ]
    for d in result.disparities:
        where = {"feature": d.feature}
        for name, e in d.metrics.items():
            out.append(_estimate(name, e, d.smallest_compared or 0, target, check, where))
        out.append(Metric(name=P + "selection_rate_p_value", target=target, check=check, slice=where,
                          value=d.selection_homogeneity_p, n=sum(result.group(d.feature, g).count for g in d.compared)))
    for g in result.groups:
        where = {"feature": g.feature, "group": g.group}
        out.append(_rate("group_share", Rate(g.count, result.n, g.share, None, None), target, check, where))
        out += [_rate(n, g.rates[n], target, check, where) for n in GROUP_RATES]
        out.append(_estimate("impact_ratio", g.impact_ratio, g.count, target, check, where))
        if g.p_value is not None:
            out.append(Metric(name=P + "impact_ratio_p_value", target=target, check=check, slice=where,
                              value=g.p_value, n=g.count))
        if g.scoring_rate is not None and g.scoring_impact_ratio is not None:
            out.append(_rate("scoring_rate", g.scoring_rate, target, check, where))
            out.append(_estimate("scoring_impact_ratio", g.scoring_impact_ratio, g.count, target, check, where))
        if g.calibration_error is not None:
            out.append(Metric(name=P + "calibration_error", target=target, check=check, slice=where,
                              value=g.calibration_error, n=g.count))
    return out
