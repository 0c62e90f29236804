"""The group-fairness metric engine: pure NumPy, no config, no I/O.

`group_fairness(y_true=..., y_pred=..., sensitive={...})` reads the rows once (one `bincount` over combination of
groups × cell, see `cube`), then derives every feature's and intersection's group rates, disparities, seeded
bootstrap intervals, significance tests and calibration by score bucket from those counts.

The bootstrap draws the cell counts from a multinomial with the observed cell shares: for statistics of counts
this is exactly the usual row bootstrap (resampling n rows with replacement), at a cost independent of n.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import numpy as np

from accord.errors import ConfigError
from accord.fairness import calibration as calib
from accord.fairness.cube import Cube, by_group, count_rows
from accord.fairness.disparity import SUMMARIES, confusion, statistics
from accord.fairness.encode import Groups, factorize
from accord.fairness.rates import RATES, k_n, wilson
from accord.fairness.result import Disparity, Estimate, GroupFairness, GroupRow, Rate, Settings, clean
from accord.fairness.significance import fisher_p, homogeneity_p


def _binary(values: Any, name: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype == np.bool_:
        return arr.astype(np.uint8)
    if arr.dtype.kind in "iu" and arr.size and arr.min() >= 0 and arr.max() <= 1:
        return arr.view(np.uint8) if arr.dtype.itemsize == 1 else arr.astype(np.uint8)
    if arr.dtype.kind != "f" or not np.isin(arr, (0, 1)).all():
        raise ConfigError(f"{name} must hold only 0/1 or true/false values")
    return arr.astype(np.uint8)


def group_fairness(*, y_true: Any, y_pred: Any, sensitive: Mapping[str, Any] | Sequence[Groups],
                   score: Any = None, settings: Settings | None = None) -> GroupFairness:
    """Group metrics and disparities of binary decisions `y_pred` against outcomes `y_true` (1 = positive,
    the favourable decision), per group of each sensitive feature and of their intersections."""
    s = settings or Settings()
    y, p = _binary(y_true, "y_true"), _binary(y_pred, "y_pred")
    groups = [factorize(v, feature=str(k)) for k, v in sensitive.items()] if isinstance(sensitive, Mapping) \
        else list(sensitive)
    n = y.size
    if n == 0 or p.size != n or not groups or any(g.codes.size != n for g in groups):
        raise ConfigError("labels, predictions and sensitive features need the same number of rows, at least one")
    scores = None if score is None else np.asarray(score, dtype=np.float64)
    if scores is not None and (scores.size != n or not np.isfinite(scores).all()):
        raise ConfigError("scores must be finite numbers, one per row")

    median = None if scores is None else float(np.median(scores))  # NYC LL144's scoring rate splits on it
    per_combo = 8 if scores is not None else 4
    n_bins = s.calibration_bins if calib.usable(scores, s.calibration_bins) else 0

    def cells_of(rows: slice) -> tuple[np.ndarray, np.ndarray | None]:
        """The cell of each row: 2 × label + decision [× 2 + above the median] [× bins + score bucket]."""
        cell = y[rows] * np.uint8(2)
        cell += p[rows]
        if scores is None or median is None:
            return cell, None
        part = scores[rows]
        cell *= 2
        cell += part > median
        if not n_bins:
            return cell, None
        return cell.astype(np.int32) * n_bins + calib.buckets(part, n_bins), part

    combos, counts, sums = count_rows(groups, cells_of, per_combo * max(n_bins, 1), weighted=bool(n_bins))
    full = counts.reshape(len(combos), per_combo, max(n_bins, 1))
    cells = full.sum(axis=-1)
    cube = Cube(tuple(groups), combos, cells)
    bins = calib.per_bin(full, sums) if n_bins and sums is not None else None
    replicates = _replicates(cells, n, s)

    subsets: list[tuple[int, ...]] = [(i,) for i in range(len(groups))]
    if s.intersections:
        subsets += [c for k in range(2, len(groups) + 1) for c in combinations(range(len(groups)), k)]
    rows: list[GroupRow] = []
    disparities = []
    calibration = []
    for subset in subsets:
        feature, labels, index = cube.membership(subset)
        own_rows, disparity = _feature(feature, labels, by_group(index, len(labels), cells), n, s,
                                       None if replicates is None else by_group(index, len(labels), replicates, 1))
        if bins is not None:
            own_rows, own_bins = calib.attach(own_rows, by_group(index, len(labels), bins), s.calibration_bins)
            calibration += own_bins
        rows += own_rows
        disparities.append(disparity)
    overall = _rates(confusion(cells.sum(axis=0, keepdims=True)))[0]
    return GroupFairness(n=n, settings=s, features=tuple(d.feature for d in disparities), overall=overall,
                         groups=tuple(rows), disparities=tuple(disparities), median_score=median,
                         calibration=tuple(calibration), notes=calib.notes(scores, s.calibration_bins))


def _replicates(cells: np.ndarray, n: int, s: Settings) -> np.ndarray | None:
    if s.bootstrap <= 0:
        return None
    flat = cells.ravel().astype(np.float64)
    draws = np.random.default_rng(s.seed).multinomial(n, flat / flat.sum(), size=s.bootstrap)
    return draws.reshape(s.bootstrap, *cells.shape)


def _rates(conf: np.ndarray) -> list[dict[str, Rate]]:
    out: list[dict[str, Rate]] = [{} for _ in range(conf.shape[0])]
    for name in RATES:
        k, n = k_n(conf, name)
        value, low, high = wilson(k, n)
        for g in range(conf.shape[0]):
            out[g][name] = Rate(int(k[g]), int(n[g]), clean(value[g]), clean(low[g]), clean(high[g]))
    return out


def _bounds(samples: np.ndarray, s: Settings) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - s.confidence) / 2 * 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a replicate may leave a group empty: NaN, ignored
        low, high = np.nanpercentile(samples, [tail, 100 - tail], axis=0)
    return low, high


def _estimate(value: Any, bounds: tuple[np.ndarray, np.ndarray] | None, index: Any = ()) -> Estimate:
    if bounds is None or clean(value) is None:
        return Estimate(clean(value))
    return Estimate(clean(value), clean(bounds[0][index]), clean(bounds[1][index]))


def _why(count: int, share: float, s: Settings) -> str | None:
    if count < s.min_group_size:
        return f"{count} rows, fewer than {s.min_group_size}"
    if share < s.min_share:
        return f"{share:.2%} of the rows, under {s.min_share:.0%}"
    return None


def _feature(feature: str, labels: tuple[str, ...], cells: np.ndarray, n: int, s: Settings,
             reps: np.ndarray | None) -> tuple[list[GroupRow], Disparity]:
    conf = confusion(cells)
    counts = conf.sum(axis=-1)
    why = [_why(int(c), float(c) / n, s) for c in counts]
    compared = np.array([w is None for w in why])
    stats = statistics(cells, compared)
    bounds = {} if reps is None else {k: _bounds(v, s) for k, v in statistics(reps, compared).items()}
    rates = _rates(conf)
    selected = k_n(conf, "selection_rate")[0]
    scoring = "scoring_impact_ratio" in stats
    above = cells.reshape(-1, 4, 2).sum(axis=1)[:, 1] if scoring else None
    ref = _top(selected / counts, compared)
    sref = _top(above / counts, compared) if above is not None else None
    rows = []
    for g, label in enumerate(labels):
        ir = stats["impact_ratio"][g]
        flag = bool(compared[g] and ir < s.four_fifths)
        row = GroupRow(
            feature=feature, group=label, count=int(counts[g]), share=float(counts[g]) / n, rates=rates[g],
            compared=bool(compared[g]), left_out_because=why[g],
            impact_ratio=_estimate(ir, bounds.get("impact_ratio"), g), four_fifths_flag=flag,
            p_value=fisher_p(int(selected[g]), int(counts[g]), int(selected[ref]), int(counts[ref]))
            if flag and ref is not None else None,
        )
        if above is not None:
            sir = stats["scoring_impact_ratio"][g]
            sflag = bool(compared[g] and sir < s.four_fifths)
            value, low, high = wilson(above[g], counts[g])
            row = _with(row, scoring_rate=Rate(int(above[g]), int(counts[g]), clean(value), clean(low), clean(high)),
                        scoring_impact_ratio=_estimate(sir, bounds.get("scoring_impact_ratio"), g), scoring_flag=sflag,
                        scoring_p_value=fisher_p(int(above[g]), int(counts[g]), int(above[sref]), int(counts[sref]))
                        if sflag and sref is not None else None)
        rows.append(row)
    disparity = Disparity(
        feature=feature, compared=tuple(r.group for r in rows if r.compared),
        left_out=tuple(r.group for r in rows if not r.compared),
        reference_group=None if ref is None else labels[ref],
        smallest_compared=int(counts[compared].min()) if compared.any() else None,
        metrics={k: _estimate(stats[k], bounds.get(k)) for k in SUMMARIES if k in stats},
        selection_homogeneity_p=homogeneity_p([int(x) for x in selected[compared]],
                                              [int(x) for x in counts[compared]]),
        flagged=tuple(r.group for r in rows if r.four_fifths_flag),
        significant=tuple(r.group for r in rows if r.p_value is not None and r.p_value < s.alpha),
    )
    return rows, disparity


def _top(rates: np.ndarray, compared: np.ndarray) -> int | None:
    return int(np.argmax(np.where(compared, rates, -1.0))) if compared.any() else None


def _with(row: GroupRow, **changes: Any) -> GroupRow:
    import dataclasses

    return dataclasses.replace(row, **changes)
