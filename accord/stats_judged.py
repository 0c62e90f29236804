"""Rates decided by an imperfect judge: the judged rate, the Rogan–Gladen corrected estimate, and one interval
that carries both the sampling error of the items and the judge's validation error.

A judge that labels an item as the counted class with sensitivity Se (on items truly of that class) and
specificity Sp (on items truly not) turns a true rate π into an expected judged rate p = Se·π + (1 − Sp)(1 − π).
Rogan & Gladen (1978, Am. J. Epidemiol. 107:71–76) invert it: π̂ = (p + Sp − 1) / (Se + Sp − 1), clipped to
[0, 1]. Se and Sp are themselves estimates from the judge's held-out labelled items, so the interval draws all
three proportions at once: each from its Jeffreys posterior Beta(k + ½, n − k + ½), seeded, and takes the
percentiles of the corrected rate over the draws (a parametric bootstrap over items and validation sets).
Where the judge clearly labelled more items positive than its measured sensitivity explains (the lower 2.5% of
p's draws above Se: its labelled set was harder than these items), the figures do not fit and the rate is only
bounded: each draw gives [(p + Sp − 1) / Sp, 1], taking Se on these items as
unknown up to 1; where it clearly labelled fewer than its false-positive rate explains, [0, p / Se]. The interval
takes the lower tail of the lower bounds and the upper tail of the upper bounds, so such a rate keeps its
sampling error instead of collapsing onto a clipped 1 or 0.
Items in several languages are strata, each corrected with its own language's figures and pooled by item
count. A draw where Se + Sp ≤ 1 (a judge no better than chance) has no corrected rate; if more than the
interval's tail share of draws are such, the interval is the whole [0, 1].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DRAWS = 4000
SEED = 0


@dataclass(frozen=True)
class Validation:
    """A judge's agreement with human labels for the class a rate counts, on one language's held-out items:
    of `sensitivity_n` items truly of the class it called `sensitivity_k` so, and of `specificity_n` items
    truly not, it called `specificity_k` not."""

    sensitivity_k: int
    sensitivity_n: int
    specificity_k: int
    specificity_n: int

    @property
    def sensitivity(self) -> float | None:
        return self.sensitivity_k / self.sensitivity_n if self.sensitivity_n else None

    @property
    def specificity(self) -> float | None:
        return self.specificity_k / self.specificity_n if self.specificity_n else None


@dataclass(frozen=True)
class Stratum:
    """k of n items judged to be of the counted class, by a judge with this validation."""

    k: int
    n: int
    validation: Validation


@dataclass(frozen=True)
class JudgedRate:
    judged: float | None     # k / n: the rate as the judge labelled it (what the standard's procedure names)
    corrected: float | None  # Rogan–Gladen estimate of the true rate, clipped to [0, 1]
    low: float | None        # interval carrying sampling and validation error
    high: float | None
    n: int


def rogan_gladen(judged: float, sensitivity: float, specificity: float) -> float | None:
    youden = sensitivity + specificity - 1
    if youden <= 0:
        return None
    return min(1.0, max(0.0, (judged + specificity - 1) / youden))


def _beta(rng: np.random.Generator, k: np.ndarray, n: np.ndarray, draws: int) -> np.ndarray:
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    return rng.beta(k[..., None] + 0.5, n[..., None] - k[..., None] + 0.5, size=(*np.broadcast(k, n).shape, draws))


def corrected_draws(k: np.ndarray, n: np.ndarray, v: Sequence[np.ndarray], *, draws: int = DRAWS,
                    seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Draws of the corrected rate's lower and upper bound, each shaped (*shape, draws): equal where the draw
    fits the model, the bounds of the identified set where it does not (module docstring), NaN where Se + Sp ≤ 1.
    `v` is (sensitivity_k, sensitivity_n, specificity_k, specificity_n); every array broadcasts against `k`."""
    rng = np.random.default_rng(seed)
    p = _beta(rng, k, n, draws)
    se = _beta(rng, v[0], v[1], draws)
    sp = _beta(rng, v[2], v[3], draws)
    youden = se + sp - 1
    # clearly more labelled positive than the judge's measured sensitivity explains (p's lower 2.5% above Se): Se
    # on these items is unknown, up to 1; clearly fewer than its false-positive rate explains: Sp is, up to 1
    with np.errstate(divide="ignore", invalid="ignore"):
        above = (np.quantile(p, 0.025, axis=-1) > np.asarray(v[0]) / np.asarray(v[1]))[..., None]
        below = (np.quantile(p, 0.975, axis=-1) < 1 - np.asarray(v[2]) / np.asarray(v[3]))[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        rg = (p + sp - 1) / youden
        low = np.where(above, (p + sp - 1) / sp, np.where(below, 0.0, rg))
        high = np.where(above, 1.0, np.where(below, p / se, rg))
    undefined = youden <= 0
    return (np.where(undefined, np.nan, np.clip(low, 0.0, 1.0)),
            np.where(undefined, np.nan, np.clip(high, 0.0, 1.0)))


def interval(draws: tuple[np.ndarray, np.ndarray], confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval over the last axis (lower tail of the lower bounds, upper tail of the upper ones);
    the whole [0, 1] where too many draws have no corrected rate."""
    lower, upper = draws
    tail = (1 - confidence) / 2
    undefined = np.mean(np.isnan(lower), axis=-1)
    low = np.quantile(np.where(np.isnan(lower), 0.0, lower), tail, axis=-1)
    high = np.quantile(np.where(np.isnan(upper), 1.0, upper), 1 - tail, axis=-1)
    wide = undefined > tail
    return np.where(wide, 0.0, low), np.where(wide, 1.0, high)


def judged_rate(strata: Sequence[Stratum], *, draws: int = DRAWS, seed: int = SEED,
                confidence: float = 0.95) -> JudgedRate:
    """The judged and corrected rate over language strata (pooled by item count) with its interval."""
    live = [s for s in strata if s.n > 0]
    n = sum(s.n for s in live)
    if not n:
        return JudgedRate(None, None, None, None, 0)
    judged = sum(s.k for s in live) / n
    if any(not s.validation.sensitivity_n or not s.validation.specificity_n for s in live):
        return JudgedRate(judged, None, None, None, n)
    points = [rogan_gladen(s.k / s.n, s.validation.sensitivity or 0.0, s.validation.specificity or 0.0)
              for s in live]
    known = [p for p in points if p is not None]
    corrected = sum(p * s.n for p, s in zip(known, live, strict=True)) / n if len(known) == len(live) else None
    ks = np.array([s.k for s in live])
    ns = np.array([s.n for s in live])
    vs = [np.array([getattr(s.validation, f) for s in live]) for f in
          ("sensitivity_k", "sensitivity_n", "specificity_k", "specificity_n")]
    lower, upper = corrected_draws(ks, ns, vs, draws=draws, seed=seed)  # each (strata, draws)
    weights = (ns / n)[:, None]  # pooled bounds: NaN in any stratum leaves the draw undefined
    low, high = interval(((lower * weights).sum(axis=0), (upper * weights).sum(axis=0)), confidence)
    return JudgedRate(judged, corrected, float(low), float(high), n)
