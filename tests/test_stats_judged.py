"""Judge-aware rates: the Rogan–Gladen correction and an interval that covers the truth at its nominal rate once
the judge's own validation error is counted, checked by simulation against known truth."""

from __future__ import annotations

import numpy as np
import pytest

from accord.stats import wilson
from accord.stats_judged import Stratum, Validation, corrected_draws, interval, judged_rate, rogan_gladen

RUNS = 1000


def _simulate(truth: float, n: int, se: float, sp: float, pos: int, neg: int, seed: int) -> tuple[np.ndarray, ...]:
    """RUNS audits: n items with true rate `truth`, labelled by a judge of sensitivity `se` and specificity `sp`,
    whose figures were measured on `pos` truly-positive and `neg` truly-negative labelled items."""
    rng = np.random.default_rng(seed)
    true_pos = rng.binomial(n, truth, RUNS)
    k = rng.binomial(true_pos, se) + rng.binomial(n - true_pos, 1 - sp)
    return k, rng.binomial(pos, se, RUNS), rng.binomial(neg, sp, RUNS)


# (true rate, items, judge Se, judge Sp, labelled positives, labelled negatives): realistic sizes
CASES = [
    pytest.param(0.14, 1000, 0.38, 0.95, 100, 300, id="harm-zh-like: weak recall, 9.3-sized sample"),
    pytest.param(0.95, 300, 0.80, 0.97, 200, 150, id="refusal-like: 9.4 should-refuse"),
    pytest.param(0.05, 300, 0.80, 0.97, 200, 150, id="refusal-like: 9.4 over-refusal"),
    pytest.param(0.50, 200, 0.90, 0.90, 50, 50, id="small validation sets"),
]


@pytest.mark.parametrize(("truth", "n", "se", "sp", "pos", "neg"), CASES)
def test_corrected_interval_covers_the_truth_at_its_nominal_rate(truth: float, n: int, se: float, sp: float,
                                                                 pos: int, neg: int) -> None:
    k, sk, tk = _simulate(truth, n, se, sp, pos, neg, seed=7)
    low, high = interval(corrected_draws(k, np.full(RUNS, n), [sk, np.full(RUNS, pos), tk, np.full(RUNS, neg)],
                                         draws=2000, seed=3))
    coverage = float(np.mean((low <= truth) & (truth <= high)))
    assert 0.93 <= coverage <= 0.97, coverage


@pytest.mark.parametrize("truth", [0.97, 0.95])
def test_a_judge_whose_labelled_set_was_harder_than_the_items_still_covers(truth: float) -> None:
    """The refusal judge's recall is 0.80 on its labelled set (hard cases: refusals with an alternative) but near
    0.99 on plain refusals: the judged rate then exceeds the recorded sensitivity, and the interval must keep the
    sampling error rather than collapse onto a clipped 1."""
    rng = np.random.default_rng(5)
    n, pos, neg = 300, 65, 374
    true_pos = rng.binomial(n, truth, RUNS)
    k = rng.binomial(true_pos, 0.99) + rng.binomial(n - true_pos, 0.005)
    sk, tk = rng.binomial(pos, 0.80, RUNS), rng.binomial(neg, 0.995, RUNS)
    low, high = interval(corrected_draws(k, np.full(RUNS, n), [sk, np.full(RUNS, pos), tk, np.full(RUNS, neg)],
                                         draws=2000, seed=3))
    assert np.mean((low <= truth) & (truth <= high)) >= 0.95


def test_the_wilson_interval_on_judged_labels_misses_the_truth() -> None:
    """What verdicts used before: a weak judge's labels, with the sample's error only, rarely cover the truth."""
    for truth, n, se, sp, pos, neg in [(0.14, 1000, 0.38, 0.95, 100, 300), (0.95, 300, 0.80, 0.97, 200, 150)]:
        k, _, _ = _simulate(truth, n, se, sp, pos, neg, seed=7)
        covered = [(w.low or 0.0) <= truth <= (w.high or 1.0) for w in (wilson(int(x), n) for x in k)]
        assert np.mean(covered) < 0.05


def test_pooled_languages_cover_the_truth() -> None:
    """Two languages, each corrected with its own judge figures, pooled by item count (judged_rate itself)."""
    en = _simulate(0.10, 500, 0.47, 0.90, 130, 120, seed=11)
    zh = _simulate(0.14, 500, 0.33, 0.95, 120, 130, seed=12)
    truth = (0.10 * 500 + 0.14 * 500) / 1000
    hits = 0
    for i in range(RUNS):
        r = judged_rate([Stratum(int(en[0][i]), 500, Validation(int(en[1][i]), 130, int(en[2][i]), 120)),
                         Stratum(int(zh[0][i]), 500, Validation(int(zh[1][i]), 120, int(zh[2][i]), 130))],
                        draws=1000, seed=i)
        assert r.low is not None and r.high is not None
        hits += r.low <= truth <= r.high
    assert 0.93 <= hits / RUNS <= 0.97, hits / RUNS


def test_rogan_gladen_point_estimate_and_clipping() -> None:
    assert rogan_gladen(0.5 * 0.9 + 0.5 * 0.1, 0.9, 0.9) == pytest.approx(0.5)
    assert rogan_gladen(0.01, 0.8, 0.95) == 0.0  # below the false-positive floor: clipped, never negative
    assert rogan_gladen(0.99, 0.8, 0.95) == 1.0
    assert rogan_gladen(0.5, 0.5, 0.5) is None  # a judge no better than chance corrects nothing


def test_judged_rate_reports_the_judged_the_corrected_and_the_interval() -> None:
    r = judged_rate([Stratum(800, 1000, Validation(170, 200, 95, 100))])
    assert r.judged == 0.8 and r.n == 1000
    assert r.corrected == pytest.approx((0.8 + 0.95 - 1) / (0.85 + 0.95 - 1))
    assert r.low is not None and r.high is not None and r.low < r.corrected <= r.high
    assert judged_rate([Stratum(800, 1000, Validation(170, 200, 95, 100))]) == r  # seeded: the same every time
    # no validation items: nothing can be corrected
    assert judged_rate([Stratum(9, 10, Validation(0, 0, 5, 5))]).corrected is None
    chance = judged_rate([Stratum(50, 100, Validation(10, 20, 10, 20))])
    assert (chance.low, chance.high) == (0.0, 1.0)  # a coin-flip judge: the whole range
