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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from accord.catalog import Verdict, applicable, evaluate, load_catalog
from accord.checks import ChatCheck, ComputedCheck, registered_checks
from accord.config import AuditConfig
from accord.errors import AccordError
from accord.plugins import parse_config
from accord.report.build import build_report
from accord.report.html import write_report
from accord.report.schema import FrameworkInfo, JudgeAccuracy, Report
from accord.results import Metric
from accord.run.plan import RunRequest, open_run
from accord.run.runner import ProgressDisplay, run_planned
from accord.run.store import Store
from accord.scorers.accuracy import DATASETS, JudgeMeasurement, offline_judge_accuracy
from accord.taxonomy import hubs, load_taxonomy

EXIT_OK, EXIT_NOT_MET, EXIT_USAGE, EXIT_RUN_FAILED = 0, 1, 2, 3


@dataclass(frozen=True)
class AuditOptions:
    out: Path = Path("accord-report")
    limit: int | None = None
    sample: int | None = None
    seed: int = 0
    resume: str | None = None
    new: bool = False

    @property
    def request(self) -> RunRequest:
        return RunRequest(limit=self.limit, sample=self.sample, seed=self.seed, resume=self.resume, new=self.new)


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
    run = open_run(config, options.request, store)
    asyncio.run(run_planned(run.config, run.id, run.options.selection, store, progress()))
    store.set_status(run.id, "finished")
    report = render_run(store, run.id)
    json_path, html_path = write_report(report, options.out)
    return AuditOutcome(run.id, run.resumed, report, json_path, html_path, exit_code_for(report))


@dataclass(frozen=True)
class Evaluation:
    config: AuditConfig
    metrics: list[Metric]
    verdicts: list[Verdict]


def evaluate_run(store: Store, run_id: str) -> Evaluation:
    """Each target's metrics from its stored records and outputs, and the verdicts of the requirements that
    apply to it (judged against the run's creation date unless its profile names another)."""
    row = store.get_run(run_id)
    config = parse_config(json.loads(row.config_json), source=f"run {row.id}")
    records = list(store.items(run_id))
    outputs = store.outputs(run_id)
    checks = registered_checks()
    started = dt.date.fromisoformat(row.created_at[:10])
    metrics: list[Metric] = []
    verdicts: list[Verdict] = []
    for target in config.targets:
        own: list[Metric] = []
        for (name, check_id) in store.planned(run_id):
            check = checks.get(check_id)
            if name != target.name or check is None:
                continue
            if isinstance(check, ChatCheck):
                own += check.compute_metrics(name, (r for r in records if r.target == name and r.check == check_id))
            else:
                own += [m for o in outputs if o.target == name and o.check == check_id and o.status == "ok"
                        for m in o.metrics]
        metrics += own
        profile = config.profile_for(target)
        scope = applicable(load_catalog(), profile, profile.as_of or started, only=config.frameworks)
        verdicts += evaluate(scope, target.name, own, config.attestations)
    return Evaluation(config, metrics, verdicts)


def render_run(store: Store, run_id: str) -> Report:
    """Build the report of a run from the store alone, so any past run can be re-rendered."""
    evaluation = evaluate_run(store, run_id)
    config = evaluation.config
    checks = registered_checks()
    frameworks = [FrameworkInfo(id=f.id, title=f.title, jurisdiction=f.jurisdiction, document=f.document,
                                status=f.status) for f in load_catalog()
                  if config.frameworks is None or f.id in config.frameworks]
    return build_report(
        row=store.get_run(run_id), config=config, records=list(store.items(run_id)), outputs=store.outputs(run_id),
        metrics=evaluation.metrics, planned=store.planned(run_id), verdicts=evaluation.verdicts,
        judges=[_judge_row(j) for j in offline_judge_accuracy(datasets=DATASETS)],
        concerns={c.id: c.name_en for c in load_taxonomy().values()},
        check_titles={c.id: c.title for c in checks.values()},
        computed={c.id for c in checks.values() if isinstance(c, ComputedCheck)}, frameworks=frameworks,
        hub_of=hubs(),
    )


def _judge_row(j: JudgeMeasurement) -> JudgeAccuracy:
    a, c = j.accuracy, j.confusion
    return JudgeAccuracy(judge=j.judge, language=j.language, n=a.n, accuracy=a.rate or 0.0, low=a.low,
                         high=a.high, dataset=j.dataset, split=j.split, precision=c.precision, recall=c.recall,
                         kappa=c.kappa, unparsed=j.unparsed)


def exit_code_for(report: Report) -> int:
    incomplete = any(c.errors or c.not_run for t in report.targets for c in t.checks)
    incomplete = incomplete or not any(t.checks for t in report.targets)
    if incomplete:
        return EXIT_RUN_FAILED
    return EXIT_NOT_MET if any(v.verdict == "not met" for v in report.verdicts) else EXIT_OK


__all__ = ["AccordError", "AuditOptions", "AuditOutcome", "Evaluation", "evaluate_run", "exit_code_for",
           "render_run", "run_audit"]
