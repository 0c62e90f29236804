"""`accord catalog ...`: browse the requirements, see which apply to your system, the crosswalk, and export."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from accord.catalog import all_requirements, applicable, load_catalog
from accord.catalog.crosswalk import crosswalk, requirement_record
from accord.catalog.model import Framework, Requirement
from accord.errors import ConfigError
from accord.taxonomy import load_taxonomy

catalog_app = typer.Typer(no_args_is_help=True, help="The requirements Accord assesses against, as data.")


class Fmt(StrEnum):
    text = "text"
    json = "json"


class ExportFmt(StrEnum):
    cyclonedx = "cyclonedx"


class CrossFmt(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"


AS_OF_HELP = "date to evaluate application dates against, YYYY-MM-DD (default: the profile's as_of, else today)"
CROSS_HELP = "text, csv (one row per concern × requirement) or json"
FormatOpt = Annotated[Fmt, typer.Option("--format", help="text for people, json for programs")]


def _emit_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _rule_text(req: Requirement) -> str:
    if req.evidence:
        e = req.evidence
        return f"evidence: {e.metric} {e.op} {e.threshold:g} (n >= {e.min_n})"
    if req.parts:
        return "parts: " + ", ".join(req.parts)
    return f"attestation: {req.attestation}"


def _frameworks(framework: str | None) -> Sequence[Framework]:
    frameworks = load_catalog()
    if framework is None:
        return frameworks
    chosen = [f for f in frameworks if f.id == framework]
    if not chosen:
        raise ConfigError(f"no framework {framework!r}; known: {', '.join(f.id for f in frameworks)}")
    return chosen


@catalog_app.command("list")
def list_cmd(
    framework: Annotated[str | None, typer.Option(help="only this framework id")] = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """List every requirement: id, citation, confidence and how it is evidenced."""
    frameworks = _frameworks(framework)
    if fmt is Fmt.json:
        _emit_json([requirement_record(r) for f in frameworks for r in f.requirements])
        return
    for f in frameworks:
        typer.echo(f"{f.id}  {f.title}  [{f.jurisdiction}, {f.status}, {len(f.requirements)} requirements]")
        if (superseded := f.superseded_text()) is not None:
            typer.echo(f"  ({superseded})")
        for r in f.requirements:
            kind = "evidence" if r.evidence else "parts" if r.parts else "attestation"
            typer.echo(f"  {r.id:44} {kind:11} {r.confidence:10} {r.citation}")


@catalog_app.command("show")
def show_cmd(req_id: Annotated[str, typer.Argument(metavar="ID", help="a requirement id")],
             fmt: FormatOpt = Fmt.text) -> None:
    """Show one requirement in full."""
    reqs = all_requirements()
    req = reqs.get(req_id)
    if req is None:
        close = difflib.get_close_matches(req_id, list(reqs), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `accord catalog list`"
        raise ConfigError(f"no requirement {req_id!r}{hint}")
    if fmt is Fmt.json:
        _emit_json(requirement_record(req))
        return
    taxonomy = load_taxonomy()
    lines = [
        req.id, f"  citation:    {req.citation}", f"  summary:     {req.summary}",
        f"  concerns:    {', '.join(f'{c} ({taxonomy[c].name_en})' for c in req.concerns)}",
        f"  confidence:  {req.confidence}", f"  {_rule_text(req)}",
    ]
    conditions = [f"{c.field} {c.op} {c.value}" for c in req.applies_when.all]
    if req.applies_when.any:
        conditions.append("any of: " + "; ".join(f"{c.field} {c.op} {c.value}" for c in req.applies_when.any))
    if conditions:
        lines.append(f"  applies when: {' and '.join(conditions)}")
    if req.applies_from:
        lines.append(f"  applies from: {req.applies_from.isoformat()} ({req.applies_from_basis})")
    lines += [f"  {c.status} change: from {c.applies_from.isoformat()} ({c.basis})" for c in req.date_changes]
    if req.note:
        lines.append(f"  note:        {req.note}")
    framework = next(f for f in load_catalog() if f.id == req.framework)
    if (superseded := framework.superseded_text()) is not None:
        lines.append(f"  framework:   {framework.id} is {superseded}")
    typer.echo("\n".join(lines))


@catalog_app.command("applicable")
def applicable_cmd(
    config: Annotated[Path | None, typer.Argument(help="accord.toml with a [profile]; omit for the default")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=AS_OF_HELP)] = None,
    target: Annotated[str | None, typer.Option(help="a target whose own [targets.profile] facts replace the "
                                                    "shared ones (default: the shared [profile])")] = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """Which requirements apply to the system CONFIG describes, and why; and which don't, and why not."""
    from accord.demo.defaults import default_config
    from accord.plugins import load_config

    cfg = load_config(config) if config else default_config()
    chosen = [t for t in cfg.targets if t.name == target]
    if target is not None and not chosen:
        raise ConfigError(f"no target {target!r}; targets: {', '.join(t.name for t in cfg.targets)}")
    profile = cfg.profile_for(chosen[0]) if chosen else cfg.profile
    try:
        day = dt.date.fromisoformat(as_of) if as_of else profile.as_of or dt.date.today()
    except ValueError:
        raise ConfigError(f"--as-of {as_of!r} is not a date like 2026-08-02") from None
    items = applicable(load_catalog(), profile, day, only=cfg.frameworks)
    if fmt is Fmt.json:
        _emit_json({"as_of": day.isoformat(), "target": target, "requirements": [
            {"id": a.requirement.id, "framework": a.requirement.framework, "status": a.status,
             "reasons": list(a.reasons)} for a in items]})
        return
    for status in ("applies", "may apply", "does not apply"):
        group = [a for a in items if a.status == status]
        typer.echo(f"{status.upper()} ({len(group)}), as of {day.isoformat()}:")
        for a in group:
            typer.echo(f"  {a.requirement.id:44} {'; '.join(a.reasons)}")
    if any(a.status == "may apply" for a in items):
        typer.echo("Describe your system in the config's [profile] table to settle the ones that may apply.")
    own = [t.name for t in cfg.targets if t.profile is not None and t.name != target]
    if own:
        typer.echo(f"Targets with facts of their own: {', '.join(own)} (see them with --target NAME).")


