"""The metric engine against the oracles (fairlearn, scikit-learn on masked subgroups, scipy), to 1e-12, on
several data sets and every kind of group column; and its intervals, tests and edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy.stats import chi2_contingency, fisher_exact

from accord.fairness import MISSING, Settings, group_fairness
from accord.stats import wilson
from tests.fairness_oracle import assert_matches_fairlearn, assert_matches_sklearn_masks

ALL = Settings(min_group_size=0, min_share=0.0, bootstrap=0)  # compare every group, as fairlearn does


def _synthetic(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    sex = rng.choice(np.array(["female", "male", "non-binary", "unknown"]), n, p=[0.45, 0.45, 0.06, 0.04])
    age = rng.integers(0, 3, n)
    score = np.clip(rng.beta(2, 2, n) + 0.08 * (sex == "male") - 0.05 * age, 0, 1)
    y = (rng.random(n) < score).astype(int)
    p = (score > 0.5).astype(int)
    return y, p, {"sex": sex, "age": age}, score


def _german_like(seed: int) -> tuple[np.ndarray, np.ndarray, dict[str, object], np.ndarray]:
    rng = np.random.default_rng(seed)
    n = 1000
    sex = pd.Categorical(rng.choice(["female", "male"], n, p=[0.31, 0.69]), categories=["female", "male", "other"])
    age = rng.choice(["19-25", "26-39", "40-59", "60+"], n, p=[0.19, 0.5, 0.25, 0.06])
    score = rng.random(n)
    y = (rng.random(n) < 0.7).astype(bool)
    p = score < np.where(np.asarray(sex) == "male", 0.75, 0.6)
    return y, p, {"sex": pd.Series(sex), "age_group": age}, score


DATASETS = {
    "synthetic-str-int": lambda: _synthetic(5000, 1),
    "synthetic-large": lambda: _synthetic(10_000, 2),
    "categorical-bool": lambda: _german_like(3),
}


@pytest.mark.parametrize("name", DATASETS)
def test_every_group_metric_and_disparity_equals_fairlearn_and_sklearn(name: str) -> None:
    y, p, sensitive, score = DATASETS[name]()
    result = group_fairness(y_true=y, y_pred=p, sensitive=sensitive, score=score, settings=ALL)
    arrays = {k: np.asarray(v) for k, v in sensitive.items()}
    yt, yp = np.asarray(y).astype(int), np.asarray(p).astype(int)
    assert assert_matches_fairlearn(result, yt, yp, arrays) > 100
    assert assert_matches_sklearn_masks(result, yt, yp, arrays) > 50
    assert result.features[-1] == f"{list(sensitive)[0]} & {list(sensitive)[1]}"  # the intersection


def test_group_columns_of_every_type_give_the_same_counts() -> None:
    y, p, sensitive, _ = _synthetic(3000, 4)
    codes = {"female": 0, "male": 1, "non-binary": 2, "unknown": 3}
    as_int = np.array([codes[s] for s in sensitive["sex"]])
    variants = {
        "str": sensitive["sex"], "object": sensitive["sex"].astype(object),
        "categorical": pd.Series(pd.Categorical(sensitive["sex"])), "int64": as_int, "int8": as_int.astype(np.int8),
        "int-offset": as_int + 1000, "uint16": as_int.astype(np.uint16), "float": as_int.astype(float),
        # Arrow-held strings (pandas' default for CSV and Parquet), one chunk and several
        "arrow-str": pd.Series(list(sensitive["sex"]), dtype=pd.StringDtype("pyarrow")),
        "arrow-large-chunked": pd.concat([pd.Series(list(part), dtype=pd.ArrowDtype(pa.large_string()))
                                          for part in (sensitive["sex"][:1000], sensitive["sex"][1000:])],
                                         ignore_index=True),
    }
    assert variants["arrow-large-chunked"].array.__arrow_array__().num_chunks == 2
    seen = []
    for column in variants.values():
        r = group_fairness(y_true=y, y_pred=p, sensitive={"sex": column}, settings=ALL)
        seen.append([(g.count, g.rates["tpr"].k, g.rates["fpr"].k) for g in r.groups])
    assert all(s == seen[0] for s in seen)
    r = group_fairness(y_true=y, y_pred=p, sensitive={"flag": as_int == 1}, settings=ALL)
    assert [g.group for g in r.groups] == ["False", "True"]
    r = group_fairness(y_true=y, y_pred=p, sensitive={"sex": as_int - 2}, settings=ALL)  # negative codes sort too
    assert [g.group for g in r.groups] == ["-2", "-1", "0", "1"]


def test_missing_sensitive_values_are_a_group_of_their_own() -> None:
    y = np.tile([1, 0, 1, 0, 1, 1], 10)
    for dtype in (None, pd.StringDtype("pyarrow")):
        sex = pd.Series(["m", "f", None, "f", np.nan, "m"] * 10, dtype=dtype)
        r = group_fairness(y_true=y, y_pred=y, sensitive={"sex": sex}, settings=ALL)
        assert [(g.group, g.count) for g in r.groups] == [("f", 20), ("m", 20), (MISSING, 20)]


def test_wilson_intervals_equal_the_projects_scalar_wilson() -> None:
    y, p, sensitive, _ = _synthetic(2000, 5)
    r = group_fairness(y_true=y, y_pred=p, sensitive=sensitive, settings=ALL)
    for g in r.groups:
        for rate in g.rates.values():
            w = wilson(rate.k, rate.n)
            assert (rate.value, rate.low, rate.high) == pytest.approx((w.rate, w.low, w.high), abs=1e-15)


def test_undefined_rates_are_none_and_left_out_of_spreads() -> None:
    y = np.array([0, 0, 0, 0, 1, 1, 0, 1])
    p = np.array([1, 0, 1, 0, 1, 0, 0, 1])
    g = np.array(["a", "a", "a", "a", "b", "b", "b", "b"])  # group a has no positive label: no TPR
    r = group_fairness(y_true=y, y_pred=p, sensitive={"g": g}, settings=ALL)
    assert r.group("g", "a").rates["tpr"] == r.group("g", "a").rates["tpr"].__class__(0, 0, None, None, None)
    d = r.disparity("g").metrics
    assert d["equal_opportunity_difference"].value is None  # one defined TPR: no spread
    assert d["equalized_odds_difference"].value == 0.5  # the FPR spread alone: 2/4 against 0/1


def test_small_groups_are_reported_but_left_out_of_disparities() -> None:
    y, p, sensitive, _ = _synthetic(5000, 6)
    r = group_fairness(y_true=y, y_pred=p, sensitive={"sex": sensitive["sex"]},
                       settings=Settings(min_group_size=100, min_share=0.05, bootstrap=0))
    rows = {g.group: g for g in r.groups}
    assert not rows["unknown"].compared and "under 5%" in (rows["unknown"].left_out_because or "")
    assert rows["unknown"].impact_ratio.value is not None  # still has its own ratio to the reference group
    d = r.disparity("sex")
    assert "unknown" in d.left_out and "unknown" not in d.compared
    compared_rates = [rows[x].rates["selection_rate"].value for x in d.compared]
    assert d.metrics["demographic_parity_difference"].value == pytest.approx(max(compared_rates) - min(compared_rates))
    tiny = group_fairness(y_true=y[:40], y_pred=p[:40], sensitive={"sex": sensitive["sex"][:40]},
                          settings=Settings(bootstrap=0))
    assert all("fewer than 30" in (g.left_out_because or "") for g in tiny.groups)
    assert tiny.disparity("sex").metrics["demographic_parity_difference"].value is None


def test_ll144_scoring_rate_is_the_share_above_the_sample_median() -> None:
    y, p, sensitive, score = _synthetic(4000, 7)
    r = group_fairness(y_true=y, y_pred=p, sensitive=sensitive, score=score, settings=ALL)
    median = np.median(score)
    assert r.median_score == median
    rates = {}
    for g in (x for x in r.groups if x.feature == "sex"):
        mask = sensitive["sex"] == g.group
        rates[g.group] = np.mean(score[mask] > median)
        assert g.scoring_rate is not None and g.scoring_rate.value == pytest.approx(rates[g.group], abs=1e-15)
    top = max(rates.values())
    for g in (x for x in r.groups if x.feature == "sex"):
        assert g.scoring_impact_ratio is not None
        assert g.scoring_impact_ratio.value == pytest.approx(rates[g.group] / top, abs=1e-12)


def test_flagged_groups_get_fisher_tests_and_features_a_chi_square() -> None:
    y, p, sensitive, _ = _german_like(8)
    r = group_fairness(y_true=y, y_pred=p, sensitive=sensitive, settings=Settings(bootstrap=0))
    flagged = [g for g in r.groups if g.four_fifths_flag]
    assert flagged, "the data were made with a disparity under the four-fifths line"
    for g in flagged:
        d = r.disparity(g.feature)
        ref = r.group(g.feature, d.reference_group or "")
        a, b = g.rates["selection_rate"], ref.rates["selection_rate"]
        assert g.p_value == fisher_exact([[a.k, a.n - a.k], [b.k, b.n - b.k]]).pvalue
        assert g.impact_ratio.value is not None and g.impact_ratio.value < 0.8
    for d in r.disparities:
        rows = [r.group(d.feature, x) for x in d.compared]
        table = [[x.rates["selection_rate"].k, x.count - x.rates["selection_rate"].k] for x in rows]
        assert d.selection_homogeneity_p == pytest.approx(chi2_contingency(table, correction=False).pvalue, rel=1e-9)
    assert all(not g.four_fifths_flag and g.p_value is None for g in r.groups if not g.compared)


def test_bootstrap_is_seeded_and_agrees_with_resampling_rows() -> None:
    y, p, sensitive, _ = _synthetic(3000, 9)
    sex = {"sex": sensitive["sex"]}
    settings = Settings(min_group_size=0, min_share=0, bootstrap=2000, seed=3)
    a = group_fairness(y_true=y, y_pred=p, sensitive=sex, settings=settings)
    b = group_fairness(y_true=y, y_pred=p, sensitive=sex, settings=settings)
    c = group_fairness(y_true=y, y_pred=p, sensitive=sex, settings=Settings(min_group_size=0, min_share=0,
                                                                             bootstrap=2000, seed=4))
    dpd = a.disparity("sex").metrics["demographic_parity_difference"]
    assert dpd == b.disparity("sex").metrics["demographic_parity_difference"]
    assert dpd != c.disparity("sex").metrics["demographic_parity_difference"]
    # the multinomial draw of cell counts is the row bootstrap: compare with resampling rows directly
    rng = np.random.default_rng(0)
    groups = sorted(set(sensitive["sex"]))
    stats = []
    for _ in range(2000):
        idx = rng.integers(0, len(y), len(y))
        rates = [p[idx][sensitive["sex"][idx] == g].mean() for g in groups]
        stats.append(max(rates) - min(rates))
    low, high = np.percentile(stats, [2.5, 97.5])
    assert dpd.low is not None and dpd.high is not None
    assert abs(dpd.low - low) < 0.01 and abs(dpd.high - high) < 0.01


def test_calibration_buckets_match_a_direct_count() -> None:
    y, p, sensitive, score = _synthetic(3000, 10)
    r = group_fairness(y_true=y, y_pred=p, sensitive=sensitive, score=score, settings=ALL)
    sex = sensitive["sex"]
    for g in (x for x in r.groups if x.feature == "sex"):
        mask = sex == g.group
        bucket = np.minimum((score[mask] * 10).astype(int), 9)
        ece = 0.0
        for b in range(10):
            inside = bucket == b
            if not inside.any():
                continue
            cal = next(c for c in r.calibration if c.feature == "sex" and c.group == g.group and c.low == b / 10)
            assert cal.count == inside.sum() and cal.positive.k == y[mask][inside].sum()
            assert cal.mean_score == pytest.approx(score[mask][inside].mean(), abs=1e-12)
            ece += inside.sum() * abs(score[mask][inside].mean() - y[mask][inside].mean())
        assert g.calibration_error == pytest.approx(ece / mask.sum(), abs=1e-12)
    no_probabilities = group_fairness(y_true=y, y_pred=p, sensitive=sensitive, score=score * 5, settings=ALL)
    assert not no_probabilities.calibration and "not all between 0 and 1" in no_probabilities.notes[0]


def test_three_features_give_every_intersection() -> None:
    y, p, sensitive, _ = _synthetic(2000, 11)
    third = np.random.default_rng(0).choice(["x", "y"], 2000)
    r = group_fairness(y_true=y, y_pred=p, sensitive={**sensitive, "region": third}, settings=ALL)
    assert r.features == ("sex", "age", "region", "sex & age", "sex & region", "age & region", "sex & age & region")
    assert assert_matches_fairlearn(r, y, p, {**sensitive, "region": third}) > 0


def test_bad_arrays_are_refused_in_words() -> None:
    from accord.errors import ConfigError

    with pytest.raises(ConfigError, match="0/1"):
        group_fairness(y_true=[0, 2], y_pred=[0, 1], sensitive={"g": ["a", "b"]})
    with pytest.raises(ConfigError, match="same number of rows"):
        group_fairness(y_true=[0, 1], y_pred=[0, 1], sensitive={"g": ["a"]})


def test_a_sparse_cross_product_is_counted_by_its_observed_combinations() -> None:
    rng = np.random.default_rng(12)
    n = 6000
    a, b = rng.integers(0, 4000, n), rng.integers(0, 3000, n)  # 12 million combinations, ~6000 observed
    y, p = rng.integers(0, 2, n), rng.integers(0, 2, n)
    r = group_fairness(y_true=y, y_pred=p, sensitive={"a": a, "b": b},
                       settings=Settings(min_group_size=3, min_share=0, bootstrap=0))  # few Fisher tests
    expected = pd.DataFrame({"a": a, "b": b, "p": p}).groupby(["a", "b"])["p"].agg(["size", "sum"])
    got = {g.group: (g.count, g.rates["selection_rate"].k) for g in r.groups if g.feature == "a & b"}
    assert got == {f"{i} & {j}": (int(row["size"]), int(row["sum"])) for (i, j), row in expected.iterrows()}
