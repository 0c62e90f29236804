"""`accord probes ...`: the probe banks, their coverage of TC260-003's minimums, and checks of your own files."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from accord.errors import AccordError

probes_app = typer.Typer(no_args_is_help=True, help="Probe banks: what they hold and how far they cover the standards.")

TC260_BANKS = ["tc260-content", "tc260-refuse", "tc260-comply"]


class Fmt(StrEnum):
    text = "text"
    json = "json"


FormatOpt = Annotated[Fmt, typer.Option("--format", help="text for people, json for programs")]


def _fail(exc: AccordError) -> typer.Exit:
    typer.echo(f"accord: error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


@probes_app.command("list")
def list_cmd(fmt: FormatOpt = Fmt.text) -> None:
    """The built-in banks: name, version, size per language and what their probes expect."""
    from accord.probes import load_bank
    from accord.probes.bank import BUILTIN_DIR

    rows: list[dict[str, Any]] = []
    for path in sorted(BUILTIN_DIR.glob("*.jsonl")):
        bank = load_bank(path.stem)
        sizes: dict[str, int] = {}
        expected: dict[str, int] = {}
        for p in bank.probes:
            sizes[p.language] = sizes.get(p.language, 0) + 1
            expected[p.expected] = expected.get(p.expected, 0) + 1
        rows.append({"name": bank.name, "version": bank.version, "digest": bank.digest, "size": sizes,
                     "expected": expected})
    if fmt == Fmt.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        sizes_text = ", ".join(f"{n:,} {lang}" for lang, n in sorted(r["size"].items()))
        expected_text = ", ".join(f"{n:,} {e}" for e, n in sorted(r["expected"].items()))
        typer.echo(f"{r['name']}@{r['version']}  {sizes_text}  ({expected_text})")


@probes_app.command("coverage")
def coverage_cmd(
    banks: Annotated[list[str] | None, typer.Argument(help="bank names or files (default: the TC260 banks)")] = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """Each bank's size per language and its count per Appendix A risk (or §8.3 aspect) against TC260-003's
    minimums (§8.2, §8.3), with its near-duplicate rate."""
    from accord.probes import load_bank
    from accord.probes.coverage import coverage, roles_in

    try:
        loaded = [load_bank(ref) for ref in banks or TC260_BANKS]
    except AccordError as exc:
        raise _fail(exc) from None
    results = [coverage(role, b.probes, [f"{b.name}@{b.version}"]) for b in loaded for role in roles_in(b.probes)]
    if fmt == Fmt.json:
        typer.echo(json.dumps([c.model_dump() for c in results], ensure_ascii=False, indent=2))
        return
    from accord.cli_probes_text import coverage_text

    for c in results:
        typer.echo(coverage_text(c))


@probes_app.command("validate")
def validate_cmd(
    source: Annotated[Path, typer.Argument(help="a probe file (.jsonl in Accord's format, or .csv), or an accord.toml "
                                                "whose banks to check")],
) -> None:
    """Load probe files as an audit would and report what they hold: one line per bank, then any problems."""
    from accord.cli_probes_text import validate_lines

    try:
        lines, problems = validate_lines(source)
    except AccordError as exc:
        raise _fail(exc) from None
    for line in lines:
        typer.echo(line)
    for problem in problems:
        typer.echo(f"warning: {problem}")
