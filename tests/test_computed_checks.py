"""The audit runs computed checks beside chat checks: outputs stored whole, shown in the report, failures
recorded with their reason (exit 3), finished outputs not recomputed on resume.

The check here is a test double registered for the test: real computed checks (fairness, corpus scans) have
their own tests; this one pins down the runner's contract for any of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

import tests.test_computed_checks as this_module
from accord.audit import EXIT_OK, EXIT_RUN_FAILED, AuditOptions, render_run, run_audit
from accord.checks import CheckOutput, Selection
from accord.config import AuditConfig, CheckSettings, TargetBase
from accord.errors import ConfigError
from accord.plugins import load_config
from accord.progress import PlainProgress
from accord.report.html import render_html
from accord.results import Metric
from accord.run.store import Store
from tests.helpers import python_target, write_config
from tests.support.plugins import clear_registries, install_plugin


@dataclass
class CountingCheck:
    """Counts the target's name length; fails on demand. Mutable only to count its own calls."""

    fail: bool = False
    calls: list[str] = field(default_factory=list)
    kind: Literal["computed"] = "computed"
    id: str = "name_length"
    title: str = "Length of the target's name"
    version: str = "1"
    concerns: tuple[str, ...] = ("transparency",)
    metrics: tuple[str, ...] = ("name_length.chars",)
    settings_model: type[CheckSettings] = CheckSettings
    rank: int = 1000

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return target.name.startswith("m")

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        self.calls.append(target.name)
        if self.fail:
            raise ConfigError(f"cannot read the data of {target.name}")
        metric = Metric(name="name_length.chars", target=target.name, check=self.id, slice={},
                        value=float(len(target.name)), n=1)
        return CheckOutput(metrics=[metric], details={"name": target.name}, summary=[f"{len(target.name)} chars"])


COUNTING = CountingCheck()


@pytest.fixture
def counting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingCheck]:
    """A fresh counting check, registered through an entry point as another package would register it."""
    monkeypatch.setattr(this_module, "COUNTING", CountingCheck())
    install_plugin(tmp_path / "site", monkeypatch, "counting-plugin",
                   {"accord.checks": {"name_length": "tests.test_computed_checks:COUNTING"}})
    yield this_module.COUNTING
    clear_registries()


def _config(project: Path) -> AuditConfig:
    targets = python_target("mbot", "refuse_everything") + python_target("other", "refuse_everything")
    return load_config(write_config(project / "accord.toml", targets))


def test_computed_check_runs_once_per_applicable_target_and_reaches_the_report(
        project: Path, counting: CountingCheck) -> None:
    store = Store(project / "db.sqlite")
    outcome = run_audit(_config(project), AuditOptions(out=project / "out"), store, PlainProgress)
    assert outcome.exit_code == EXIT_OK
    assert counting.calls == ["mbot"]
    by_target = {t.name: {c.check: c for c in t.checks} for t in outcome.report.targets}
    assert set(by_target["mbot"]) == {"refusal", "name_length"} and set(by_target["other"]) == {"refusal"}
    result = by_target["mbot"]["name_length"]
    assert result.kind == "computed" and result.error is None and result.details == {"name": "mbot"}
    assert [(m.name, m.value) for m in result.metrics] == [("name_length.chars", 4.0)]
    html = render_html(outcome.report)
    assert "Length of the target&#39;s name" in html and "name_length.chars" in html and "4 chars" in html

    # rendering again from the store alone gives the same report, without running the check again
    again = render_run(store, outcome.run_id)
    assert again.targets == outcome.report.targets and counting.calls == ["mbot"]


def test_failed_computed_check_is_recorded_with_its_reason_and_retried_on_resume(
        project: Path, counting: CountingCheck) -> None:
    store = Store(project / "db.sqlite")
    counting.fail = True
    config = _config(project)
    first = run_audit(config, AuditOptions(out=project / "out"), store, PlainProgress)
    assert first.exit_code == EXIT_RUN_FAILED
    failed = next(c for t in first.report.targets for c in t.checks if c.check == "name_length")
    assert (failed.errors, failed.answered, failed.error) == (1, 0, "cannot read the data of mbot")
    assert "cannot read the data of mbot" in render_html(first.report)

    counting.fail = False
    store.set_status(first.run_id, "running")  # as if interrupted: the same command continues the run
    second = run_audit(config, AuditOptions(out=project / "out"), store, PlainProgress)
    assert second.run_id == first.run_id and second.exit_code == EXIT_OK
    assert counting.calls == ["mbot", "mbot"]
    third = run_audit(config, AuditOptions(out=project / "out", resume=first.run_id), store, PlainProgress)
    assert third.exit_code == EXIT_OK and counting.calls == ["mbot", "mbot"]  # a finished output is kept
