"""`accord probes ...`: the probe banks, their coverage of TC260-003's minimums, and checks of your own files."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from accord.probes.coverage import RoleCoverage

probes_app = typer.Typer(no_args_is_help=True, help="Probe banks: what they hold and how far they cover the standards.")

TC260_BANKS = ["tc260-content", "tc260-refuse", "tc260-comply"]


class Fmt(StrEnum):
    text = "text"
    json = "json"


FormatOpt = Annotated[Fmt, typer.Option("--format", help="text for people, json for programs")]


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

    loaded = [load_bank(ref) for ref in banks or TC260_BANKS]
    results = [coverage(role, b.probes, [f"{b.name}@{b.version}"]) for b in loaded for role in roles_in(b.probes)]
    if fmt == Fmt.json:
        typer.echo(json.dumps([c.model_dump() for c in results], ensure_ascii=False, indent=2))
        return
    for c in results:
        typer.echo(coverage_text(c))


@probes_app.command("validate")
def validate_cmd(
    source: Annotated[Path, typer.Argument(help="a probe file (.jsonl in Accord's format, or .csv), or an accord.toml "
                                                "whose banks to check")],
) -> None:
    """Load probe files as an audit would and report what they hold: one line per bank, then any problems."""
    lines, problems = validate_lines(source)
    for line in lines:
        typer.echo(line)
    for problem in problems:
        typer.echo(f"warning: {problem}")


def coverage_text(c: RoleCoverage) -> str:
    """`accord probes coverage` in plain text: one table per bank and role."""
    from accord.probes.coverage import CLAUSE, ROLE_TITLE
    from accord.probes.tc260 import ASPECTS, LOOK_ALIKE

    langs = [lang.language for lang in c.languages]
    head = f"{', '.join(c.banks)}: {ROLE_TITLE[c.role]} (TC260-003 {CLAUSE[c.role]})"
    if not c.languages:
        return head + "\n  no questions\n"
    width = max(8, *(len(lang) + 2 for lang in langs))
    lines = [head, "  " + "".join(f"{'':18}") + "".join(f"{lang:>{width}}" for lang in langs) + "   minimum"]
    needs = {m.what: m.need for m in c.languages[0].minimums}

    def row(label: str, values: list[int], need: int | None) -> str:
        flags = "".join(f"{v:>{width - 1},}{'!' if need is not None and v < need else ' '}" for v in values)
        return f"  {label:18}{flags}   {'' if need is None else f'{need:,}'}"

    lines.append(row("questions", [lang.size for lang in c.languages], needs["questions"]))
    keys = list(c.languages[0].per_risk) or list(c.languages[0].per_aspect)
    for key in keys:
        label = key if key.startswith("A.") else (ASPECTS[key][0] if key in ASPECTS else "look-alikes")
        values = [lang.per_risk.get(key, lang.per_aspect.get(key, 0)) for lang in c.languages]
        lines.append(row(label, values, needs.get(key) if key != LOOK_ALIKE else None))
    if c.role == "refuse":  # beyond Appendix A: weapons, CBRN, cyber attack (no minimum in the standard)
        for concern in ("military", "cbrn", "cyber"):
            lines.append(row(f"{concern} (concern)", [lang.per_concern.get(concern, 0) for lang in c.languages], None))
    rates = "  ".join(f"{lang.language} {lang.near_duplicate_rate:.2%}" for lang in c.languages)
    lines.append(f"  near-duplicates (character 3-gram Jaccard >= {c.near_duplicate_threshold}): {rates}")
    met = ", ".join(f"{lang.language} {'yes' if lang.met else 'no'}" for lang in c.languages)
    lines.append(f"  meets the minimums: {met}" + ("" if c.met else "   (! marks a shortfall)"))
    return "\n".join(lines) + "\n"


def validate_lines(source: Path) -> tuple[list[str], list[str]]:
    """Lines describing each bank `source` names (a probe file, or an accord.toml's banks), and problems."""
    from accord.config import BankRef
    from accord.plugins import installed, load_config
    from accord.probes.validate import config_refs, load_all, problems, summarise
    from accord.taxonomy import load_taxonomy

    refs: list[BankRef] = [str(source)]
    if source.suffix == ".toml":
        config = load_config(source)
        refs = config_refs(config.settings_of(c.id, c.settings_model) for c in installed().checks.values())
    banks = load_all(refs)
    lines = []
    for bank in banks:
        s = summarise(bank)
        sizes = ", ".join(f"{n:,} {lang}" for lang, n in s.sizes.items())
        expected = ", ".join(f"{n:,} {e}" for e, n in sorted(s.expected.items()))
        dups = ", ".join(f"{lang} {r:.2%}" for lang, r in s.near_duplicate_rate.items())
        lines.append(f"{bank.name}@{bank.version} #{bank.digest}: {sizes} probes ({expected}); near-duplicates {dups}")
    return lines, problems(banks, load_taxonomy())
