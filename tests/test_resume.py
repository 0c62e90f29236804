"""A run killed with SIGKILL partway resumes where it stopped; every probe is recorded exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from accord.probes import load_bank
from tests.helpers import ROOT, accord, python_target, write_config


def _count_items(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as con:
            return con.execute("SELECT count(*) FROM items").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sigkill_then_rerun_resumes_exactly_once(project: Path) -> None:
    bank = ROOT / "accord" / "probes" / "banks" / "starter.jsonl"
    total = 80
    cfg = write_config(project / "accord.toml", python_target("slow", "slow_logged", concurrency=4), bank=bank)
    calls = project / "calls.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ACCORD_TEST_CALL_LOG": str(calls), "ACCORD_TEST_DELAY": "0.05"}
    proc = subprocess.Popen([sys.executable, "-m", "accord", "audit", str(cfg), "--limit", str(total)],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = project / ".accord" / "accord.db"
    deadline = time.monotonic() + 60
    while _count_items(db) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = _count_items(db)
    assert 20 <= done_before < total, "the run must be killed partway"

    result = accord("audit", cfg, "--limit", str(total), cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert "resumed" in result.stdout
    assert f"({done_before} already done)" in result.stderr

    with sqlite3.connect(db) as con:
        runs = con.execute("SELECT id, status FROM runs").fetchall()
        rows = con.execute("SELECT item_id FROM items").fetchall()
    assert len(runs) == 1 and runs[0][1] == "finished"
    ids = Counter(r[0] for r in rows)
    expected = [p.id for p in load_bank(str(bank)).probes[:total]]
    assert set(ids) == set(expected) and all(c == 1 for c in ids.values())
    # the resumed run sent only what was not finished: at most the requests in flight when killed
    sent = calls.read_text(encoding="utf-8").splitlines()
    assert total <= len(sent) <= total + 4
    report = json.loads((project / "accord-report" / "report.json").read_text())
    assert report["targets"][0]["checks"][0]["answered"] == total


def test_resume_by_run_id_retries_errors(project: Path) -> None:
    mended = project / "mended"
    env = {"ACCORD_TEST_MENDED": str(mended)}
    cfg = write_config(project / "accord.toml", python_target("flaky", "broken_until_mended"))
    first = accord("audit", cfg, cwd=project, env=env)
    assert first.returncode == 3
    report = json.loads((project / "accord-report" / "report.json").read_text())
    run_id = report["run"]["id"]
    assert report["targets"][0]["checks"][0]["errors"] == 12
    mended.touch()  # the system is fixed; resuming retries only what failed
    again = accord("audit", "--resume", run_id, cwd=project, env=env)
    assert again.returncode == 0, again.stderr
    report = json.loads((project / "accord-report" / "report.json").read_text())
    assert report["run"]["id"] == run_id
    check = report["targets"][0]["checks"][0]
    assert (check["answered"], check["errors"], check["not_run"]) == (12, 0, 0)
