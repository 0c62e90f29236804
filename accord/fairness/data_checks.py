"""Examining the data for bias (EU AI Act Art. 10(2)(f) and 10(3)): representation of groups against a
reference distribution, label base rates by group, missing values by group, and proxies of sensitive features.

Proxy strength is Cramér's V between a feature and a sensitive feature (0: unrelated; 1: the feature determines
the group), numbers cut into quantile bins first; a missing value is a category of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from accord.fairness.encode import Groups, factorize
from accord.fairness.rates import wilson
from accord.fairness.result import Rate, clean

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Share:
    feature: str
    group: str
    count: int
    share: float
    reference: float | None   # the share the user expects, when given
    gap: float | None         # share - reference


@dataclass(frozen=True)
class Fit:
    """The representation test of one feature: chi-square goodness of fit against the reference."""

    feature: str
    p_value: float | None
    max_gap: float | None
    not_in_data: tuple[str, ...]       # groups of the reference that no row has
    not_in_reference: tuple[str, ...]  # groups of the data the reference leaves out


@dataclass(frozen=True)
class GroupRate:
    feature: str
    group: str
    rate: Rate


@dataclass(frozen=True)
class Proxy:
    column: str
    sensitive: str
    cramers_v: float | None
    categories: int
    flagged: bool


def _rate(k: int, n: int) -> Rate:
    value, low, high = wilson(np.array(k), np.array(n))
    return Rate(int(k), int(n), clean(value), clean(low), clean(high))


def representation(groups: Groups, reference: Mapping[str, float] | None) -> tuple[list[Share], Fit | None]:
    counts = np.bincount(groups.codes.astype(np.intp), minlength=groups.size)
    n = int(counts.sum())
    ref = dict(reference or {})
    rows = [Share(groups.feature, label, int(c), c / n, ref.get(label),
                  None if label not in ref else c / n - ref[label])
            for label, c in zip(groups.labels, counts, strict=True)]
    if not ref:
        return rows, None
    listed = [r for r in rows if r.reference is not None]
    total_ref = sum(ref[r.group] for r in listed)
    p_value = None
    if len(listed) >= 2 and total_ref > 0:
        from scipy.stats import chisquare

        observed = np.array([r.count for r in listed], dtype=np.float64)
        expected = np.array([ref[r.group] for r in listed]) / total_ref * observed.sum()
        if (expected > 0).all():
            p_value = clean(chisquare(observed, expected).pvalue)
    gaps = [abs(r.gap) for r in rows if r.gap is not None]
    fit = Fit(groups.feature, p_value, max(gaps) if gaps else None,
              tuple(sorted(set(ref) - set(groups.labels))), tuple(r.group for r in rows if r.reference is None))
    return rows, fit


def rate_by_group(groups: Groups, hits: np.ndarray) -> list[GroupRate]:
    """Share of rows with `hits` true, per group, with Wilson intervals."""
    codes = groups.codes.astype(np.intp)
    k = np.bincount(codes, weights=hits.astype(np.float64), minlength=groups.size)
    n = np.bincount(codes, minlength=groups.size)
    return [GroupRate(groups.feature, label, _rate(int(round(a)), int(b)))
            for label, a, b in zip(groups.labels, k, n, strict=True)]


def binned(column: pd.Series, bins: int) -> Groups:
    """A feature as categories: numbers with more than `bins` values cut at their quantiles."""
    values = column.to_numpy()
    if column.dtype.kind in "if" and column.nunique(dropna=True) > bins:
        numbers = values.astype(np.float64)
        finite = numbers[np.isfinite(numbers)]
        edges = np.unique(np.quantile(finite, np.linspace(0, 1, bins + 1)[1:-1])) if finite.size else np.array([])
        codes = np.searchsorted(edges, numbers, side="right").astype(np.float64)
        codes[~np.isfinite(numbers)] = np.nan
        return factorize(codes, feature=str(column.name))
    return factorize(column, feature=str(column.name))


def cramers_v(a: Groups, b: Groups) -> float | None:
    """Cramér's V of two categorical codings (no bias correction); None when either has a single category."""
    r, c = a.size, b.size
    if r < 2 or c < 2:
        return None
    table = np.bincount(a.codes.astype(np.intp) * c + b.codes, minlength=r * c).reshape(r, c).astype(np.float64)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    n = table.sum()
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    chi2 = float(((table - expected) ** 2 / expected).sum())
    k = min(table.shape) - 1
    return clean(np.sqrt(chi2 / (n * k))) if k > 0 else None


def proxies(frame: pd.DataFrame, columns: list[str], sensitive: list[Groups], *, bins: int,
            threshold: float) -> list[Proxy]:
    out = []
    for column in columns:
        feature = binned(frame[column], bins)
        for s in sensitive:
            v = cramers_v(feature, s)
            out.append(Proxy(column, s.feature, v, feature.size, v is not None and v >= threshold))
    return sorted(out, key=lambda p: -(p.cramers_v or 0.0))
