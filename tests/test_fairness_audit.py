"""The classifier checks in a real audit: `accord audit accord.toml` with a predictions file, a skops model
and an ONNX model; report.json has the metrics, report.html shows the group tables and plots; faults are
recorded with their reason."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from accord.checks import registered_checks
from tests import fairness_data as fd
from tests.helpers import accord


def _project(root: Path) -> Path:
    frame = fd.frame(1200, seed=7)
    frame["score"] = np.random.default_rng(3).random(len(frame))
    frame["decision"] = np.where(frame["score"] < np.where(frame["sex"] == "male", 0.6, 0.42), "approve", "deny")
    frame.to_csv(root / "decisions.csv", index=False)
    frame[[*fd.FEATURES, *fd.SENSITIVE, "outcome"]].to_parquet(root / "applicants.parquet")
    fd.save_skops(fd.pipeline(frame), root / "model.skops")
    fd.save_onnx(fd.pipeline(frame, impute=False), root / "model.onnx")
    features = 'features = ["income", "debt", "region", "years"]'
    text = 'name = "credit audit"\n[checks.fairness]\nbootstrap = 200\n\n' + "".join([
        fd.target_toml("decisions", "predictions", Path("decisions.csv"),
                       data_extra='prediction = "decision"\nscore = "score"\n[targets.data.reference]\n'
                                  'sex = { female = 0.5, male = 0.5 }'),
        fd.target_toml("skops-model", "sklearn", Path("applicants.parquet"), model=Path("model.skops"),
                       data_extra=features),
        fd.target_toml("onnx-model", "onnx", Path("applicants.parquet"), model=Path("model.onnx"),
                       data_extra=features),
    ])
    (root / "accord.toml").write_text(text, encoding="utf-8")
    return root / "accord.toml"


@pytest.mark.slow
def test_audit_measures_every_classifier_and_reports_it(project: Path) -> None:
    config = _project(project)
    r = accord("audit", config, cwd=project)
    assert r.returncode == 1, r.stdout + r.stderr  # every check ran; the decisions fail the four-fifths rule
    report = json.loads((project / "accord-report" / "report.json").read_text(encoding="utf-8"))
    not_met = {(v["target"], v["requirement"]) for v in report["verdicts"] if v["verdict"] == "not met"}
    assert ("decisions", "us-eeoc-ugesp:1607.4.d") in not_met
    checks = {(t["name"], c["check"]): c for t in report["targets"] for c in t["checks"]}
    assert set(checks) == {("decisions", "fairness"), ("decisions", "data_bias"), ("skops-model", "fairness"),
                           ("skops-model", "data_bias"), ("skops-model", "classifier_robustness"),
                           ("onnx-model", "fairness"), ("onnx-model", "data_bias"),
                           ("onnx-model", "classifier_robustness")}
    assert all(c["error"] is None and c["answered"] == 1 for c in checks.values())
    overall = {m["name"]: m for m in checks[("decisions", "fairness")]["metrics"] if not m["slice"]}
    mir = overall["fairness.min_impact_ratio"]
    assert mir["value"] < 0.8 and mir["low"] < mir["value"] < mir["high"] and mir["n"] >= 30
    assert overall["fairness.four_fifths_flags"]["value"] >= 1
    data = {m["name"]: m for m in checks[("decisions", "data_bias")]["metrics"] if not m["slice"]}
    assert data["data_bias.max_representation_gap"]["value"] > 0.05  # about 40% female against 50%
    # an ONNX model without an imputer cannot take missing values: recorded as a finding, not a crash
    robust = {m["name"]: m for m in checks[("onnx-model", "classifier_robustness")]["metrics"] if not m["slice"]}
    skops_robust = {m["name"]: m for m in checks[("skops-model", "classifier_robustness")]["metrics"] if not m["slice"]}
    assert skops_robust["classifier_robustness.failed_perturbations"]["value"] == 0
    assert robust["classifier_robustness.max_accuracy_drop"]["value"] is not None

    html = (project / "accord-report" / "report.html").read_text(encoding="utf-8")
    for text in ("Groups by sex &amp; age_band", "Demographic parity difference", "Impact ratio", "under 0.8",
                 "Proxies of sensitive features", "Accuracy under disturbed inputs", "<svg class=\"plot\"",
                 "Calibration of the scores by sex"):
        assert text in html, text
    assert "<script" not in html
    declared = registered_checks()
    for (_, check), c in checks.items():  # every metric reported is one its check declares
        assert {m["name"] for m in c["metrics"]} <= set(declared[check].metrics), check


def test_a_missing_model_is_recorded_with_what_to_do(project: Path) -> None:
    fd.frame(100).to_csv(project / "data.csv", index=False)
    (project / "accord.toml").write_text(
        fd.target_toml("m", "sklearn", Path("data.csv"), model=Path("absent.skops")), encoding="utf-8")
    r = accord("audit", project / "accord.toml", cwd=project)
    assert r.returncode == 3
    report = json.loads((project / "accord-report" / "report.json").read_text(encoding="utf-8"))
    errors = {c["check"]: c["error"] for t in report["targets"] for c in t["checks"]}
    assert errors["fairness"].startswith("model file not found") and "check model_path" in errors["fairness"]
    assert errors["data_bias"] is None  # the data alone still examined


@pytest.mark.slow
def test_the_four_fifths_rule_is_judged_on_the_measured_impact_ratio(project: Path) -> None:
    """29 CFR 1607.4(D) gets its verdict from fairness.min_impact_ratio: a hiring tool whose decisions favour
    one sex (impact ratio well under 0.8) is `not met`, with the measured value, interval and n beside it."""
    _project(project)
    head, decisions = (project / "accord.toml").read_text(encoding="utf-8").split("[[targets]]")[:2]
    profile = '[profile]\nkind = "predictive_system"\nregions = ["US"]\nsectors = ["employment"]\n'
    config = project / "hiring.toml"
    config.write_text(head + profile + "[[targets]]" + decisions, encoding="utf-8")
    r = accord("audit", config, cwd=project)
    assert r.returncode == 1, r.stdout + r.stderr  # a requirement is not met
    report = json.loads((project / "accord-report" / "report.json").read_text(encoding="utf-8"))
    (v,) = [v for v in report["verdicts"] if v["requirement"] == "us-eeoc-ugesp:1607.4.d"]
    metric = next(m for t in report["targets"] for c in t["checks"] for m in c["metrics"]
                  if m["name"] == "fairness.min_impact_ratio" and not m["slice"])
    assert v["verdict"] == "not met" and v["value"] == metric["value"] < 0.8 and v["n"] == metric["n"] >= 30
    assert v["threshold"] == 0.8 and v["low"] is not None
    assert v["decided_by"] == "every group" and "below the line" in v["reason"]  # every group judged, each shown
    assert any(ln["verdict"] == "not met" for ln in v["lines"]) and all(" = " in ln["name"] for ln in v["lines"])
