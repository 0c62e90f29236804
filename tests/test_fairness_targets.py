"""Classifier targets end to end through the fairness check: every group metric equals fairlearn's on the same
decisions, for a predictions file (CSV and Parquet), a skops model and ONNX models; and bad input is refused
in one line."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, false_positive_rate, selection_rate, true_positive_rate
from sklearn.metrics import accuracy_score

from accord.checks import Selection
from accord.checks.fairness import CHECK as FAIRNESS
from accord.config import AuditConfig
from accord.errors import ConfigError, TargetUnavailable
from accord.plugins import parse_config
from accord.targets.classifier import decisions
from tests import fairness_data as fd

TOL = 1e-12


def _config(target: dict) -> AuditConfig:
    return parse_config({"targets": [target], "checks": {"fairness": {"min_group_size": 0, "min_share": 0,
                                                                      "bootstrap": 50}}})


def _data(path: Path, **extra: object) -> dict:
    return {"path": str(path), "label": "outcome", "positive_label": "approve", "sensitive": fd.SENSITIVE, **extra}


def _assert_check_matches_fairlearn(config: AuditConfig, frame: pd.DataFrame, y_pred: np.ndarray) -> None:
    out = FAIRNESS.run(config.targets[0], config, Selection())
    got = {(m.slice["feature"], m.slice["group"], m.name): m.value for m in out.metrics if "group" in m.slice}
    y = (frame["outcome"] == "approve").to_numpy().astype(int)
    metrics = {"fairness.selection_rate": selection_rate, "fairness.tpr": true_positive_rate,
               "fairness.fpr": false_positive_rate, "fairness.accuracy": accuracy_score}
    checked = 0
    for columns in (["sex"], ["age_band"], ["sex", "age_band"]):
        mf = MetricFrame(metrics=metrics, y_true=y, y_pred=y_pred, sensitive_features=frame[columns])
        for key, row in mf.by_group.iterrows():
            group = " & ".join(key) if isinstance(key, tuple) else str(key)
            for name in metrics:
                value = got[(" & ".join(columns), group, name)]
                assert value is not None and abs(value - row[name]) <= TOL
                checked += 1
    assert checked == 4 * (2 + 3 + 6)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_predictions_file(tmp_path: Path, suffix: str) -> None:
    frame = fd.frame()
    rng = np.random.default_rng(1)
    frame["score"] = rng.random(len(frame))
    frame["decision"] = np.where(frame["score"] > 0.4, "approve", "deny")
    path = tmp_path / f"decisions{suffix}"
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_parquet(path)
    config = _config({"name": "p", "type": "predictions", "data": _data(path, prediction="decision", score="score")})
    _assert_check_matches_fairlearn(config, frame, (frame["decision"] == "approve").to_numpy().astype(int))


def test_skops_model(tmp_path: Path) -> None:
    frame = fd.frame()
    model = fd.pipeline(frame)
    frame.to_csv(tmp_path / "data.csv", index=False)
    path = fd.save_skops(model, tmp_path / "model.skops")
    config = _config({"name": "m", "type": "sklearn", "model_path": str(path), "data": _data(tmp_path / "data.csv",
                      features=fd.FEATURES)})
    reread = pd.read_csv(tmp_path / "data.csv")
    expected = (model.predict(reread[fd.FEATURES]) == "approve").astype(int)
    _assert_check_matches_fairlearn(config, reread, expected)
    d = decisions(config.targets[0])  # type: ignore[arg-type]
    assert d.score is not None
    assert np.abs(d.score - model.predict_proba(reread[fd.FEATURES])[:, 0]).max() < 1e-12  # classes_: approve, deny


def test_onnx_model_with_one_input_per_column(tmp_path: Path) -> None:
    frame = fd.frame()
    model = fd.pipeline(frame)
    frame.to_parquet(tmp_path / "data.parquet")
    path = fd.save_onnx(model, tmp_path / "model.onnx")
    config = _config({"name": "o", "type": "onnx", "model_path": str(path),
                      "data": _data(tmp_path / "data.parquet", features=fd.FEATURES)})
    d = decisions(config.targets[0])  # type: ignore[arg-type]
    sk = (model.predict(frame[fd.FEATURES]) == "approve").astype(int)
    assert (d.y_pred != sk).mean() < 0.01  # float32 inside ONNX: a rare row on the boundary may flip
    _assert_check_matches_fairlearn(config, frame, d.y_pred.astype(int))
    assert d.score is not None and np.abs(d.score - model.predict_proba(frame[fd.FEATURES])[:, 0]).max() < 1e-5


def test_onnx_model_with_a_single_numeric_input_and_zipmap(tmp_path: Path) -> None:
    frame = fd.frame()
    frame["outcome"] = (frame["outcome"] == "approve").astype(int)
    frame.to_csv(tmp_path / "data.csv", index=False)
    path = fd.numeric_onnx(frame, tmp_path / "numeric.onnx")
    target = {"name": "o", "type": "onnx", "model_path": str(path),
              "data": {**_data(tmp_path / "data.csv", features=["income", "debt", "years"]), "positive_label": None}}
    d = decisions(_config(target).targets[0])  # type: ignore[arg-type]
    assert d.table.positive == "1" and d.score is not None
    assert ((d.score > 0.5).astype(int) == d.y_pred).mean() > 0.99


def test_pickle_needs_trust_pickle_and_warns(tmp_path: Path) -> None:
    import joblib

    frame = fd.frame(300)
    frame.to_csv(tmp_path / "data.csv", index=False)
    joblib.dump(fd.pipeline(frame), tmp_path / "model.pkl")
    target = {"name": "m", "type": "sklearn", "model_path": str(tmp_path / "model.pkl"),
              "data": _data(tmp_path / "data.csv", features=fd.FEATURES)}
    with pytest.raises(ConfigError, match="pickle file.*skops.*trust_pickle = true"):
        decisions(_config(target).targets[0])  # type: ignore[arg-type]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        d = decisions(_config({**target, "trust_pickle": True}).targets[0])  # type: ignore[arg-type]
    assert any("pickle" in str(w.message) for w in caught)
    assert d.caveats and "can run any code" in d.caveats[0]


def test_skops_types_outside_the_defaults_must_be_trusted_by_name(tmp_path: Path) -> None:
    from sklearn.compose import make_column_selector

    frame = fd.frame(300)
    frame.to_csv(tmp_path / "data.csv", index=False)
    model = fd.pipeline(frame)
    model.steps[0][1].transformers[1] = ("c", model.steps[0][1].transformers[1][1], make_column_selector("region"))
    path = fd.save_skops(model, tmp_path / "model.skops")
    target = {"name": "m", "type": "sklearn", "model_path": str(path), "data": _data(tmp_path / "data.csv",
              features=fd.FEATURES)}
    with pytest.raises(ConfigError, match="trusted_types") as err:
        decisions(_config(target).targets[0])  # type: ignore[arg-type]
    assert "make_column_selector" in str(err.value) and "\n" not in str(err.value)


def test_missing_model_says_what_to_do(tmp_path: Path) -> None:
    fd.frame(100).to_csv(tmp_path / "data.csv", index=False)
    target = {"name": "m", "type": "sklearn", "model_path": str(tmp_path / "nope.skops"),
              "data": _data(tmp_path / "data.csv")}
    with pytest.raises(TargetUnavailable, match="model file not found.*check model_path"):
        decisions(_config(target).targets[0])  # type: ignore[arg-type]
    demo = {**target, "model_path": str(tmp_path / "demo" / "trained" / "x.skops")}
    with pytest.raises(TargetUnavailable, match="run scripts/setup"):
        decisions(_config(demo).targets[0])  # type: ignore[arg-type]


@pytest.mark.parametrize(("change", "message"), [
    ({"sensitive": ["sex", "nationality"]}, "has no column 'nationality'"),
    ({"label": "region"}, "holds 3 values"),
    ({"positive_label": "yes"}, "positive_label 'yes' is not a value"),
    ({"positive_label": None}, "set positive_label"),
    ({"prediction": "region"}, "does not"),
    ({"path": "nowhere.csv"}, "data file not found"),
    ({"path": "data.xlsx"}, "cannot tell the format"),
])
def test_bad_data_is_refused_in_one_line(tmp_path: Path, change: dict, message: str) -> None:
    fd.frame(200).to_csv(tmp_path / "data.csv", index=False)
    data = {**_data(tmp_path / "data.csv", prediction="outcome"), **change}
    data["path"] = str(tmp_path / Path(data["path"]).name)
    with pytest.raises(ConfigError, match=message) as err:
        decisions(_config({"name": "p", "type": "predictions", "data": data}).targets[0])  # type: ignore[arg-type]
    assert "\n" not in str(err.value)


def test_relative_paths_are_taken_from_the_config_files_folder(tmp_path: Path) -> None:
    from accord.plugins import load_config

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "accord.toml").write_text(
        fd.target_toml("p", "predictions", Path("data.csv"), data_extra='prediction = "outcome"'))
    config = load_config(tmp_path / "sub" / "accord.toml")
    assert config.targets[0].data.path == (tmp_path / "sub" / "data.csv").resolve()  # type: ignore[union-attr]