@catalog_app.command("crosswalk")
def crosswalk_cmd(
    fmt: Annotated[CrossFmt, typer.Option("--format", help=CROSS_HELP)] = CrossFmt.text,
) -> None:
    """For each concern, which requirements of which frameworks it touches."""
    rows = crosswalk(load_catalog(), load_taxonomy())
    if fmt is CrossFmt.json:
        _emit_json([{"concern": r.concern.id, "name_en": r.concern.name_en, "name_zh": r.concern.name_zh,
                     "frameworks": {f: [q.id for q in reqs] for f, reqs in r.by_framework.items()}} for r in rows])
    elif fmt is CrossFmt.csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["concern", "concern_name", "framework", "requirement", "citation", "confidence"])
        for r in rows:
            for f, reqs in r.by_framework.items():
                for q in reqs:
                    out.writerow([r.concern.id, r.concern.name_en, f, q.id, q.citation, q.confidence])
    else:
        for r in rows:
            total = sum(len(v) for v in r.by_framework.values())
            typer.echo(f"{r.concern.id} — {r.concern.name_en} / {r.concern.name_zh} ({total} requirements)")
            for f, reqs in r.by_framework.items():
                typer.echo(f"  {f:28} {', '.join(q.id.split(':', 1)[1] for q in reqs)}")


@catalog_app.command("export")
def export_cmd(
    fmt: Annotated[ExportFmt, typer.Option("--format", help="cyclonedx: a CycloneDX 1.6 document whose "
                                                           "definitions.standards hold every framework")] =
    ExportFmt.cyclonedx,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="write here instead of stdout")] = None,
    framework: Annotated[str | None, typer.Option(help="only this framework id")] = None,
) -> None:
    """Export the catalog's frameworks and requirements as CycloneDX 1.6 standards."""
    from accord.report.cyclonedx import catalog_document

    text = json.dumps(catalog_document(_frameworks(framework)), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"Catalog ({fmt.value}): {output}")
