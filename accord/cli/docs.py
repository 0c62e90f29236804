"""`accord docs check`: documentation read against the elements a rule asks for (docs/attest.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

docs_app = typer.Typer(no_args_is_help=True, help="Your documentation against what each rule asks it to contain.")


@docs_app.command("check")
def check(
    files: Annotated[list[Path], typer.Argument(help="model cards or technical documentation: Markdown (with YAML "
                                                "front matter), plain text, CycloneDX ML-BOM JSON, PDF")],
    requirement: Annotated[list[str] | None, typer.Option("--requirement", "-r",
                                                          help="only this rule (repeatable)")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """For each element a rule asks documentation to contain: found (and where), unclear or missing. This says
    whether an element is there, never whether what it says is true or enough."""
    from accord.attest.documents import check_documents
    from accord.catalog.model import all_requirements
    from accord.errors import ConfigError

    if fmt not in ("text", "json"):
        raise ConfigError(f"--format: {fmt!r} is not one of text, json")
    checked = check_documents(files, requirement or None)
    citations = all_requirements()
    rows = checked.rows
    if fmt == "json":
        typer.echo(json.dumps({"unread": [asdict(u) for u in checked.unread], "elements": [asdict(r) for r in rows]},
                              ensure_ascii=False, indent=2))
        return
    for u in checked.unread:
        typer.echo(f"NOT READ {u.file}: {u.reason}")
    current = None
    for r in rows:
        if r.requirement != current:
            current = r.requirement
            typer.echo(f"{r.requirement}  ({citations[r.requirement].citation})")
        said = [x for x, on in (("where applicable", r.where_applicable),
                                (f"source {r.confidence}", r.confidence != "verified")) if on]
        typer.echo(f"  {r.state.upper():8} {r.element}: {r.where}" + (f" [{'; '.join(said)}]" if said else ""))
    counts = {s: sum(1 for r in rows if r.state == s) for s in ("found", "unclear", "missing")}
    typer.echo(", ".join(f"{n} {s}" for s, n in counts.items()) + " (presence only, not truth)")
