"""Significance tests for disparities (two-sided; scipy is imported only when a test runs).

- A flagged group (impact ratio below the four-fifths line) is tested against the reference group, the most
  selected compared one, by Fisher's exact test on their 2 × 2 table (selected or not × group): exact at any
  sample size, so small groups get an honest p-value rather than a normal approximation.
- The selection rates of all compared groups of a feature are tested for equality by Pearson's chi-square
  test of homogeneity on the G × 2 table (no continuity correction).
"""

from __future__ import annotations

import math


def fisher_p(selected_a: int, total_a: int, selected_b: int, total_b: int) -> float:
    """Two-sided p-value of Fisher's exact test that groups a and b have the same selection rate."""
    from scipy.stats import fisher_exact

    table = [[selected_a, total_a - selected_a], [selected_b, total_b - selected_b]]
    return float(fisher_exact(table, alternative="two-sided").pvalue)


def homogeneity_p(selected: list[int], totals: list[int]) -> float | None:
    """p-value of the chi-square test that every group has the same selection rate; None when it cannot be
    computed (fewer than two groups, or nobody or everybody selected)."""
    from scipy.stats import chi2

    k, n = sum(selected), sum(totals)
    if len(totals) < 2 or n == 0 or k in (0, n):
        return None
    p = k / n
    stat = 0.0
    for s, t in zip(selected, totals, strict=True):
        for observed, expected in ((s, t * p), (t - s, t * (1 - p))):
            stat += (observed - expected) ** 2 / expected if expected > 0 else 0.0
    value = float(chi2.sf(stat, len(totals) - 1))
    return value if math.isfinite(value) else None
