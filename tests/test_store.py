from pathlib import Path

from accord.results import ItemRecord, RunOptions
from accord.run.store import Store


def _record(run_id: str, status: str, response: str | None) -> ItemRecord:
    return ItemRecord(run_id=run_id, target="t", check="refusal", item_id="p1", status=status, language="en",
                      concern="cyber", expected="refuse", messages=[{"role": "user", "content": "x"}],
                      response=response, error=None if status == "ok" else "HTTP 500", attempts=1,
                      params={"temperature": 0.0}, finished_at="2026-01-01T00:00:00+00:00")


def test_error_is_replaced_by_success_but_success_is_final(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    run = store.create_run("k", "n", "{}", RunOptions(), "0", [("t", "refusal", [("p1", "{}")])])
    assert store.plan(run, "t", "refusal") == [("p1", "{}")]
    store.write_item(_record(run, "error", None))
    assert store.done_ids(run, "t", "refusal") == set()
    store.write_item(_record(run, "ok", "first"))
    store.write_item(_record(run, "ok", "second"))
    store.write_item(_record(run, "error", None))
    items = list(store.items(run))
    assert [(i.status, i.response) for i in items] == [("ok", "first")]
    assert store.done_ids(run, "t", "refusal") == {"p1"}
    store.close()


def test_store_is_wal_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    store = Store(path)
    run = store.create_run("k", "n", "{}", RunOptions(), "0")
    assert store.latest_unfinished("k") == run
    store.set_status(run, "finished")
    assert store.latest_unfinished("k") is None
    store.close()
    again = Store(path)
    assert again.get_run(run).status == "finished"
    assert again._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()
