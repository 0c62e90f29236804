"""Small statistics used by every check: proportions with Wilson intervals, percentiles."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel

Z95 = 1.959963984540054


class Proportion(BaseModel, frozen=True):
    """k successes out of n, with a Wilson 95% interval. `rate` is None when n == 0."""

    k: int
    n: int
    rate: float | None
    low: float | None
    high: float | None


def wilson(k: int, n: int, z: float = Z95) -> Proportion:
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return Proportion(k=0, n=0, rate=None, low=None, high=None)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Proportion(k=k, n=n, rate=p, low=max(0.0, centre - half), high=min(1.0, centre + half))


def percentile(sorted_values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100) of an already sorted sequence."""
    if not sorted_values:
        return None
    pos = (len(sorted_values) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)
