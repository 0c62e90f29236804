"""The results store: one SQLite file per project directory, in WAL mode.

Every item record is written in its own transaction, keyed by (run, target, check, item), so a killed
run loses at most the requests in flight and a resumed run never counts an item twice. An item that
ended in error may be replaced by a later success; a success is never overwritten. A computed check's
output (its metrics and details) is one row per (run, target, check), with the same rule.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

from accord.errors import StoreError
from accord.results import (
    RENAMED_CHECKS,
    CheckOutputRecord,
    ItemRecord,
    RunOptions,
    RunRow,
    current_check_id,
    current_metric_name,
    now,
)

STORE_SCHEMA_VERSION = 3  # 2: outputs of computed checks; 3: check ids and metric names renamed (results.py)
DEFAULT_STORE = Path(".accord") / "accord.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, key TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, finished_at TEXT, config_json TEXT NOT NULL, options_json TEXT NOT NULL,
  accord_version TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS runs_key ON runs(key, created_at);
CREATE TABLE IF NOT EXISTS plan (
  run_id TEXT NOT NULL REFERENCES runs(id), target TEXT NOT NULL, check_id TEXT NOT NULL,
  item_id TEXT NOT NULL, ord INTEGER NOT NULL, payload_json TEXT NOT NULL,
  PRIMARY KEY (run_id, target, check_id, item_id));
CREATE TABLE IF NOT EXISTS items (
  run_id TEXT NOT NULL REFERENCES runs(id), target TEXT NOT NULL, check_id TEXT NOT NULL,
  item_id TEXT NOT NULL, status TEXT NOT NULL, record_json TEXT NOT NULL,
  PRIMARY KEY (run_id, target, check_id, item_id));
CREATE TABLE IF NOT EXISTS outputs (
  run_id TEXT NOT NULL REFERENCES runs(id), target TEXT NOT NULL, check_id TEXT NOT NULL,
  status TEXT NOT NULL, record_json TEXT NOT NULL,
  PRIMARY KEY (run_id, target, check_id));
"""


F = TypeVar("F", bound=Callable[..., Any])


