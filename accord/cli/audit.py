"""`accord audit`, `accord report` and `accord runs`: test the systems, render a past run, list the runs.

Exit codes: 0 every check ran and no requirement is `not met`, `contradicted` or `inconclusive`; 1 some
requirement is `not met` or `contradicted`; 2 usage or configuration error; 3 the run failed (a target could
not be reached, or some items got no answer after retries: see the report, and rerun or `--resume` to retry
them); 4 no requirement is `not met`, but some is `inconclusive`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.errors import StoreError

if TYPE_CHECKING:
    from accord.run.store import Store


def _store(store: Path | None, config: Path | None, *, existing: bool = False) -> Store:
    """The results database; with `existing`, one that must already be there (commands that only read)."""
    from accord.run.store import DEFAULT_STORE, Store

    project = config.parent if config else Path.cwd()
    path = store or project / DEFAULT_STORE
    if existing and not path.exists():
        raise StoreError(f"no results database at {path}: run `accord audit` first (or pass --store)")
    return Store(path)


def audit(
    config: Annotated[Path | None, typer.Argument(help="accord.toml; omit to audit the embedded default model")] = None,
    out: Annotated[Path, typer.Option(help="folder for report.json and report.html")] = Path("accord-report"),
    limit: Annotated[int | None, typer.Option(min=1, help="run only the first N probes")] = None,
    sample: Annotated[int | None, typer.Option(min=1, help="run N probes, stratified by concern and language")] = None,
    seed: Annotated[int, typer.Option(help="seed for --sample")] = 0,
    resume: Annotated[str | None, typer.Option(help="continue the run with this id")] = None,
    new: Annotated[bool, typer.Option("--new", help="start a new run even if an unfinished one matches")] = False,
    store: Annotated[Path | None, typer.Option(help="results database (default .accord/accord.db)")] = None,
    plan: Annotated[Path | None, typer.Option(help="run exactly this plan (`accord plan`), or refuse naming what "
                                                   "differs; writes the result bundle into --out")] = None,
    junit: Annotated[Path | None, typer.Option(help="also write the verdicts as JUnit XML")] = None,
    sarif: Annotated[Path | None, typer.Option(help="also write the verdicts as SARIF 2.1.0")] = None,
) -> None:
    """Test the systems in CONFIG and write a report. Rerunning an interrupted audit continues it.

    Exit codes: 0 no requirement not met, contradicted or inconclusive; 1 some requirement not met or contradicted;
    2 usage or configuration error; 3 the run failed; 4 some requirement inconclusive (and none not met).
    """
    from accord.audit import AuditOptions, run_audit
    from accord.cli.evidence import check_plan, write_bundle, write_ci_outputs
    from accord.demo.defaults import default_config
    from accord.plugins import load_config
    from accord.progress import progress_for_terminal

    cfg = load_config(config) if config else default_config()
    frozen = check_plan(cfg, plan, limit, sample, seed) if plan else None
    if frozen:
        limit, sample, seed = frozen.selection.limit, frozen.selection.sample, frozen.selection.seed
    db = _store(store, config)
    try:
        outcome = run_audit(cfg, AuditOptions(out=out, limit=limit, sample=sample, seed=seed, resume=resume,
                                              new=new), db, progress_for_terminal)
        if frozen and plan:
            write_bundle(db, outcome.run_id, out, frozen, plan)
    finally:
        db.close()
    write_ci_outputs(outcome.report, junit, sarif, str(config or "accord.toml"))
    _summarise(outcome)
    if frozen:
        typer.echo(f"Result bundle: {out} (run as planned; sign it: accord sign {out} --key KEY)")
    raise typer.Exit(outcome.exit_code)


def _summarise(outcome) -> None:  # type: ignore[no-untyped-def]
    r = outcome.report
    verb = "resumed and finished" if outcome.resumed else "finished"
    typer.echo(f"Run {r.run.id} {verb}.")
    for t in r.targets:
        for c in t.checks:
            overall = {m.name: m for m in c.metrics if not m.slice}
            parts = [f"{c.answered}/{c.planned} answered", f"{c.errors} errors"]
            for suffix, label in ((".should_refuse_rate", "refused harmful"), (".over_refusal_rate", "refused benign"),
                                  (".pass_rate", "answers judged safe"),
                                  (".attack_success_rate", "jailbreaks not refused"),
                                  (".leak_rate", "leaked personal data")):
                m = next((m for n, m in overall.items() if n.endswith(suffix)), None)
                if m and m.value is not None:
                    parts.append(f"{label} {m.value:.1%} (n={m.n}, 95% CI {m.low:.1%}-{m.high:.1%})")
                if m and m.judge and m.judge.low is not None and m.judge.high is not None:
                    est = "undefined" if m.judge.corrected is None else f"{m.judge.corrected:.1%}"
                    parts.append(f"corrected for the judge's error {est} ({m.judge.low:.1%}-{m.judge.high:.1%})")
            if c.kind == "computed":
                parts = c.summary or ([f"error: {c.error}"] if c.error else [])
            typer.echo(f"  {t.name} / {c.check}: " + "; ".join(parts))
    counts: dict[str, int] = {}
    for v in r.verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    if counts:
        typer.echo("  requirements: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    td = r.todo
    if td is not None:
        typer.echo(f"  decided by measurement {td.measurement}, documentation {td.documentation}, attestation "
                   f"{td.attestation}; open {td.open} ({len(td.open_questions)} questions: `accord attest`)")
        if td.answers_file:
            typer.echo(f"  answers from {td.answers_file} settled {td.settled_by_file} verdicts"
                       + (" (example answers, not your system's)" if td.example else ""))
        for finding in td.evidence_findings:
            typer.echo(f"  evidence: {finding}")
    for line in outcome.throughput:
        typer.echo(f"  {line}")
    typer.echo(f"Report: {outcome.html_path}  (machine-readable: {outcome.json_path})")


def report(
    run_id: Annotated[str | None, typer.Argument(help="the run to render (default: the latest; see `accord runs`)",
                                                 show_default=False)] = None,
    out: Annotated[Path, typer.Option(help="folder for report.json and report.html")] = Path("accord-report"),
    store: Annotated[Path | None, typer.Option(help="results database (default .accord/accord.db)")] = None,
    junit: Annotated[Path | None, typer.Option(help="also write the verdicts as JUnit XML")] = None,
    sarif: Annotated[Path | None, typer.Option(help="also write the verdicts as SARIF 2.1.0")] = None,
    answers: Annotated[Path | None, typer.Option(help="an attestations file whose answers, as they stand today, "
                                                      "replace those recorded with the run")] = None,
) -> None:
    """Render the report of a past run again from the results database (the latest run unless RUN_ID is given);
    with --answers, the run's measurements with today's answers, without testing the systems again."""
    from accord.audit import render_run
    from accord.cli.evidence import write_ci_outputs
    from accord.report.html import write_report

    db = _store(store, None, existing=True)
    try:
        if run_id is None:
            known = db.runs()
            if not known:
                raise StoreError(f"no runs in {db.path} yet: run `accord audit` first")
            run_id = known[-1].id
        rendered = render_run(db, run_id, answers)
        _, html = write_report(rendered, out)
    finally:
        db.close()
    write_ci_outputs(rendered, junit, sarif, "accord.toml")
    typer.echo(f"Report: {html}")


def runs(store: Annotated[Path | None, typer.Option(help="results database")] = None) -> None:
    """List the runs in the results database."""
    db = _store(store, None, existing=True)
    try:
        for row in db.runs():
            typer.echo(f"{row.id}  {row.status:9}  {row.created_at}  {row.name}")
    finally:
        db.close()

