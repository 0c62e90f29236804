"""`accord fairness` as a user runs it: the group table and the disparities by name, in text and JSON;
bad input gives one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fairlearn.metrics import demographic_parity_difference, equalized_odds_difference

from tests import fairness_data as fd
from tests.helpers import accord


@pytest.fixture(scope="module")
def decisions_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    frame = fd.frame(2000, seed=5)
    rng = np.random.default_rng(2)
    frame["score"] = rng.random(len(frame))
    frame["decision"] = np.where(frame["score"] < np.where(frame["sex"] == "male", 0.6, 0.4), "approve", "deny")
    path = tmp_path_factory.mktemp("cli") / "decisions.parquet"
    frame.to_parquet(path)
    return path


def test_json_has_the_group_table_and_disparities_equal_to_fairlearn(decisions_file: Path) -> None:
    import pandas as pd

    r = accord("fairness", decisions_file, "--label", "outcome", "--prediction", "decision", "--sensitive",
               "sex,age_band", "--score", "score", "--positive-label", "approve", "--format", "json",
               cwd=decisions_file.parent)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {(g["feature"]) for g in out["groups"]} == {"sex", "age_band", "sex & age_band"}
    assert len(out["groups"]) == 2 + 3 + 6
    wanted = {"feature", "group", "count", "selection_rate", "tpr", "fpr", "accuracy", "impact_ratio"}
    assert wanted <= set(out["groups"][0])
    frame = pd.read_parquet(decisions_file)
    y, p = (frame["outcome"] == "approve").astype(int), (frame["decision"] == "approve").astype(int)
    sex = next(d for d in out["disparities"] if d["feature"] == "sex")
    assert abs(sex["demographic_parity_difference"]["value"]
               - demographic_parity_difference(y, p, sensitive_features=frame["sex"])) < 1e-12
    assert abs(sex["equalized_odds_difference"]["value"]
               - equalized_odds_difference(y, p, sensitive_features=frame["sex"])) < 1e-12
    assert sex["demographic_parity_ratio"]["low"] is not None
    assert set(sex["impact_ratio"]) == {"female", "male"} and sex["impact_ratio"]["male"] == 1.0
    assert sex["four_fifths_flagged"] == ["female"] and sex["significant"] == ["female"]


def test_text_prints_the_table_and_the_metrics_by_name(decisions_file: Path) -> None:
    r = accord("fairness", decisions_file, "--label", "outcome", "--prediction", "decision", "--sensitive", "sex",
               "--positive-label", "approve", cwd=decisions_file.parent)
    assert r.returncode == 0, r.stderr
    header = next(line for line in r.stdout.splitlines() if line.startswith("feature"))
    assert header.split() == ["feature", "group", "count", "selection_rate", "tpr", "fpr", "accuracy", "impact_ratio"]
    for name in ("demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference",
                 "impact_ratio: female = "):
        assert name in r.stdout
    assert "under the four-fifths line: female (significant)" in r.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--sensitive", "sex,religion"], "has no column 'religion'"),
    (["--sensitive", "sex", "--label", "region"], "holds 3 values"),
    (["--sensitive", "sex", "--positive-label", "maybe"], "positive_label 'maybe' is not a value"),
    (["--sensitive", "sex", "--format", "xml"], "--format must be text or json"),
    (["--sensitive", "sex", "--score", "region"], "must hold numbers only"),
])
def test_bad_input_gives_one_line_and_exit_2(decisions_file: Path, args: list[str], message: str) -> None:
    base = {"--label": "outcome", "--prediction": "decision", "--positive-label": "approve"}
    for flag in args[::2]:
        base.pop(flag, None)
    full = [x for pair in base.items() for x in pair] + args
    r = accord("fairness", decisions_file, *full, cwd=decisions_file.parent)
    assert r.returncode == 2, r.stdout
    assert r.stderr.startswith("accord: error: ") and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
