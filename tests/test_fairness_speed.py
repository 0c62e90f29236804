"""`accord fairness` at the speed of its step: no scipy or pandas at start-up or on a large Parquet file, the
exact Fisher test at large counts equal to scipy's, the closed-form chi-square tail equal to scipy's, and the
pandas-free Parquet reading equal to the pandas one on every kind of column."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, fisher_exact

from accord.cli.fairness import _measure, as_json
from accord.config import TabularData
from accord.fairness import Settings, group_fairness
from accord.fairness.significance import FISHER_SCIPY_MAX, _fisher_large, chi2_sf, fisher_p
from accord.targets.tabular import load_columns, load_table
from tests.helpers import ROOT

HEAVY = ("scipy", "pandas", "sklearn")


def _imported(stderr: str) -> set[str]:
    """Top-level packages named in `python -X importtime` output."""
    return {m.group(1).split(".")[0] for m in re.finditer(r"\|\s*([\w.]+)\s*$", stderr, re.M)}


def _accord_importtime(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "accord", *map(str, args)], cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300,000 rows, two text sensitive columns, integer label and decision, a float score; groups are large
    and several sit under the four-fifths line, so every flagged group's Fisher test has large counts."""
    rng = np.random.default_rng(0)
    n = 300_000
    a, b = rng.integers(0, 4, n), rng.integers(0, 3, n)
    score = rng.random(n)
    frame = pd.DataFrame({
        "A": np.array(["group-a", "group-b", "group-c", "group-d"], dtype=object)[a],
        "B": np.array(["x", "y", "z"], dtype=object)[b],
        "label": (rng.random(n) < 0.3 + 0.1 * a / 3).astype(np.int64),
        "pred": (score < 0.35 + 0.1 * b + 0.03 * a).astype(np.int64),
        "score": score,
    })
    path = tmp_path_factory.mktemp("speed") / "big.parquet"
    frame.to_parquet(path)
    return path


def test_fairness_on_a_large_parquet_file_imports_no_scipy_pandas_or_sklearn(big_file: Path) -> None:
    r = _accord_importtime("fairness", big_file, "--label", "label", "--prediction", "pred", "--sensitive", "A,B",
                           "--score", "score", "--format", "json", cwd=big_file.parent)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert out["disparities"][1]["four_fifths_flagged"], "the data were made with flagged groups"
    assert not _imported(r.stderr) & set(HEAVY), sorted(_imported(r.stderr) & set(HEAVY))


