"""The data checks and robustness measures against direct computations (scipy, pandas), and their seeding."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chisquare
from scipy.stats.contingency import association

from accord.errors import ConfigError
from accord.fairness import data_checks as dc
from accord.fairness import factorize
from accord.fairness import robustness as rb
from accord.plugins import parse_config
from accord.targets.classifier import decisions
from tests import fairness_data as fd


def test_cramers_v_equals_scipys_association() -> None:
    frame = fd.frame(3000, seed=1)
    sex = factorize(frame["sex"], feature="sex")
    for column in ("region", "income", "years"):
        ours = dc.cramers_v(dc.binned(frame[column], 10), sex)
        codes = dc.binned(frame[column], 10).codes
        table = pd.crosstab(codes, frame["sex"]).to_numpy()
        assert ours == pytest.approx(association(table, method="cramer"), abs=1e-12)
    proxies = dc.proxies(frame, ["income", "region"], [sex], bins=10, threshold=0.15)
    assert proxies[0].column == "income" and proxies[0].flagged  # income was made to depend on sex


def test_representation_against_a_reference() -> None:
    sex = factorize(np.array(["f"] * 30 + ["m"] * 70 + ["x"] * 5), feature="sex")
    rows, fit = dc.representation(sex, {"f": 0.5, "m": 0.5, "n": 0.0})
    by = {r.group: r for r in rows}
    assert by["f"].gap == pytest.approx(30 / 105 - 0.5) and by["x"].reference is None
    assert fit is not None and fit.not_in_data == ("n",) and fit.not_in_reference == ("x",)
    assert fit.p_value == pytest.approx(chisquare([30, 70], [50, 50]).pvalue)


def test_missing_rates_by_group() -> None:
    groups = factorize(np.array(["a", "a", "b", "b", "b"]), feature="g")
    rates = dc.rate_by_group(groups, np.array([True, False, True, True, False]))
    assert [(r.group, r.rate.k, r.rate.n) for r in rates] == [("a", 1, 2), ("b", 2, 3)]


def test_perturbations_and_importance_are_seeded(tmp_path: Path) -> None:
    frame = fd.frame(800)
    model = fd.pipeline(frame)
    frame.to_csv(tmp_path / "data.csv", index=False)
    path = fd.save_skops(model, tmp_path / "model.skops")
    config = parse_config({"targets": [{"name": "m", "type": "sklearn", "model_path": str(path), "data": {
        "path": str(tmp_path / "data.csv"), "label": "outcome", "positive_label": "approve",
        "sensitive": ["sex"], "features": fd.FEATURES}}]})
    d = decisions(config.targets[0])  # type: ignore[arg-type]
    x = d.table.frame[fd.FEATURES]
    base = rb.accuracy(d.table.y_true, d.y_pred).value or 0.0

    def run(seed: int) -> tuple[list[rb.Perturbed], list[rb.Importance]]:
        p = rb.perturbations(frame=x, y_true=d.table.y_true, predict=d.predict, clean_accuracy=base,
                             noise_levels=[0.5, 2.0], missing_levels=[0.3], seed=seed)
        i = rb.permutation_importance(frame=x, y_true=d.table.y_true, predict=d.predict, baseline=base,
                                      repeats=3, seed=seed)
        return p, i

    first, again, other = run(0), run(0), run(1)
    assert first == again and first != other
    noise = {p.level: p for p in first[0] if p.kind == "noise"}
    assert noise[2.0].drop is not None and noise[2.0].drop > 0.05  # heavy noise costs accuracy
    assert first[1][0].feature == "income" and first[1][-1].mean < first[1][0].mean
    no_imputer = fd.pipeline(frame, impute=False)
    failed = rb.perturbations(frame=x, y_true=d.table.y_true, clean_accuracy=base, noise_levels=[], seed=0,
                              missing_levels=[0.2],
                              predict=lambda f: (no_imputer.predict(f) == "approve").astype(np.uint8))
    assert failed[0].accuracy is None and failed[0].error and "NaN" in failed[0].error


def test_a_model_target_takes_no_prediction_or_score_column(tmp_path: Path) -> None:
    fd.frame(100).to_csv(tmp_path / "data.csv", index=False)
    config = parse_config({"targets": [{"name": "m", "type": "sklearn", "model_path": str(tmp_path / "m.skops"),
                                        "data": {"path": str(tmp_path / "data.csv"), "label": "outcome",
                                                 "sensitive": ["sex"], "score": "income"}}]})
    with pytest.raises(ConfigError, match="are for predictions files"):
        decisions(config.targets[0])  # type: ignore[arg-type]
