"""`accord import inspect|garak|promptfoo FILE`: another tool's transcripts as Accord evidence.

The answers the tool recorded are judged by Accord's own judges (the tool's own verdicts kept beside them), stored
as a run whose target names the tool, its version and the file's SHA-256, and reported with verdicts like an
audit's. Exit codes as `accord audit`: 0, 1 (some requirement not met), 2 (the file or an option is wrong),
3 (some items had no answer), 4 (inconclusive).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import_app = typer.Typer(no_args_is_help=True, help="Import another tool's results (Inspect AI, garak, promptfoo) "
                         "as evidence, judged by Accord's own judges.")

FileArg = Annotated[Path, typer.Argument(help="the tool's file")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="accord.toml whose profile, frameworks and judge "
                                                "settings apply (default: the embedded default's)")]
AsOpt = Annotated[str | None, typer.Option("--as", help="the kind of every item in the file (harmful, benign, "
                                           "attack) instead of the mapping's rules")]
NameOpt = Annotated[str | None, typer.Option(help="the imported system's target name (default TOOL-import)")]
OutOpt = Annotated[Path, typer.Option(help="folder for report.json and report.html")]
StoreOpt = Annotated[Path | None, typer.Option(help="results database (default .accord/accord.db)")]


@import_app.command("inspect")
def inspect(log: FileArg, config: ConfigOpt = None, as_kind: AsOpt = None, name: NameOpt = None,
            out: OutOpt = Path("accord-report"), store: StoreOpt = None) -> None:
    """An Inspect AI eval log (.eval or .json), read with inspect_ai's own reader."""
    _import("inspect", log, config, as_kind, name, out, store)


@import_app.command("garak")
def garak(report: FileArg, config: ConfigOpt = None, as_kind: AsOpt = None, name: NameOpt = None,
          out: OutOpt = Path("accord-report"), store: StoreOpt = None) -> None:
    """A garak report (report.jsonl), of a garak version Accord knows."""
    _import("garak", report, config, as_kind, name, out, store)


@import_app.command("promptfoo")
def promptfoo(results: FileArg, config: ConfigOpt = None, as_kind: AsOpt = None, name: NameOpt = None,
              out: OutOpt = Path("accord-report"), store: StoreOpt = None) -> None:
    """A promptfoo results file (`promptfoo eval -o results.json`)."""
    _import("promptfoo", results, config, as_kind, name, out, store)


def _import(tool: str, path: Path, config: Path | None, as_kind: str | None, name: str | None, out: Path,
            store: Path | None) -> None:
    from accord.imports import READERS, map_probe

    if as_kind is not None:
        map_probe(tool, "", as_kind)  # an unknown kind is refused before the file is read
    transcript = READERS[tool](path)  # a bad file is refused before the checks and judges load

    from accord.audit import exit_code_for, render_run
    from accord.cli.audit import _store
    from accord.demo.defaults import default_config
    from accord.imports.record import import_transcript
    from accord.plugins import load_config
    from accord.report.html import write_report

    # without --config: the default's profile, never its example answers (they are the demo model's, not this
    # system's)
    cfg = load_config(config) if config else default_config(answers=False).model_copy(
        update={"attestations_file": None})
    db = _store(store, config)
    try:
        outcome = import_transcript(transcript, cfg, db, as_kind=as_kind, name=name)
        report = render_run(db, outcome.run_id)
        _, html = write_report(report, out)
    finally:
        db.close()
    typer.echo(f"Imported {path.name} ({transcript.tool} {transcript.tool_version}, SHA-256 "
               f"{transcript.sha256[:16]}…) as run {outcome.run_id}, target {outcome.target}:")
    for check, n in outcome.counted.items():
        typer.echo(f"  {check}: {n} items judged by Accord")
    for probe, n in sorted(outcome.unmapped.items()):
        typer.echo(f"  unmapped: {probe} ({n} items, counted nowhere; name their kind with --as)")
    if outcome.without_answer:
        typer.echo(f"  {outcome.without_answer} items had no answer in the file (recorded as errors)")
    counts: dict[str, int] = {}
    for v in report.verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    typer.echo("  requirements: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    typer.echo(f"Report: {html}")
    raise typer.Exit(exit_code_for(report))