def test_fairness_help_imports_no_scipy_pandas_or_sklearn(tmp_path: Path) -> None:
    r = _accord_importtime("fairness", "--help", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "importtime" not in r.stdout and "--sensitive" in r.stdout
    assert not _imported(r.stderr) & {*HEAVY, "numpy", "pyarrow"}


def test_large_count_fisher_equals_scipy_and_gives_the_same_verdicts() -> None:
    rng = np.random.default_rng(3)
    checked = 0
    for trial in range(200):
        top = 400_000 if trial % 4 == 0 else 30_000
        ta, tb = (int(v) for v in rng.integers(FISHER_SCIPY_MAX // 2, top, 2))
        pa_ = float(rng.uniform(0.01, 0.99))
        pb_ = float(np.clip(pa_ * (1 + rng.normal(0, 0.02 if trial % 2 else 0.2)), 0, 1))
        sa, sb = int(rng.binomial(ta, pa_)), int(rng.binomial(tb, pb_))
        want = float(fisher_exact([[sa, ta - sa], [sb, tb - sb]]).pvalue)
        got = fisher_p(sa, ta, sb, tb)
        assert (got < 0.05) == (want < 0.05) and (got < 0.01) == (want < 0.01)
        if want > 1e-290:
            assert got == pytest.approx(want, rel=1e-9, abs=0), (sa, ta, sb, tb)
            checked += 1
        else:
            assert got < 1e-280
    assert checked > 100
    # ties and edges as scipy treats them: the most likely table, an empty column
    assert _fisher_large(5000, 10000, 5000, 10000) == fisher_exact([[5000, 5000], [5000, 5000]]).pvalue == 1.0
    assert _fisher_large(0, 10000, 0, 10000) == 1.0


def test_small_tables_keep_scipys_fisher_exactly() -> None:
    for table in ((3, 40, 20, 45), (100, 5000, 160, 5000), (0, 30, 12, 31)):
        sa, ta, sb, tb = table
        assert fisher_p(*table) == fisher_exact([[sa, ta - sa], [sb, tb - sb]]).pvalue


@pytest.mark.parametrize("df", [1, 2, 3, 4, 5, 11, 12, 40, 199])
def test_chi2_tail_equals_scipy(df: int) -> None:
    for stat in (1e-6, 0.3, 1.0, df * 0.5, df, df * 2.0, df + 30.0, 300.0, 1400.0):
        want = float(chi2.sf(stat, df))
        got = chi2_sf(stat, df)
        assert got == pytest.approx(want, rel=1e-11, abs=1e-300)


def test_engine_at_large_counts_matches_scipy_on_every_flag(big_file: Path) -> None:
    frame = pd.read_parquet(big_file)
    r = group_fairness(y_true=frame["label"], y_pred=frame["pred"], sensitive={"A": frame["A"], "B": frame["B"]},
                       settings=Settings(bootstrap=0))
    flagged = [g for g in r.groups if g.four_fifths_flag]
    assert len(flagged) >= 3
    for g in flagged:
        ref = r.group(g.feature, r.disparity(g.feature).reference_group or "")
        a, b = g.rates["selection_rate"], ref.rates["selection_rate"]
        assert a.n + b.n > FISHER_SCIPY_MAX
        want = float(fisher_exact([[a.k, a.n - a.k], [b.k, b.n - b.k]]).pvalue)
        assert g.p_value is not None and (g.p_value < 0.05) == (want < 0.05)
        assert g.p_value == pytest.approx(want, rel=1e-9, abs=1e-300)


def _mixed_file(path: Path, with_holes: bool) -> Path:
    rng = np.random.default_rng(11)
    n = 3000
    sex = rng.choice(np.array(["female", "male", "other"], dtype=object), n, p=[0.45, 0.5, 0.05])
    band = rng.integers(18, 80, n)
    flag = rng.random(n) < 0.4
    region = pd.Categorical(rng.choice(["north", "south", "east"], n), categories=["south", "north", "east", "west"])
    weight = np.round(rng.normal(70, 10, n))
    outcome = np.where(rng.random(n) < 0.6, "good", "bad")
    decision = np.where(rng.random(n) < 0.55, "good", "bad")
    table = {"sex": sex, "band": band, "flag": flag, "region": region, "weight": weight, "outcome": outcome,
             "decision": decision, "score": rng.random(n), "y01": rng.integers(0, 2, n).astype(np.int8),
             "p01": (rng.random(n) < 0.5).astype(np.int64)}
    frame = pd.DataFrame(table)
    if with_holes:
        frame.loc[::17, "sex"] = None
        frame["band"] = frame["band"].astype("Int64")
        frame.loc[::13, "band"] = pd.NA
        frame.loc[::19, "region"] = None
        frame.loc[::23, "weight"] = np.nan
    frame.to_parquet(path)
    return path


@pytest.mark.parametrize("with_holes", [False, True])
@pytest.mark.parametrize(("label", "prediction", "positive"), [("outcome", "decision", "good"),
                                                              ("y01", "p01", None)])
def test_parquet_without_pandas_equals_the_pandas_reading(tmp_path: Path, with_holes: bool, label: str,
                                                         prediction: str, positive: str | None) -> None:
    path = _mixed_file(tmp_path / "mixed.parquet", with_holes)
    sensitive = "sex,band,flag,region,weight"
    got, pos = _measure(path, label, prediction, sensitive, "score", positive, 30, 50, 0)
    spec = TabularData(path=path, label=label, prediction=prediction, score="score", sensitive=sensitive.split(","),
                       positive_label=positive)
    table = load_table(spec, uses=(prediction, "score"))
    want = group_fairness(y_true=table.y_true,
                          y_pred=table.decisions(table.frame[prediction].to_numpy(), "prediction"),
                          sensitive={c: table.frame[c] for c in spec.sensitive},
                          score=table.frame["score"].to_numpy(dtype=np.float64),
                          settings=Settings(min_group_size=30, bootstrap=50, seed=0))
    assert as_json(got, pos) == as_json(want, table.positive)
    columns = load_columns(spec, uses=(prediction, "score"))
    assert columns.label_values == table.label_values
    assert np.array_equal(columns.y_true, table.y_true)
