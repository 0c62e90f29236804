"""The oracle for the fairness tests: fairlearn's MetricFrame and scikit-learn on masked subgroups.

`assert_matches_fairlearn` compares every group metric and disparity of an Accord result with what fairlearn
computes from the same arrays, to 1e-12. Kept apart from the tests so the target tests use it too."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from fairlearn.metrics import (
    MetricFrame,
    count,
    demographic_parity_difference,
    demographic_parity_ratio,
    equal_opportunity_difference,
    equalized_odds_difference,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)
from sklearn.metrics import accuracy_score, confusion_matrix, precision_score, recall_score

from accord.fairness import JOIN, GroupFairness

TOL = 1e-12
METRICS = {
    "count": count, "selection_rate": selection_rate, "accuracy": accuracy_score, "tpr": true_positive_rate,
    "fpr": false_positive_rate, "fnr": false_negative_rate,
    "precision": lambda t, p: precision_score(t, p, zero_division=np.nan),
    "base_rate": lambda t, p: float(np.mean(t)),
}


def _label(key: object) -> str:
    parts = key if isinstance(key, tuple) else (key,)
    return JOIN.join(str(p) for p in parts)


def assert_matches_fairlearn(result: GroupFairness, y_true: np.ndarray, y_pred: np.ndarray,
                             sensitive: Mapping[str, object]) -> int:
    """Every group row and every disparity of `result` against fairlearn; returns how many numbers matched."""
    frame = pd.DataFrame({k: np.asarray(v) for k, v in sensitive.items()})
    checked = 0
    for feature in result.features:
        columns = feature.split(JOIN)
        mf = MetricFrame(metrics=METRICS, y_true=y_true, y_pred=y_pred, sensitive_features=frame[columns])
        by_group = mf.by_group
        ours = {g.group: g for g in result.groups if g.feature == feature}
        assert set(ours) == {_label(k) for k in by_group.index}, feature
        for key, row in by_group.iterrows():
            g = ours[_label(key)]
            assert g.count == row["count"]
            for name in METRICS:
                if name == "count":
                    continue
                value = g.rates[name].value
                if g.rates[name].n == 0:  # undefined: Accord says None, never a number
                    assert value is None
                    continue
                assert value is not None and abs(value - row[name]) <= TOL, (feature, key, name, value, row[name])
                checked += 1
        sf = frame[columns]
        d = result.disparity(feature).metrics
        if all(r.compared for r in ours.values()) and all(r.rates["tpr"].n and r.rates["fpr"].n for r in ours.values()):
            pairs = {
                "demographic_parity_difference": demographic_parity_difference(y_true, y_pred, sensitive_features=sf),
                "demographic_parity_ratio": demographic_parity_ratio(y_true, y_pred, sensitive_features=sf),
                "equalized_odds_difference": equalized_odds_difference(y_true, y_pred, sensitive_features=sf),
                "equal_opportunity_difference": equal_opportunity_difference(y_true, y_pred, sensitive_features=sf),
                "accuracy_difference": mf.difference()["accuracy"],
                "min_impact_ratio": by_group["selection_rate"].min() / by_group["selection_rate"].max(),
            }
            for name, expected in pairs.items():
                value = d[name].value
                assert value is not None and abs(value - expected) <= TOL, (feature, name, value, expected)
                checked += 1
            top = by_group["selection_rate"].max()
            for key, row in by_group.iterrows():
                ir = ours[_label(key)].impact_ratio.value
                assert ir is not None and abs(ir - row["selection_rate"] / top) <= TOL
                checked += 1
    return checked


def assert_matches_sklearn_masks(result: GroupFairness, y_true: np.ndarray, y_pred: np.ndarray,
                                 sensitive: Mapping[str, object]) -> int:
    """Every group's rates against scikit-learn run on that group's rows alone."""
    checked = 0
    values = {k: np.asarray([str(x) for x in np.asarray(v)], dtype=object) for k, v in sensitive.items()}
    for g in result.groups:
        mask = np.ones(len(y_true), dtype=bool)
        for column, label in zip(g.feature.split(JOIN), g.group.split(JOIN), strict=True):
            mask &= values[column] == label
        t, p = y_true[mask], y_pred[mask]
        tn, fp, fn, tp = confusion_matrix(t, p, labels=[0, 1]).ravel()
        assert g.count == mask.sum() == tn + fp + fn + tp
        expected = {"accuracy": accuracy_score(t, p), "selection_rate": float(np.mean(p)),
                    "base_rate": float(np.mean(t))}
        if tp + fn:
            expected["tpr"] = recall_score(t, p, zero_division=np.nan)
            expected["fnr"] = fn / (fn + tp)
        if fp + tn:
            expected["fpr"] = fp / (fp + tn)
        if tp + fp:
            expected["precision"] = precision_score(t, p, zero_division=np.nan)
        for name, value in expected.items():
            got = g.rates[name].value
            assert got is not None and abs(got - value) <= TOL, (g.feature, g.group, name)
            checked += 1
        assert (g.rates["tpr"].k, g.rates["tpr"].n) == (tp, tp + fn)
        assert (g.rates["fpr"].k, g.rates["fpr"].n) == (fp, fp + tn)
    return checked
