"""A judge model is measured before an audit uses it, and the audit refuses one below `[judge] min_kappa` unless
`allow_unmeasured`: end to end through the CLI, with a scripted guard model on 127.0.0.1 of known agreement."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score

from accord.scorers.accuracy import labelled_path
from accord.scorers.judge_record import JudgeRecord
from tests.helpers import ROOT, accord, python_target
from tests.support.guard_server import GuardServer, oracle, sent

MINI = ROOT / "tests" / "data" / "tc260_content_mini.jsonl"
FLIP = 8  # the scripted judge is wrong on about one answer in eight


@pytest.fixture(scope="module")
def guard() -> Iterator[GuardServer]:
    with GuardServer("llama-guard", decide=oracle(FLIP)) as server:
        yield server


def _write(project: Path, guard: GuardServer, judge: str = "", kind: str = "llama-guard-3") -> Path:
    path = project / "accord.toml"
    path.write_text(
        f'name = "guarded audit"\n[checks.refusal]\nenabled = false\n\n[checks.tc260_content]\nenabled = true\n'
        f'bank = "{MINI}"\nsample_size = 6\n\n[judge]\nkind = "{kind}"\n{judge}\n[judge.target]\nname = "guard"\n'
        f'type = "openai"\nbase_url = "{guard.base_url}"\nmodel = "llama-guard3:8b"\nconcurrency = 8\n\n'
        + python_target("bot", "content_mixed"), encoding="utf-8")
    return path


def _expected_kappa(language: str) -> float:
    """The oracle: the scripted judge's decisions on the test split against the labels, by scikit-learn."""
    decide = oracle(FLIP)
    truth, said = [], []
    for name in ("harm", "fluent"):
        path = labelled_path(language, "harm").with_name(f"{name}_labelled_{language}.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["split"] == "test":
                truth.append(bool(rec["harmful"]))
                said.append(decide(sent(rec["response"])) == "unsafe")
    return float(cohen_kappa_score(truth, said))


@pytest.fixture(scope="module")
def measured(guard: GuardServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, JudgeRecord]:
    project = tmp_path_factory.mktemp("floor")
    cfg = _write(project, guard)
    result = accord("judge", "accuracy", "--judge-config", cfg, "--save", "measured.json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "recorded in measured.json" in result.stdout
    ours = [x for x in result.stdout.splitlines() if x.startswith("accord.guard-llama-guard-3@1")]
    assert len(ours) == 6 and not any("unparsed=" in x for x in ours)
    return project, JudgeRecord.model_validate_json((project / "measured.json").read_text(encoding="utf-8"))


def test_the_measurement_is_recorded_with_what_it_measured(measured: tuple[Path, JudgeRecord]) -> None:
    _, rec = measured
    assert rec.identity == {"judge": "accord.guard-llama-guard-3@1", "kind": "llama-guard-3",
                            "model": "llama-guard3:8b", "request": "chat"}
    assert (rec.split, rec.limit) == ("test", None)
    assert set(rec.datasets) == {f"{s}_labelled_{lang}.jsonl" for s in ("harm", "fluent") for lang in ("en", "zh")}
    pooled = {line.language: line for line in rec.lines if line.dataset == "harm+fluent"}
    for lang in ("en", "zh"):
        assert pooled[lang].n == sum(line.n for line in rec.lines if line.language == lang
                                     and line.dataset != "harm+fluent")
        assert pooled[lang].kappa == pytest.approx(_expected_kappa(lang), abs=1e-4)
        assert 0.5 < pooled[lang].kappa < 0.95  # imperfect by construction


def _lowest(rec: JudgeRecord) -> float:
    return min(line.kappa for line in rec.lines if line.dataset == "harm+fluent")


def test_a_judge_measured_above_the_floor_is_used(measured: tuple[Path, JudgeRecord], guard: GuardServer) -> None:
    project, rec = measured
    floor = round(_lowest(rec) - 0.05, 2)
    cfg = _write(project, guard, f'measurement = "measured.json"\nmin_kappa = {floor}\n')
    result = accord("audit", cfg, cwd=project)
    assert result.returncode in (0, 1), result.stderr
    data = json.loads((project / "accord-report" / "report.json").read_text(encoding="utf-8"))
    check = next(c for c in data["targets"][0]["checks"] if c["check"] == "tc260_content")
    assert check["scorer"] == "accord.guard-llama-guard-3@1" and check["answered"] == 6


def test_a_judge_measured_below_the_floor_is_refused_unless_overridden(measured: tuple[Path, JudgeRecord],
                                                                     guard: GuardServer) -> None:
    project, rec = measured
    floor = round(_lowest(rec) + 0.01, 2)
    before = len(guard.requests)
    refused = accord("audit", _write(project, guard, f'measurement = "measured.json"\nmin_kappa = {floor}\n'),
                     cwd=project)
    assert refused.returncode == 2
    assert refused.stderr.startswith("accord: error: the judge's measured Cohen's kappa in ")
    assert f"below [judge] min_kappa = {floor}" in refused.stderr and "allow_unmeasured = true" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert len(guard.requests) == before  # refused before any answer was judged
    allowed = accord("audit", _write(project, guard, f'measurement = "measured.json"\nmin_kappa = {floor}\n'
                                                     "allow_unmeasured = true\n"), cwd=project)
    assert allowed.returncode in (0, 1), allowed.stderr
    assert len(guard.requests) == before + 6


@pytest.mark.parametrize(("judge", "kind", "message"), [
    ("", "llama-guard-3", "the judge model ([judge]) has no recorded measurement: run `accord judge accuracy"),
    ('measurement = "measured.json"\n', "llama-guard-4", "measured another judge"),
    ('measurement = "nowhere.json"\n', "llama-guard-3", "cannot read the judge's measurement"),
])
def test_an_unmeasured_or_other_judge_is_refused(measured: tuple[Path, JudgeRecord], guard: GuardServer,
                                                 judge: str, kind: str, message: str) -> None:
    project, _ = measured
    result = accord("audit", _write(project, guard, judge + "min_kappa = 0.0\n", kind=kind), cwd=project)
    assert result.returncode == 2 and result.stderr.startswith("accord: error: ")
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_partial_measurement_is_refused(guard: GuardServer, tmp_path: Path) -> None:
    cfg = _write(tmp_path, guard)
    saved = accord("judge", "accuracy", "--judge-config", cfg, "--limit", "5", "--save", "quick.json", cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    result = accord("audit", _write(tmp_path, guard, 'measurement = "quick.json"\nmin_kappa = 0.0\n'), cwd=tmp_path)
    assert result.returncode == 2 and "measured the judge on the first 5 records" in result.stderr


def test_save_needs_a_judge_config(tmp_path: Path) -> None:
    result = accord("judge", "accuracy", "--save", "x.json", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("accord: error: --save")


def test_judge_harm_labels_a_file_with_the_guard_model(guard: GuardServer, tmp_path: Path) -> None:
    cfg = _write(tmp_path, guard)
    rows = [json.loads(x) for x in (labelled_path("en", "harm").with_name("fluent_labelled_en.jsonl"))
            .read_text(encoding="utf-8").splitlines()[:6]]
    (tmp_path / "answers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = accord("judge", "harm", "answers.jsonl", "--judge-config", cfg, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.splitlines()]
    decide = oracle(FLIP)
    assert [o["harmful"] for o in out] == [decide(sent(r["response"])) == "unsafe" for r in rows]
    assert {o["judge"] for o in out} == {"accord.guard-llama-guard-3@1"}