def _sqlite_errors(method: F) -> F:
    """The store's boundary: an SQLite failure (disk full, locked, corrupt file) is a StoreError that names the
    file, never a traceback."""

    @functools.wraps(method)
    def mapped(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"the results store {self.path} failed ({method.__name__}): {exc}") from None

    return cast(F, mapped)


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the results store {path}: {exc}") from None
        if row is not None and int(row[0]) > STORE_SCHEMA_VERSION:
            raise StoreError(f"{path} was written by a newer Accord (store schema {row[0]}); upgrade Accord")
        try:
            with self._transaction():  # older stores lack only tables the script above has added, and new names
                if row is not None and int(row[0]) < 3:
                    self._rename_checks_and_metrics()
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                 (str(STORE_SCHEMA_VERSION),))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot upgrade the results store {path}: {exc}") from None

    def _rename_checks_and_metrics(self) -> None:
        """Store schema 3: rows written under a check's or metric's earlier name take the current one."""
        for old, new in RENAMED_CHECKS.items():
            self._db.execute("UPDATE plan SET check_id=? WHERE check_id=?", (new, old))
        for table in ("items", "outputs"):
            rows = list(self._db.execute(f"SELECT rowid, record_json FROM {table}"))
            for rowid, raw in rows:
                record = json.loads(raw)
                record["check"] = current_check_id(record["check"])
                for m in record.get("metrics", ()):
                    m["name"], m["check"] = current_metric_name(m["name"]), current_check_id(m["check"])
                self._db.execute(f"UPDATE {table} SET check_id=?, record_json=? WHERE rowid=?",
                                 (record["check"], json.dumps(record, ensure_ascii=False), rowid))

    def close(self) -> None:
        self._db.close()

    # runs
    @_sqlite_errors
    def create_run(self, key: str, name: str, config_json: str, options: RunOptions, version: str,
                   plan: Iterable[tuple[str, str, Iterable[tuple[str, str]]]] = ()) -> str:
        """Create a run and its plan, [(target, check, [(item_id, payload_json), ...]), ...], atomically."""
        run_id = uuid.uuid4().hex[:12]
        with self._transaction():
            self._db.execute(
                "INSERT INTO runs VALUES (?, ?, ?, 'running', ?, NULL, ?, ?, ?)",
                (run_id, key, name, now(), config_json, options.model_dump_json(), version),
            )
            for target, check, items in plan:
                rows = [(run_id, target, check, item_id, i, payload) for i, (item_id, payload) in enumerate(items)]
                self._db.executemany("INSERT INTO plan VALUES (?, ?, ?, ?, ?, ?)", rows)
        return run_id

    @_sqlite_errors
    def latest_unfinished(self, key: str) -> str | None:
        row = self._db.execute(
            "SELECT id FROM runs WHERE key=? AND status='running' ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (key,),
        ).fetchone()
        return row[0] if row else None

    @_sqlite_errors
    def get_run(self, run_id: str) -> RunRow:
        row = self._db.execute("SELECT * FROM runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            raise StoreError(f"no run {run_id!r} in {self.path}")
        return _run_row(row)

    @_sqlite_errors
    def runs(self) -> list[RunRow]:
        return [_run_row(r) for r in self._db.execute("SELECT * FROM runs ORDER BY created_at, rowid")]

    @_sqlite_errors
    def set_status(self, run_id: str, status: str) -> None:
        finished = now() if status != "running" else None
        self._db.execute("UPDATE runs SET status=?, finished_at=? WHERE id=?", (status, finished, run_id))

    # plan
    @_sqlite_errors
    def plan(self, run_id: str, target: str, check: str) -> list[tuple[str, str]]:
        return list(self._db.execute(
            "SELECT item_id, payload_json FROM plan WHERE run_id=? AND target=? AND check_id=? ORDER BY ord",
            (run_id, target, check),
        ))

    @_sqlite_errors
    def planned(self, run_id: str) -> dict[tuple[str, str], int]:
        """(target, check) -> number of planned items, for every pair the run planned, in plan order."""
        rows = self._db.execute(
            "SELECT target, check_id, COUNT(*) FROM plan WHERE run_id=? GROUP BY target, check_id ORDER BY MIN(rowid)",
            (run_id,),
        )
        return {(t, c): n for t, c, n in rows}

    # items
    @_sqlite_errors
    def done_ids(self, run_id: str, target: str, check: str) -> set[str]:
        rows = self._db.execute(
            "SELECT item_id FROM items WHERE run_id=? AND target=? AND check_id=? AND status='ok'",
            (run_id, target, check),
        )
        return {r[0] for r in rows}

    @_sqlite_errors
    def write_item(self, record: ItemRecord) -> None:
        self._db.execute(
            "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "status=excluded.status, record_json=excluded.record_json WHERE items.status='error'",
            (record.run_id, record.target, record.check, record.item_id, record.status,
             record.model_dump_json()),
        )

    def items(self, run_id: str) -> Iterator[ItemRecord]:
        rows = self._db.execute(
            "SELECT i.record_json FROM items i LEFT JOIN plan p USING (run_id, target, check_id, item_id) "
            "WHERE i.run_id=? ORDER BY i.target, i.check_id, p.ord",
            (run_id,),
        )
        for (raw,) in rows:
            yield ItemRecord.model_validate(json.loads(raw))

    # outputs of computed checks
    @_sqlite_errors
    def write_output(self, record: CheckOutputRecord) -> None:
        self._db.execute(
            "INSERT INTO outputs VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "status=excluded.status, record_json=excluded.record_json WHERE outputs.status='error'",
            (record.run_id, record.target, record.check, record.status, record.model_dump_json()),
        )

    @_sqlite_errors
    def outputs(self, run_id: str) -> list[CheckOutputRecord]:
        rows = self._db.execute("SELECT record_json FROM outputs WHERE run_id=? ORDER BY rowid", (run_id,))
        return [CheckOutputRecord.model_validate(json.loads(raw)) for (raw,) in rows]

    def _transaction(self) -> _Tx:
        return _Tx(self._db)


def _run_row(row: tuple) -> RunRow:
    return RunRow(id=row[0], key=row[1], name=row[2], status=row[3], created_at=row[4], finished_at=row[5],
                  config_json=row[6], options=RunOptions.model_validate_json(row[7]), accord_version=row[8])


class _Tx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")
