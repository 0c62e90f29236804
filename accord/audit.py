"""The audit use case: plan → execute → evaluate → render. The only module that knows every layer."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from accord import __version__
from accord.catalog import all_requirements, applicable, evaluate, load_catalog, load_taxonomy
from accord.catalog.crosswalk import hub_of
from accord.checks import CHAT_CHECKS, REFUSAL
from accord.config import AuditConfig, parse_config
from accord.errors import AccordError, ConfigError
from accord.probes import Probe
from accord.report.build import build_report
from accord.report.html import write_report
from accord.report.schema import FrameworkInfo, JudgeAccuracy, Report
from accord.results import ItemRecord, Metric
from accord.run.executor import Progress, RetryPolicy, execute
from accord.run.planner import load_banks, refusal_probes
from accord.run.store import Store
from accord.scorers.accuracy import JudgeMeasurement, refusal_judge_accuracy
from accord.targets import ChatTarget, build_target

EXIT_OK, EXIT_NOT_MET, EXIT_USAGE, EXIT_RUN_FAILED = 0, 1, 2, 3


@dataclass(frozen=True)
class AuditOptions:
    out: Path = Path("accord-report")
    limit: int | None = None
    sample: int | None = None
    seed: int = 0
    resume: str | None = None
    new: bool = False

    def key_fields(self) -> dict[str, int | None]:
        return {"limit": self.limit, "sample": self.sample, "seed": self.seed}


class ProgressDisplay(Progress, Protocol):
    def start(self, target: str, total: int, done: int) -> None: ...
    def finish(self, target: str) -> None: ...


@dataclass(frozen=True)
class AuditOutcome:
    run_id: str
    resumed: bool
    report: Report
    json_path: Path
    html_path: Path
    exit_code: int


def run_audit(config: AuditConfig, options: AuditOptions, store: Store,
              progress: Callable[[], ProgressDisplay]) -> AuditOutcome:
    run_id, config, resumed = _open_run(config, options, store)
    run_opts = json.loads(store.get_run(run_id).options_json)
    asyncio.run(_execute_run(config, run_id, store, progress(), run_opts))
    store.set_status(run_id, "finished")
    report = render_run(store, run_id)
    json_path, html_path = write_report(report, options.out)
    return AuditOutcome(run_id, resumed, report, json_path, html_path, exit_code_for(report))


def _open_run(config: AuditConfig, options: AuditOptions, store: Store) -> tuple[str, AuditConfig, bool]:
    """Pick the run: the one named by --resume, else an unfinished run of the same command, else a new one."""
    if options.resume:
        row = store.get_run(options.resume)
        return row.id, parse_config(json.loads(row.config_json), source=f"run {row.id}"), True
    _check_frameworks(config)
    banks = load_banks(config)
    opts = {**options.key_fields(), "banks": [f"{b.name}@{b.version}#{b.digest}" for b in banks]}
    config_json = config.model_dump_json()
    key = hashlib.sha256((config_json + json.dumps(opts, sort_keys=True)).encode()).hexdigest()[:16]
    existing = None if options.new else store.latest_unfinished(key)
    if existing:
        return existing, config, True
    probes = refusal_probes(banks, config, limit=options.limit, sample=options.sample, seed=options.seed)
    items = [(p.id, p.model_dump_json()) for p in probes]
    plan = [(target.name, REFUSAL.id, items) for target in config.targets]
    run_id = store.create_run(key, config.name, config_json, json.dumps(opts), __version__, plan)
    return run_id, config, False


async def _execute_run(config: AuditConfig, run_id: str, store: Store, display: ProgressDisplay,
                       run_opts: dict) -> None:
    targets: list[ChatTarget] = []
    try:
        for target_config in config.targets:  # open every target first: fail fast, before any work
            target = build_target(target_config)
            await target.open()
            targets.append(target)
        await asyncio.gather(*(
            _execute_target(t, tc.concurrency, tc.max_retries, config, run_id, store, display)
            for t, tc in zip(targets, config.targets, strict=True)
        ))
    finally:
        for t in targets:
            await t.aclose()


async def _execute_target(target: ChatTarget, concurrency: int, max_retries: int, config: AuditConfig,
                          run_id: str, store: Store, display: ProgressDisplay) -> None:
    for check in CHAT_CHECKS.values():
        plan = store.plan(run_id, target.name, check.id)
        done = store.done_ids(run_id, target.name, check.id)
        todo = [Probe.model_validate_json(payload) for item_id, payload in plan if item_id not in done]
        display.start(target.name, len(plan), len(plan) - len(todo))
        await execute(target, check, todo, run_id=run_id, params=config.sampling, concurrency=concurrency,
                      retry=RetryPolicy(max_retries=max_retries), store=store, progress=display)
        display.finish(target.name)


def _check_frameworks(config: AuditConfig) -> None:
    known = {f.id for f in load_catalog()}
    unknown = sorted(set(config.frameworks or ()) - known)
    if unknown:
        raise ConfigError(f"frameworks: unknown id(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    stray = sorted(set(config.attestations) - set(all_requirements()))
    if stray:
        raise ConfigError(f"attestations: no requirement with id {', '.join(stray)} (see `accord catalog list`)")


def render_run(store: Store, run_id: str) -> Report:
    """Build the report of a run from the store alone, so any past run can be re-rendered."""
    row = store.get_run(run_id)
    config = parse_config(json.loads(row.config_json), source=f"run {row.id}")
    records = list(store.items(run_id))
    as_of = config.profile.as_of or dt.date.fromisoformat(row.created_at[:10])
    scope = applicable(load_catalog(), config.profile, as_of, only=config.frameworks)
    metrics: list[Metric] = []
    verdicts = []
    planned: dict[tuple[str, str], int] = {}
    for target in config.targets:
        own: list[ItemRecord] = [r for r in records if r.target == target.name]
        target_metrics = []
        for check in CHAT_CHECKS.values():
            planned[(target.name, check.id)] = len(store.plan(run_id, target.name, check.id))
            target_metrics += check.compute_metrics(target.name, (r for r in own if r.check == check.id))
        metrics += target_metrics
        verdicts += evaluate(scope, target.name, target_metrics, config.attestations)
    taxonomy = load_taxonomy()
    frameworks = [FrameworkInfo(id=f.id, title=f.title, jurisdiction=f.jurisdiction, document=f.document,
                                status=f.status) for f in load_catalog()
                  if config.frameworks is None or f.id in config.frameworks]
    return build_report(
        row=row, config=config, records=records, metrics=metrics, planned=planned, verdicts=verdicts,
        judges=[_judge_row(j) for j in refusal_judge_accuracy()], concerns={c.id: c.name_en for c in taxonomy.values()},
        check_titles={c.id: c.title for c in CHAT_CHECKS.values()}, frameworks=frameworks,
        hub_of={c: hub_of(c, taxonomy) for c in taxonomy},
    )


def _judge_row(j: JudgeMeasurement) -> JudgeAccuracy:
    a = j.accuracy
    return JudgeAccuracy(judge=j.judge, language=j.language, n=a.n, accuracy=a.rate or 0.0, low=a.low,
                         high=a.high, dataset=j.dataset)


def exit_code_for(report: Report) -> int:
    incomplete = any(c.errors or c.not_run for t in report.targets for c in t.checks)
    if incomplete:
        return EXIT_RUN_FAILED
    return EXIT_NOT_MET if any(v.verdict == "not met" for v in report.verdicts) else EXIT_OK


__all__ = ["AccordError", "AuditOptions", "AuditOutcome", "run_audit", "render_run", "exit_code_for"]
