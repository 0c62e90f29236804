"""What the metric engine returns: frozen values, NaN already turned into None, ready for JSON (`as_dict`)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any


def clean(value: Any) -> float | None:
    """A float, or None for NaN, infinity and None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class Settings:
    """How groups are compared. Defaults: see docs/fairness.md (the two size rules and the 0.8 line)."""

    min_group_size: int = 30         # groups with fewer rows are reported but left out of disparities
    min_share: float = 0.02          # ... and groups under this share of the rows (NYC LL144's 2% rule)
    four_fifths: float = 0.8         # impact ratio below this flags adverse impact (29 CFR 1607.4(D))
    bootstrap: int = 1000            # resamples for the disparity intervals (0: no intervals)
    seed: int = 0
    confidence: float = 0.95
    calibration_bins: int = 10
    alpha: float = 0.05              # significance level for a flagged disparity's test
    intersections: bool = True       # also every intersection of two or more sensitive features


@dataclass(frozen=True)
class Rate:
    """k of n with a Wilson interval; value None when n == 0."""

    k: int
    n: int
    value: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Estimate:
    """A statistic with its seeded bootstrap percentile interval (None where undefined)."""

    value: float | None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class GroupRow:
    """One group of one feature (or intersection)."""

    feature: str
    group: str
    count: int
    share: float
    rates: dict[str, Rate]
    compared: bool                    # included in the feature's disparity metrics
    left_out_because: str | None      # why not, in words ("12 rows, fewer than 30")
    impact_ratio: Estimate
    four_fifths_flag: bool            # compared and impact ratio below the four-fifths line
    p_value: float | None = None      # Fisher's exact test against the reference group, when flagged
    scoring_rate: Rate | None = None
    scoring_impact_ratio: Estimate | None = None
    scoring_flag: bool = False
    scoring_p_value: float | None = None
    calibration_error: float | None = None


@dataclass(frozen=True)
class Disparity:
    """The disparity metrics of one feature (or intersection) over its compared groups."""

    feature: str
    compared: tuple[str, ...]
    left_out: tuple[str, ...]
    reference_group: str | None       # the compared group with the highest selection rate
    smallest_compared: int | None     # rows in the smallest compared group
    metrics: dict[str, Estimate]
    selection_homogeneity_p: float | None
    flagged: tuple[str, ...]          # groups under the four-fifths line (selection rate)
    significant: tuple[str, ...]      # those whose difference from the reference is significant at alpha


@dataclass(frozen=True)
class CalibrationBin:
    feature: str
    group: str
    low: float
    high: float
    count: int
    mean_score: float | None
    positive: Rate                    # observed share of positive labels in the bin


@dataclass(frozen=True)
class GroupFairness:
    n: int
    settings: Settings
    features: tuple[str, ...]         # each sensitive feature, then each intersection
    overall: dict[str, Rate]
    groups: tuple[GroupRow, ...]
    disparities: tuple[Disparity, ...]
    median_score: float | None = None
    calibration: tuple[CalibrationBin, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def group(self, feature: str, group: str) -> GroupRow:
        return next(g for g in self.groups if g.feature == feature and g.group == group)

    def disparity(self, feature: str) -> Disparity:
        return next(d for d in self.disparities if d.feature == feature)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
