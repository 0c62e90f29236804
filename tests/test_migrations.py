"""Older results stay readable under the current names: a results database of store schema 2 and a report.json of
report schema 4 (before check ids and metric prefixes were made one name) are migrated; a newer or much older
file is refused with what to do. And the store's boundary: an SQLite failure is a StoreError, not a traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from accord.errors import ConfigError, StoreError
from accord.report.html import write_report
from accord.report.schema import REPORT_SCHEMA_VERSION, load_report
from accord.results import CheckOutputRecord, ItemRecord, Metric, RunOptions, now
from accord.run.store import Store
from tests.report_fixtures import sample_report


def _old_store(path: Path) -> str:
    """A store as Accord wrote it before schema 3: a tc260-refusal item and a bank-coverage output."""
    store = Store(path)
    run = store.create_run("k", "n", "{}", RunOptions(), "0", [("bot", "tc260_refusal", [("p1", "{}")]),
                                                                 ("bot", "bank_coverage", [("output", "{}")])])
    store.write_item(ItemRecord(run_id=run, target="bot", check="tc260_refusal", item_id="p1", status="ok",
                                language="en", concern="cyber", expected="refuse", messages=[], label="refused",
                                attempts=1, params={}, finished_at=now()))
    metric = Metric(name="bank_coverage.tc260_refuse.size", target="bot", check="bank_coverage", slice={}, value=600,
                    n=600)
    store.write_output(CheckOutputRecord(run_id=run, target="bot", check="bank_coverage", status="ok",
                                         metrics=[metric], finished_at=now()))
    store.close()
    db = sqlite3.connect(path)
    for table, column in (("plan", "check_id"), ("items", "check_id"), ("outputs", "check_id")):
        for new, old in (("tc260_refusal", "tc260-refusal"), ("bank_coverage", "bank-coverage")):
            db.execute(f"UPDATE {table} SET {column}=? WHERE {column}=?", (old, new))
    for table in ("items", "outputs"):
        db.execute(f"UPDATE {table} SET record_json = replace(replace(replace(record_json, 'tc260_refusal', "
                   "'tc260-refusal'), '\"check\":\"bank_coverage\"', '\"check\":\"bank-coverage\"'), "
                   "'bank_coverage.tc260', 'banks.tc260')")
    db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    db.commit()
    db.close()
    return run


def test_a_store_of_schema_2_is_read_under_the_current_names(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    run = _old_store(path)
    raw = sqlite3.connect(path).execute("SELECT record_json FROM outputs").fetchone()[0]
    assert '"banks.tc260_refuse.size"' in raw and '"bank-coverage"' in raw  # the fixture really is old
    store = Store(path)
    assert set(store.planned(run)) == {("bot", "tc260_refusal"), ("bot", "bank_coverage")}
    assert [r.check for r in store.items(run)] == ["tc260_refusal"]
    assert store.done_ids(run, "bot", "tc260_refusal") == {"p1"}
    (out,) = store.outputs(run)
    assert out.check == "bank_coverage" and [m.name for m in out.metrics] == ["bank_coverage.tc260_refuse.size"]
    store.close()
    assert Store(path).planned(run)  # opening again is a no-op


def test_a_report_of_schema_4_loads_with_current_names_and_others_are_refused(tmp_path: Path) -> None:
    report = sample_report()
    json_path, _ = write_report(report, tmp_path / "out")
    assert load_report(json_path) == report
    raw = json.loads(json_path.read_text(encoding="utf-8"))
    raw["schema_version"] = 4
    raw["targets"][0]["checks"][0]["metrics"][0]["name"] = "tc260.content_pass_rate"
    raw["verdicts"][0]["metric"] = "banks.tc260_content.size"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(raw), encoding="utf-8")
    migrated = load_report(old)
    assert migrated.schema_version == REPORT_SCHEMA_VERSION
    assert migrated.targets[0].checks[0].metrics[0].name == "tc260_content.pass_rate"
    assert migrated.verdicts[0].metric == "bank_coverage.tc260_content.size"
    for version, message in ((REPORT_SCHEMA_VERSION + 1, "newer Accord"), (3, "too old to read")):
        raw["schema_version"] = version
        old.write_text(json.dumps(raw), encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            load_report(old)
    old.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read report"):
        load_report(old)


def test_a_locked_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    store = Store(path)
    run = store.create_run("k", "n", "{}", RunOptions(), "0")
    store._db.execute("PRAGMA busy_timeout=50")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the database
    try:
        with pytest.raises(StoreError, match=r"locked\.db failed \(set_status\): database is locked"):
            store.set_status(run, "finished")
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()
