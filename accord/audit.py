"""The audit use case in a page: plan → run → evaluate → render. The only module that knows every layer.

    open_run      (run/plan.py)    resume, selection, dedupe, run creation
    run_planned   (run/runner.py)  every planned item sent, scored and stored as it finishes
    evaluate_run  (here)           metrics from the stored records, verdicts from the catalog
    render_run    (here)           the report, built from the store alone
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from accord.attest.answers import with_answers_from
from accord.catalog import Verdict, applicable, evaluate, load_catalog
from accord.checks import ChatCheck, ComputedCheck, registered_checks
from accord.config import AuditConfig
from accord.errors import AccordError
from accord.plugins import parse_config
from accord.report.build import build_report
from accord.report.html import write_report
from accord.report.schema import FrameworkInfo, JudgeAccuracy, Report
from accord.results import CheckOutputRecord, ItemRecord, Metric, RunRow
from accord.run.judged import with_judges
from accord.run.judges import JudgeRecord, recorded_judges
from accord.run.plan import RunRequest, open_run
from accord.run.runner import ProgressDisplay, run_planned
from accord.run.store import Store
from accord.stats import wilson
from accord.taxonomy import hubs, load_taxonomy

EXIT_OK, EXIT_NOT_MET, EXIT_USAGE, EXIT_RUN_FAILED, EXIT_INCONCLUSIVE = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class AuditOptions(RunRequest):
    """What to run (a `RunRequest`: quick-look selection, resume, new) and where to write the report."""

    out: Path = Path("accord-report")


@dataclass(frozen=True)
class AuditOutcome:
    run_id: str
    resumed: bool
    report: Report
    json_path: Path
    html_path: Path
    exit_code: int
    throughput: list[str]  # per target: items sent, wall time, items per second; then the whole audit's wall time


def run_audit(config: AuditConfig, options: AuditOptions, store: Store,
              progress: Callable[[], ProgressDisplay]) -> AuditOutcome:
    run = open_run(config, options, store)
    display = progress()
    try:
        asyncio.run(run_planned(run.config, run.id, run.options.selection, store, display))
    finally:
        throughput = display.summary()
    store.set_status(run.id, "finished")
    report = render_run(store, run.id)
    json_path, html_path = write_report(report, options.out)
    return AuditOutcome(run.id, run.resumed, report, json_path, html_path, exit_code_for(report), throughput)


@dataclass(frozen=True)
class Evaluation:
    config: AuditConfig
    metrics: list[Metric]
    verdicts: list[Verdict]


def evaluate_run(store: Store, run_id: str, answers: Path | None = None) -> Evaluation:
    """Each target's metrics from its stored records and outputs, and the verdicts of the requirements that
    apply to it (judged against the run's creation date unless its profile names another). With `answers`, the
    attestations file's answers as they stand today replace those stored with the run (and hold if still valid
    today)."""
    row = store.get_run(run_id)
    return evaluate_records(row, store.planned(run_id), list(store.items(run_id)), store.outputs(run_id),
                            recorded_judges(store, run_id), answers)  # judges as measured when the run was made


def evaluate_records(row: RunRow, planned: Iterable[tuple[str, str]], records: list[ItemRecord],
                     outputs: list[CheckOutputRecord], judges: list[JudgeRecord],
                     answers: Path | None = None) -> Evaluation:
    """`evaluate_run` on a run's records wherever they come from (the store, or a result bundle)."""
    config = parse_config(json.loads(row.config_json), source=f"run {row.id}")
    if answers is not None:
        config = with_answers_from(config, answers)
    checks = registered_checks()
    started = dt.date.fromisoformat(row.created_at[:10])
    metrics: list[Metric] = []
    verdicts: list[Verdict] = []
    for target in config.targets:
        own: list[Metric] = []
        for (name, check_id) in planned:
            check = checks.get(check_id)
            if name != target.name or check is None:
                continue
            if isinstance(check, ChatCheck):
                mine = [r for r in records if r.target == name and r.check == check_id]
                own += with_judges(check.compute_metrics(name, mine), mine, judges)
            else:
                own += [m for o in outputs if o.target == name and o.check == check_id and o.status == "ok"
                        for m in o.metrics]
        metrics += own
        profile = config.profile_for(target)
        scope = applicable(load_catalog(), profile, profile.as_of or started, only=config.frameworks)
        day = dt.date.today() if answers is not None else profile.as_of or started
        verdicts += evaluate(scope, target.name, own, config.attestations, day)
    return Evaluation(config, metrics, verdicts)


def render_run(store: Store, run_id: str, answers: Path | None = None) -> Report:
    """Build the report of a run from the store alone, so any past run can be re-rendered (with `answers`: with
    today's answers from that attestations file)."""
    row, planned, judges = store.get_run(run_id), store.planned(run_id), recorded_judges(store, run_id)
    records, outputs = list(store.items(run_id)), store.outputs(run_id)
    evaluation = evaluate_records(row, planned, records, outputs, judges, answers)  # each read once
    config = evaluation.config
    checks = registered_checks()
    frameworks = [FrameworkInfo(id=f.id, title=f.title, jurisdiction=f.jurisdiction, document=f.document,
                                status=f.status, superseded=f.superseded_text()) for f in load_catalog()
                  if config.frameworks is None or f.id in config.frameworks]
    return build_report(
        row=row, config=config, records=records, outputs=outputs, metrics=evaluation.metrics, planned=planned,
        verdicts=evaluation.verdicts, judges=judge_table(judges),
        concerns={c.id: c.name_en for c in load_taxonomy().values()},
        check_titles={c.id: c.title for c in checks.values()},
        computed={c.id for c in checks.values() if isinstance(c, ComputedCheck)}, frameworks=frameworks,
        hub_of=hubs(),
    )


def judge_table(recorded: Iterable[JudgeRecord]) -> list[JudgeAccuracy]:
    """The report's judge table, from the figures recorded with the run."""
    out = []
    for r in recorded:
        c = r.confusion
        a = wilson(c.tp + c.tn, c.n)
        out.append(JudgeAccuracy(judge=r.judge, language=r.language, n=c.n, accuracy=a.rate or 0.0, low=a.low,
                                 high=a.high, dataset=r.dataset, split=r.split, precision=c.precision,
                                 recall=c.recall, kappa=c.kappa, unparsed=r.unparsed,
                                 specificity=c.tn / (c.tn + c.fp) if c.tn + c.fp else None,
                                 labelled_sha256=r.labelled_sha256, measured_at=r.measured_at))
    return out


def exit_code_for(report: Report) -> int:
    incomplete = any(c.errors or c.not_run for t in report.targets for c in t.checks)
    incomplete = incomplete or not any(t.checks for t in report.targets)
    if incomplete:
        return EXIT_RUN_FAILED
    if any(v.verdict in ("not met", "contradicted") for v in report.verdicts):
        return EXIT_NOT_MET
    return EXIT_INCONCLUSIVE if any(v.verdict == "inconclusive" for v in report.verdicts) else EXIT_OK


__all__ = ["AccordError", "AuditOptions", "AuditOutcome", "Evaluation", "evaluate_records", "evaluate_run",
           "exit_code_for", "render_run", "run_audit"]
