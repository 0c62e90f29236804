"""Disparity metrics between the compared groups of one feature, from counts shaped (..., G, cells).

Definitions (as fairlearn's `between_groups` method, and NYC Local Law 144 for impact ratios):
  demographic_parity_difference  max - min selection rate over the compared groups
  demographic_parity_ratio       min / max selection rate
  equalized_odds_difference      the larger of the TPR spread and the FPR spread
  equal_opportunity_difference   the TPR spread
  accuracy_difference            max - min accuracy
  impact_ratio (per group)       the group's selection rate / the highest selection rate of a compared group
  scoring_impact_ratio           the same with the scoring rate: the share scoring above the sample's median
  min_impact_ratio               the lowest impact ratio of a compared group (below 0.8: the four-fifths flag)
Groups left out of the comparison (too small) still get their own impact ratio against the reference group.
Rates that are undefined for a group (no positives for TPR) are left out of a spread, never taken as 0.
"""

from __future__ import annotations

import warnings

import numpy as np

from accord.fairness.rates import rate, ratio

SUMMARIES = ("demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference",
             "equal_opportunity_difference", "accuracy_difference", "min_impact_ratio", "min_scoring_impact_ratio")


def _masked(values: np.ndarray, compared: np.ndarray) -> np.ndarray:
    return np.where(compared, values, np.nan)


def _nan_reduce(fn, values: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices give NaN, as intended
        return np.asarray(fn(values, axis=-1))


def spread(values: np.ndarray, compared: np.ndarray) -> np.ndarray:
    """max - min over the compared groups with a defined value; NaN with fewer than two."""
    v = _masked(values, compared)
    defined = np.sum(np.isfinite(v), axis=-1)
    out = _nan_reduce(np.nanmax, v) - _nan_reduce(np.nanmin, v)
    return np.where(defined >= 2, out, np.nan)


def selection_ratio(values: np.ndarray, compared: np.ndarray) -> np.ndarray:
    v = _masked(values, compared)
    defined = np.sum(np.isfinite(v), axis=-1)
    return np.where(defined >= 2, ratio(_nan_reduce(np.nanmin, v), _nan_reduce(np.nanmax, v)), np.nan)


def impact_ratios(values: np.ndarray, compared: np.ndarray) -> np.ndarray:
    """Each group's rate over the highest rate among the compared groups, shaped like `values`."""
    top = _nan_reduce(np.nanmax, _masked(values, compared))
    return ratio(values, np.broadcast_to(top[..., None], values.shape))


def confusion(cells: np.ndarray) -> np.ndarray:
    """The confusion counts (..., G, 4) of cells that may also split on the median score (..., G, 8)."""
    return cells.reshape(*cells.shape[:-1], 4, 2).sum(axis=-1) if cells.shape[-1] == 8 else cells


def scoring_rate(cells: np.ndarray) -> np.ndarray | None:
    """Share of each group scoring above the median, from (..., G, 8) cells; None without scores."""
    if cells.shape[-1] != 8:
        return None
    above = cells.reshape(*cells.shape[:-1], 4, 2).sum(axis=-2)
    return ratio(above[..., 1], above.sum(axis=-1))


def statistics(cells: np.ndarray, compared: np.ndarray) -> dict[str, np.ndarray]:
    """Every summary of SUMMARIES (shaped (...)) and the per-group `impact_ratio` (shaped (..., G)) for cells
    shaped (..., G, 4), or (..., G, 8) with scores, which adds `scoring_impact_ratio` and its minimum."""
    conf = confusion(cells)
    sel, tpr, fpr = rate(conf, "selection_rate"), rate(conf, "tpr"), rate(conf, "fpr")
    tpr_spread, fpr_spread = spread(tpr, compared), spread(fpr, compared)
    ir = impact_ratios(sel, compared)
    out = {
        "demographic_parity_difference": spread(sel, compared),
        "demographic_parity_ratio": selection_ratio(sel, compared),
        "equalized_odds_difference": np.fmax(tpr_spread, fpr_spread),
        "equal_opportunity_difference": tpr_spread,
        "accuracy_difference": spread(rate(conf, "accuracy"), compared),
        "min_impact_ratio": _nan_reduce(np.nanmin, _masked(ir, compared)),
        "impact_ratio": ir,
    }
    scoring = scoring_rate(cells)
    if scoring is not None:
        out["scoring_impact_ratio"] = sir = impact_ratios(scoring, compared)
        out["min_scoring_impact_ratio"] = _nan_reduce(np.nanmin, _masked(sir, compared))
    return out
