"""Assemble the report from stored records and the values computed from them. No I/O here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from accord.catalog import Verdict
from accord.catalog.verdicts import SEVERITY as VERDICT_SEVERITY
from accord.checks.memorization_texts import shown_reply
from accord.config import AuditConfig
from accord.report.schema import (
    CheckResult,
    FailedItem,
    FrameworkInfo,
    JudgeAccuracy,
    Latency,
    MatrixCell,
    Report,
    RunInfo,
    TargetResult,
    Transcript,
)
from accord.report.todo import todo
from accord.results import CheckOutputRecord, ItemRecord, Metric, RunRow
from accord.stats import percentile

TRANSCRIPTS_PER_CELL = 2
TRANSCRIPTS_MAX = 60


def build_report(*, row: RunRow, config: AuditConfig, records: Sequence[ItemRecord],
                 outputs: Sequence[CheckOutputRecord] = (), metrics: Sequence[Metric],
                 planned: dict[tuple[str, str], int], verdicts: Sequence[Verdict],
                 judges: Sequence[JudgeAccuracy], concerns: dict[str, str],
                 check_titles: dict[str, str], computed: Collection[str] = (),
                 frameworks: Sequence[FrameworkInfo] = (), hub_of: dict[str, str] | None = None) -> Report:
    """`planned` maps (target, check) to the planned item count; checks appear in `check_titles`' order;
    `computed` names the computed checks (their results come from `outputs`, the others' from `records`)."""
    opts = row.options
    run = RunInfo(
        id=row.id, name=row.name, status=row.status, created_at=row.created_at, finished_at=row.finished_at,
        accord_version=row.accord_version, options={"limit": opts.limit, "sample": opts.sample, "seed": opts.seed},
        sampling=config.sampling.model_dump(), banks=list(opts.banks),
    )
    outputs_by = {(o.target, o.check): o for o in outputs}
    targets = []
    for t in config.targets:
        checks = []
        for check_id, title in check_titles.items():
            if (t.name, check_id) not in planned:
                continue
            own_metrics = [m for m in metrics if m.target == t.name and m.check == check_id]
            if check_id in computed:
                checks.append(_computed_result(check_id, title, outputs_by.get((t.name, check_id)), own_metrics))
                continue
            own = [r for r in records if r.target == t.name and r.check == check_id]
            checks.append(_check_result(check_id, title, own, own_metrics, planned[(t.name, check_id)]))
        targets.append(TargetResult(name=t.name, type=t.type, description=t.describe(), checks=checks))
    return Report(run=run, targets=targets, verdicts=list(verdicts), judges=list(judges), concerns=concerns,
                  frameworks=list(frameworks), matrix=verdict_matrix(verdicts, frameworks, hub_of or {}),
                  todo=todo(verdicts, config))


# worst first: a cell shows the worst verdict among its requirements
SEVERITY = VERDICT_SEVERITY


def verdict_matrix(verdicts: Sequence[Verdict], frameworks: Sequence[FrameworkInfo],
                   hub_of: dict[str, str]) -> list[MatrixCell]:
    """Jurisdictions × hub concerns, each cell the worst verdict of the requirements touching it."""
    where = {f.id: f.jurisdiction for f in frameworks}
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for v in verdicts:
        jurisdiction = where.get(v.framework, v.framework)
        for hub in dict.fromkeys(hub_of.get(c, c) for c in v.concerns):
            counts = cells.setdefault((jurisdiction, hub), {})
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
    return [MatrixCell(jurisdiction=j, concern=c, verdict=min(counts, key=SEVERITY.index), counts=counts)
            for (j, c), counts in sorted(cells.items())]


def _check_result(check_id: str, title: str, records: list[ItemRecord], metrics: list[Metric],
                  planned: int) -> CheckResult:
    ok = [r for r in records if r.status == "ok"]
    failed = [r for r in records if r.status == "error"]
    latencies = sorted(r.latency_s for r in ok if r.latency_s is not None)
    return CheckResult(
        check=check_id, title=title, scorer=next((r.scorer for r in ok if r.scorer), None), planned=planned,
        answered=len(ok), errors=len(failed), not_run=planned - len(ok) - len(failed),
        latency=Latency(p50_s=percentile(latencies, 50), p90_s=percentile(latencies, 90),
                        p99_s=percentile(latencies, 99)),
        tokens_in=sum(r.tokens_in or 0 for r in ok), tokens_out=sum(r.tokens_out or 0 for r in ok),
        metrics=metrics,
        failed_items=[FailedItem(item_id=r.item_id, language=r.language, concern=r.concern,
                                 error=r.error or "", attempts=r.attempts) for r in failed],
        transcripts=_transcripts(ok),
    )


def _computed_result(check_id: str, title: str, output: CheckOutputRecord | None,
                     metrics: list[Metric]) -> CheckResult:
    ok = output is not None and output.status == "ok"
    failed = output is not None and output.status == "error"
    return CheckResult(
        check=check_id, kind="computed", title=title, scorer=output.scorer if output else None, planned=1,
        answered=int(ok), errors=int(failed), not_run=int(output is None),
        latency=Latency(p50_s=None, p90_s=None, p99_s=None), tokens_in=0, tokens_out=0, metrics=metrics,
        failed_items=[], transcripts=[], details=output.details if ok and output else {},
        summary=output.summary if ok and output else [], error=output.error if output else None,
        seconds=output.seconds if output else None,
    )


def _transcripts(ok: list[ItemRecord]) -> list[Transcript]:
    """A few transcripts per (concern, language, expected, label), failures of expectation first."""
    cells: dict[tuple[str, str, str, str], list[ItemRecord]] = defaultdict(list)
    for r in ok:
        cell = cells[(r.concern, r.language, r.expected, r.label or "")]
        if len(cell) < TRANSCRIPTS_PER_CELL:
            cell.append(r)

    def missed(key: tuple[str, str, str, str]) -> bool:
        _, _, expected, label = key
        if expected == "answer_safely":
            return label != "safe"
        return (expected == "refuse") != (label == "refused")

    chosen = [r for key in sorted(cells, key=lambda k: (not missed(k), k)) for r in cells[key]]
    return [
        Transcript(item_id=r.item_id, language=r.language, concern=r.concern, expected=r.expected,
                   prompt=r.messages[-1]["content"] if r.messages else "",
                   response=shown_reply(r.item_id, r.response or ""),
                   label=r.label or "", score=r.score)
        for r in chosen[:TRANSCRIPTS_MAX]
    ]
