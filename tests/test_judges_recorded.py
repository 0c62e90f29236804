"""The judges' figures are recorded with a run when it is created and read back when it is rendered; the new
verdict states reach the exit code; old stores and old report.json files still load."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from accord.audit import EXIT_INCONCLUSIVE, EXIT_NOT_MET, EXIT_OK, AuditOptions, exit_code_for, render_run, run_audit
from accord.errors import ConfigError
from accord.plugins import load_config
from accord.progress import PlainProgress
from accord.report.schema import REPORT_SCHEMA_VERSION, load_report
from accord.results import RunOptions
from accord.run import judges as judges_module
from accord.run.judges import JudgeRecord, measure_judges, recorded_judges
from accord.run.store import Store
from tests.helpers import python_target, write_config
from tests.report_fixtures import sample_report

REFUSAL = "accord.refusal-rules@6"


def _audit(project: Path, store: Store, name: str = "out"):  # type: ignore[no-untyped-def]
    config = load_config(write_config(project / "accord.toml", python_target("bot", "refuse_everything")))
    return run_audit(config, AuditOptions(out=project / name, new=True), store, PlainProgress)


def _refusal_metric(report):  # type: ignore[no-untyped-def]
    return next(m for t in report.targets for c in t.checks for m in c.metrics
                if m.name == "refusal.should_refuse_rate" and not m.slice)


def test_an_old_run_rerendered_shows_the_judge_figures_recorded_with_it(project: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(project / "db.sqlite")
    first = _audit(project, store)
    today = {(r.judge, r.language, r.dataset): (r.tp, r.fp, r.tn, r.fn) for r in measure_judges()}
    recorded = {(r.judge, r.language, r.dataset): (r.tp, r.fp, r.tn, r.fn)
                for r in recorded_judges(store, first.run_id)}
    assert recorded == today and (REFUSAL, "en", "refusal_labelled_en.jsonl") in recorded
    assert (REFUSAL, "en", "fluent_labelled_en.jsonl") in recorded  # both datasets, side by side
    shown = {(j.judge, j.language, j.dataset): j.n for j in first.report.judges}
    assert shown == {k: sum(v) for k, v in today.items()}
    before = _refusal_metric(first.report).judge
    assert before is not None and before.judge == REFUSAL and before.low is not None

    # later, the judge measures differently (a new labelled set, a changed rule)
    worse = [r.model_copy(update={"tp": 1, "fn": r.tp + r.fn - 1}) for r in measure_judges()]
    monkeypatch.setattr(judges_module, "measure_judges", lambda: worse)
    again = render_run(store, first.run_id)
    assert {(j.judge, j.language, j.dataset): j.recall for j in again.judges} == \
        {(j.judge, j.language, j.dataset): j.recall for j in first.report.judges}
    assert _refusal_metric(again).judge == before
    # a run made now records the new figures, and shows them
    second = _audit(project, store, "out2")
    assert all((j.recall or 0) < 0.05 for j in second.report.judges if j.judge == REFUSAL)
    assert _refusal_metric(second.report).judge != before


def test_a_store_from_before_judges_were_recorded_opens_and_renders(project: Path) -> None:
    path = project / "old.sqlite"
    store = Store(path)
    run_id = _audit(project, store).run_id
    store.close()
    with sqlite3.connect(path) as db:  # as Accord left it before: no judges table, store schema 2
        db.execute("DROP TABLE judges")
        db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    reopened = Store(path)
    report = render_run(reopened, run_id)
    assert report.judges == []
    m = _refusal_metric(report)
    assert m.judge is not None and m.judge.figures == () and m.judge.low is None
    judged = [v for v in report.verdicts if v.metric == "refusal.should_refuse_rate"]
    assert all(v.verdict == "inconclusive" and "not recorded with this run" in v.reason for v in judged)
    assert recorded_judges(reopened, run_id) == []


def test_judge_records_round_trip(project: Path) -> None:
    store = Store(project / "db.sqlite")
    run_id = store.create_run("k", "n", "{}", RunOptions(), "0")
    rows = [JudgeRecord(judge="j@1", kind="refusal", positive="refused", language="zh", dataset="d", split="test",
                        labelled_sha256="ab" * 32, tp=5, fp=1, tn=7, fn=2, measured_at="2026-12-07T00:00:00+00:00")]
    judges_module.record_judges(store, run_id, rows)
    assert recorded_judges(store, run_id) == rows


def test_exit_codes_learn_contradicted_and_inconclusive() -> None:
    report = sample_report()
    clean = report.model_copy(update={"targets": [t.model_copy(update={"checks": [
        c.model_copy(update={"errors": 0, "not_run": 0}) for c in t.checks]}) for t in report.targets]})
    met = [v.model_copy(update={"verdict": "met"}) for v in report.verdicts]

    def code(*labels: str) -> int:
        changed = [v.model_copy(update={"verdict": label}) for v, label in zip(met, labels, strict=False)]
        changed += met[len(labels):]
        return exit_code_for(clean.model_copy(update={"verdicts": changed}))

    assert code() == EXIT_OK
    assert code("inconclusive") == EXIT_INCONCLUSIVE
    assert code("contradicted") == EXIT_NOT_MET
    assert code("inconclusive", "contradicted") == EXIT_NOT_MET
    assert code("not met", "inconclusive") == EXIT_NOT_MET
    assert exit_code_for(report) == 3  # the sample run has failed items: a failed run outranks every verdict


def test_old_report_json_loads_and_a_newer_one_is_refused(tmp_path: Path) -> None:
    raw = json.loads(sample_report().model_dump_json())
    for v in raw["verdicts"]:  # as version 4 wrote them
        for key in ("judge", "corrected", "corrected_low", "corrected_high", "decided_by", "lines"):
            v.pop(key, None)
    raw["schema_version"] = 4
    old = tmp_path / "report.json"
    old.write_text(json.dumps(raw), encoding="utf-8")
    loaded = load_report(old)
    assert loaded.schema_version == REPORT_SCHEMA_VERSION and len(loaded.verdicts) == len(raw["verdicts"])
    raw["schema_version"] = REPORT_SCHEMA_VERSION + 1
    old.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ConfigError, match="newer Accord"):
        load_report(old)


def _rec(dataset: str, tp: int) -> JudgeRecord:
    return JudgeRecord(judge=REFUSAL, kind="refusal", positive="refused", language="en", dataset=dataset,
                       split="test", labelled_sha256="cd" * 32, tp=tp, fp=0, tn=50, fn=50 - tp,
                       measured_at="2026-12-07T00:00:00+00:00")


def test_both_datasets_are_stored_and_the_correction_reads_the_labelled_set(project: Path) -> None:
    from accord.results import ItemRecord, Metric
    from accord.run.judged import with_judges

    rows = [_rec("refusal_labelled_en.jsonl", 40), _rec("fluent_labelled_en.jsonl", 10)]
    store = Store(project / "db.sqlite")
    run_id = store.create_run("k", "n", "{}", RunOptions(), "0")
    judges_module.record_judges(store, run_id, rows)
    assert recorded_judges(store, run_id) == rows  # one judge and language, two datasets: both kept
    item = ItemRecord(run_id=run_id, target="bot", check="refusal", item_id="i", status="ok", language="en",
                      concern="c", expected="refuse", messages=[], scorer=REFUSAL, attempts=1, params={},
                      finished_at="2026-12-07T00:00:00+00:00")
    metric = Metric(name="refusal.should_refuse_rate", target="bot", check="refusal", slice={"language": "en"},
                    value=0.5, k=10, n=20)
    for recorded in (rows, rows[::-1]):  # whichever comes first
        judged = with_judges([metric], [item], recorded)[0].judge
        assert judged is not None and [(f.sensitivity_k, f.sensitivity_n) for f in judged.figures] == [(40, 50)]
