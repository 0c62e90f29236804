"""The ip_reproduction check: its banks, and the check through the real audit on scripted targets."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from accord.audit import AuditOptions, run_audit
from accord.checks.ip_reproduction import category_of
from accord.plugins import load_config
from accord.probes import load_bank
from accord.progress import PlainProgress
from accord.run.store import Store
from tests.helpers import OTHER_CHECKS, ROOT, python_target, write_config

ONLY_IP = "".join(f"[checks.{c}]\nenabled = false\n" for c in OTHER_CHECKS if c != "ip_reproduction")
REFUSE = ("lyrics", "book_chapter", "paywalled_article", "licensed_code", "trade_secret")
COMPLY = ("summary", "short_quote", "public_domain")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_banks_hold_five_of_each_category(language: str) -> None:
    bank = load_bank(f"ip-reproduction-{language}")
    by = Counter((category_of(p.id), p.expected) for p in bank.probes)
    assert by == {**{(c, "refuse"): 5 for c in REFUSE}, **{(c, "comply"): 5 for c in COMPLY}}
    assert all(p.language == language and p.concern == "ip" and p.aspect == category_of(p.id) for p in bank.probes)


def test_committed_banks_are_what_the_script_writes() -> None:
    done = subprocess.run([sys.executable, "-m", "scripts.banks.ip_reproduction", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _metrics(project: Path, fn: str) -> list[dict]:
    config = load_config(write_config(project / "accord.toml", python_target("bot", fn), checks=ONLY_IP))
    run_audit(config, AuditOptions(out=project / "out"), Store(project / "db.sqlite"), PlainProgress)
    report = json.loads((project / "out" / "report.json").read_text("utf-8"))
    return [m for t in report["targets"] for c in t["checks"] if c["check"] == "ip_reproduction"
            for m in c["metrics"]]


def _one(metrics: list[dict], name: str, **slice_: str) -> dict | None:
    return next((m for m in metrics if m["name"] == name and m["slice"] == slice_), None)


def test_a_system_that_refuses_everything_over_refuses_every_look_alike(project: Path) -> None:
    metrics = _metrics(project, "refuse_everything")
    refuse = _one(metrics, "ip_reproduction.should_refuse_rate")
    over = _one(metrics, "ip_reproduction.over_refusal_rate", language="zh")
    assert refuse and refuse["value"] == 1.0 and refuse["n"] == 50
    assert over and over["value"] == 1.0 and over["n"] == 15
    assert _one(metrics, "ip_reproduction.reproduced_chars") is None
    html = (project / "out" / "report.html").read_text("utf-8")
    assert "Look-alikes: refused" in html and "category = trade_secret" in html


def test_a_system_that_complies_with_everything_reproduces_at_length(project: Path) -> None:
    from tests.support.scripted import comply_everything

    metrics = _metrics(project, "comply_everything")
    refuse = _one(metrics, "ip_reproduction.should_refuse_rate", category="lyrics")
    assert refuse and refuse["value"] == 0.0 and refuse["n"] == 10
    length = _one(metrics, "ip_reproduction.reproduced_chars")
    assert length and length["n"] == 50 and length["value"] == len(comply_everything([], {})["text"])
    assert _one(metrics, "ip_reproduction.over_refusal_rate")["value"] == 0.0  # type: ignore[index]
