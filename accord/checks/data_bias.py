"""The data-bias check: the data a classifier is measured on, examined for bias (EU AI Act Art. 10(2)(f), 10(3)).

Metrics (slices as named; overall ones read by catalog rules):
  data_bias.group_share             {feature, group}  rows of the group / all rows
  data_bias.representation_gap      {feature, group}  share - the reference share (when a reference is given)
  data_bias.max_representation_gap  {}                the largest |gap| over every feature with a reference
  data_bias.representation_p_value  {feature}         chi-square goodness of fit against the reference
  data_bias.base_rate               {feature, group}  share of favourable labels (Wilson interval)
  data_bias.base_rate_difference    {} and {feature}  max - min base rate over groups
  data_bias.missing_rate            {} and {feature, group}  rows with at least one missing input value
  data_bias.missing_rate_difference {}                max - min missing rate over the groups of any feature
  data_bias.proxy_strength          {column, sensitive}  Cramér's V of an input column and a sensitive feature
  data_bias.max_proxy_strength      {}                the strongest proxy
  data_bias.proxy_flags             {}                pairs at or above the configured threshold
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import Field

from accord.checks.base import CheckOutput, Selection
from accord.checks.fairness import is_classifier
from accord.config import AuditConfig, CheckSettings, OnnxTarget, PredictionsTarget, SkopsTarget, TargetBase
from accord.errors import ConfigError
from accord.results import Metric


class DataBiasSettings(CheckSettings):
    """Representation, base rates, missing values and proxies of sensitive features in the data."""

    proxy_threshold: float = Field(0.3, ge=0, le=1)  # Cramér's V at which a feature is flagged as a proxy
    proxy_bins: int = Field(10, ge=2, le=100)        # quantile bins for numeric features

P = "data_bias."
METRICS = tuple(P + n for n in (
    "group_share", "representation_gap", "max_representation_gap", "representation_p_value", "base_rate",
    "base_rate_difference", "missing_rate", "missing_rate_difference", "proxy_strength", "max_proxy_strength",
    "proxy_flags",
))


def _spread(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return max(got) - min(got) if len(got) >= 2 else None


@dataclass(frozen=True)
class DataBiasCheck:
    kind: Literal["computed"] = "computed"
    id: str = "data_bias"
    title: str = "Data examined for bias: representation, base rates, missing values, proxies"
    version: str = "1"
    concerns: tuple[str, ...] = ("data_governance", "fairness")
    metrics: tuple[str, ...] = METRICS
    settings_model: type[DataBiasSettings] = DataBiasSettings
    rank: int = 80  # the report's section order

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return is_classifier(target) and config.settings_of(self.id, self.settings_model).enabled

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        from accord.fairness import data_checks as dc
        from accord.fairness import factorize
        from accord.targets.tabular import load_table

        if not isinstance(target, SkopsTarget | OnnxTarget | PredictionsTarget):
            raise ConfigError(f"target {target.name} is not a classifier")
        c = config.settings_of(self.id, self.settings_model)
        d = target.data
        table = load_table(d, uses=tuple(x for x in (d.prediction, d.score) if x))
        frame, n = table.frame, len(table.frame)
        groups = [factorize(frame[s], feature=s) for s in table.sensitive]
        features = list(table.features)
        incomplete = frame[features].isna().any(axis=1).to_numpy() if features else np.zeros(n, bool)
        m: list[Metric] = []

        def add(name: str, where: dict[str, str], value: float | None, n: int, k: int | None = None,
                low: float | None = None, high: float | None = None) -> None:
            m.append(Metric(name=P + name, target=target.name, check=self.id, slice=where, value=value, n=n, k=k,
                            low=low, high=high))

        shares: list[dc.Share] = []
        fits: list[dc.Fit] = []
        base: list[dc.GroupRate] = []
        missing: list[dc.GroupRate] = []
        for g in groups:
            rows, fit = dc.representation(g, d.reference.get(g.feature))
            shares += rows
            for r in rows:
                add("group_share", {"feature": r.feature, "group": r.group}, r.share, n, r.count)
                if r.gap is not None:
                    add("representation_gap", {"feature": r.feature, "group": r.group}, r.gap, n)
            if fit is not None:
                fits.append(fit)
                add("representation_p_value", {"feature": g.feature}, fit.p_value, n)
            for kind, hits, store in (("base_rate", table.y_true, base), ("missing_rate", incomplete, missing)):
                for gr in dc.rate_by_group(g, hits):
                    store.append(gr)
                    rt = gr.rate
                    add(kind, {"feature": gr.feature, "group": gr.group}, rt.value, rt.n, rt.k, rt.low, rt.high)
            add("base_rate_difference", {"feature": g.feature},
                _spread([x.rate.value for x in base if x.feature == g.feature]), n)
        gaps = [f.max_gap for f in fits if f.max_gap is not None]
        if gaps:
            add("max_representation_gap", {}, max(gaps), n)
        spreads = [_spread([x.rate.value for x in base if x.feature == g.feature]) for g in groups]
        add("base_rate_difference", {}, max((s for s in spreads if s is not None), default=None), n)
        add("missing_rate", {}, float(incomplete.mean()), n, int(incomplete.sum()))
        miss = [_spread([x.rate.value for x in missing if x.feature == g.feature]) for g in groups]
        add("missing_rate_difference", {}, max((s for s in miss if s is not None), default=None), n)
        proxies = dc.proxies(frame, features, groups, bins=c.proxy_bins, threshold=c.proxy_threshold)
        for p in proxies:
            add("proxy_strength", {"column": p.column, "sensitive": p.sensitive}, p.cramers_v, n)
        strongest = max((p.cramers_v for p in proxies if p.cramers_v is not None), default=None)
        add("max_proxy_strength", {}, strongest, n)
        flagged = [p for p in proxies if p.flagged]
        add("proxy_flags", {}, float(len(flagged)), len(proxies), len(flagged))
        per_column = {col: int(frame[col].isna().sum()) for col in features if frame[col].isna().any()}
        details = {"rows": n, "features": features, "sensitive": list(table.sensitive),
                   "positive_label": table.positive, "proxy_threshold": c.proxy_threshold,
                   "shares": [dataclasses.asdict(x) for x in shares], "fits": [dataclasses.asdict(x) for x in fits],
                   "base_rates": [dataclasses.asdict(x) for x in base],
                   "missing": [dataclasses.asdict(x) for x in missing], "missing_by_column": per_column,
                   "proxies": [dataclasses.asdict(x) for x in proxies],
                   "references": {k: v for k, v in d.reference.items()}}
        summary = [f"{n:,} rows, {len(features)} input columns, {int(incomplete.sum()):,} rows with a missing value",
                   f"{len(flagged)} input column(s) flagged as proxies of a sensitive feature"
                   + (f": {', '.join(f'{p.column} ~ {p.sensitive} (V={p.cramers_v:.2f})' for p in flagged[:4])}"
                      if flagged else "")]
        return CheckOutput(metrics=m, details=details, summary=summary)


CHECK = DataBiasCheck()
CHECKS = (CHECK,)
