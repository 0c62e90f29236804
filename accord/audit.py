"""The audit use case: plan → execute → evaluate → render. The only module that knows every layer."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from accord import __version__
from accord.catalog import all_requirements, applicable, evaluate, load_catalog, load_taxonomy
from accord.catalog.crosswalk import hub_of
from accord.checks import ChatCheck, ComputedCheck, Selection, chat_checks, computed_checks, registered_checks
from accord.checks.base import check_session
from accord.config import AuditConfig, LocalTarget, OpenAITarget, PythonTarget, TargetBase, parse_config
from accord.errors import AccordError, ConfigError
from accord.probes import Probe
from accord.report.build import build_report
from accord.report.html import write_report
from accord.report.schema import FrameworkInfo, Report
from accord.results import CheckOutputRecord, Metric
from accord.run.executor import Progress, RetryPolicy, execute
from accord.run.judged import with_judges
from accord.run.judges import judge_table, record_judges, recorded_judges
from accord.run.store import Store, now
from accord.targets import ChatTarget, build_target

EXIT_OK, EXIT_NOT_MET, EXIT_USAGE, EXIT_RUN_FAILED, EXIT_INCONCLUSIVE = 0, 1, 2, 3, 4


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
    selection = Selection(limit=run_opts.get("limit"), sample=run_opts.get("sample"), seed=run_opts.get("seed", 0))
    asyncio.run(_execute_run(config, run_id, store, progress(), selection))
    store.set_status(run_id, "finished")
    report = render_run(store, run_id)
    json_path, html_path = write_report(report, options.out)
    return AuditOutcome(run_id, resumed, report, json_path, html_path, exit_code_for(report))


OUTPUT_ITEM = "output"  # the one planned item of a computed check


def _open_run(config: AuditConfig, options: AuditOptions, store: Store) -> tuple[str, AuditConfig, bool]:
    """Pick the run: the one named by --resume, else an unfinished run of the same command, else a new one."""
    if options.resume:
        row = store.get_run(options.resume)
        return row.id, parse_config(json.loads(row.config_json), source=f"run {row.id}"), True
    _check_frameworks(config)
    chat_targets = [t for t in config.targets if t.family == "chat"]
    chat = [c for c in chat_checks() if c.enabled(config)] if chat_targets else []
    banks = {c.id: c.banks(config) for c in chat}
    opts = {**options.key_fields(),
            "banks": [f"{b.name}@{b.version}#{b.digest}" for bs in banks.values() for b in bs]}
    config_json = config.model_dump_json()
    key = hashlib.sha256((config_json + json.dumps(opts, sort_keys=True)).encode()).hexdigest()[:16]
    existing = None if options.new else store.latest_unfinished(key)
    if existing:
        return existing, config, True
    selection = Selection(limit=options.limit, sample=options.sample, seed=options.seed)
    plan: list[tuple[str, str, list[tuple[str, str]]]] = []
    for check in chat:
        items = [(p.id, p.model_dump_json()) for p in check.plan(banks[check.id], config, selection)]
        plan += [(t.name, check.id, items) for t in chat_targets]
    for computed in computed_checks():
        plan += [(t.name, computed.id, [(OUTPUT_ITEM, "{}")]) for t in config.targets
                 if computed.applies_to(t, config)]
    if not plan:
        raise ConfigError("no check applies to the targets in this config: enable a check that measures them")
    run_id = store.create_run(key, config.name, config_json, json.dumps(opts), __version__, plan)
    record_judges(store, run_id)  # the judges' accuracy as it stands now, shown whenever this run is rendered
    return run_id, config, False


async def _execute_run(config: AuditConfig, run_id: str, store: Store, display: ProgressDisplay,
                       selection: Selection) -> None:
    planned = store.planned(run_id)
    checks = registered_checks()
    by_name = {t.name: t for t in config.targets}
    chat_names = list(dict.fromkeys(t for (t, c) in planned if isinstance(checks.get(c), ChatCheck)))
    targets: list[ChatTarget] = []
    try:
        for name in chat_names:  # open every chat target first: fail fast, before any work
            target = build_target(by_name[name])
            await target.open()
            targets.append(target)
        await asyncio.gather(
            *(_execute_target(t, by_name[t.name], config, run_id, store, display) for t in targets),
            *(_execute_computed(check, by_name[t], config, run_id, store, display, selection)
              for (t, c) in planned if isinstance(check := checks.get(c), ComputedCheck)),
        )
    finally:
        for t in targets:
            await t.aclose()


async def _execute_target(target: ChatTarget, target_config: TargetBase, config: AuditConfig, run_id: str,
                          store: Store, display: ProgressDisplay) -> None:
    limits = cast(OpenAITarget | LocalTarget | PythonTarget, target_config)
    for check in chat_checks():
        plan = store.plan(run_id, target.name, check.id)
        if not plan:
            continue
        done = store.done_ids(run_id, target.name, check.id)
        todo = [Probe.model_validate_json(payload) for item_id, payload in plan if item_id not in done]
        label = f"{target.name} / {check.id}"
        display.start(label, len(plan), len(plan) - len(todo))
        async with check_session(check, config) as live:  # e.g. opens the check's judge model
            await execute(target, live, todo, run_id=run_id, params=config.sampling,
                          concurrency=limits.concurrency, retry=RetryPolicy(max_retries=limits.max_retries),
                          store=store, progress=display, label=label)
        display.finish(label)


async def _execute_computed(check: ComputedCheck, target: TargetBase, config: AuditConfig, run_id: str,
                            store: Store, display: ProgressDisplay, selection: Selection) -> None:
    if any(o.status == "ok" and o.target == target.name and o.check == check.id for o in store.outputs(run_id)):
        return
    label = f"{target.name} / {check.id}"
    display.start(label, 1, 0)
    started = time.perf_counter()
    common = dict(run_id=run_id, target=target.name, check=check.id, scorer=f"{check.id}@{check.version}")
    try:
        out = await asyncio.to_thread(check.run, target, config, selection)
        record = CheckOutputRecord(status="ok", metrics=out.metrics, details=out.details, summary=out.summary,
                                   seconds=time.perf_counter() - started, finished_at=now(), **common)
    except Exception as exc:  # recorded with its reason, never dropped; the audit then exits 3
        reason = str(exc) if isinstance(exc, AccordError) else f"{type(exc).__name__}: {exc}"
        record = CheckOutputRecord(status="error", error=reason, seconds=time.perf_counter() - started,
                                   finished_at=now(), **common)
    store.write_output(record)
    display.advance(label, ok=record.status == "ok")
    display.finish(label)


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
    outputs = store.outputs(run_id)
    planned = store.planned(run_id)
    checks = registered_checks()
    judges = recorded_judges(store, run_id)
    started = dt.date.fromisoformat(row.created_at[:10])
    metrics: list[Metric] = []
    verdicts = []
    for target in config.targets:
        target_metrics: list[Metric] = []
        for (name, check_id) in planned:
            check = checks.get(check_id)
            if name != target.name or check is None:
                continue
            if isinstance(check, ChatCheck):
                own = [r for r in records if r.target == name and r.check == check_id]
                target_metrics += with_judges(check.compute_metrics(name, own), own, judges)
            else:
                target_metrics += [m for o in outputs if o.target == name and o.check == check_id and o.status == "ok"
                                   for m in o.metrics]
        metrics += target_metrics
        profile = config.profile_for(target)
        scope = applicable(load_catalog(), profile, profile.as_of or started, only=config.frameworks)
        verdicts += evaluate(scope, target.name, target_metrics, config.attestations)
    taxonomy = load_taxonomy()
    frameworks = [FrameworkInfo(id=f.id, title=f.title, jurisdiction=f.jurisdiction, document=f.document,
                                status=f.status) for f in load_catalog()
                  if config.frameworks is None or f.id in config.frameworks]
    return build_report(
        row=row, config=config, records=records, outputs=outputs, metrics=metrics, planned=planned,
        verdicts=verdicts, judges=judge_table(judges),
        concerns={c.id: c.name_en for c in taxonomy.values()},
        check_titles={c.id: c.title for c in checks.values()},
        computed={c.id for c in checks.values() if isinstance(c, ComputedCheck)}, frameworks=frameworks,
        hub_of={c: hub_of(c, taxonomy) for c in taxonomy},
    )


def exit_code_for(report: Report) -> int:
    incomplete = any(c.errors or c.not_run for t in report.targets for c in t.checks)
    incomplete = incomplete or not any(t.checks for t in report.targets)
    if incomplete:
        return EXIT_RUN_FAILED
    if any(v.verdict in ("not met", "contradicted") for v in report.verdicts):
        return EXIT_NOT_MET
    return EXIT_INCONCLUSIVE if any(v.verdict == "inconclusive" for v in report.verdicts) else EXIT_OK


__all__ = ["AccordError", "AuditOptions", "AuditOutcome", "run_audit", "render_run", "exit_code_for"]
