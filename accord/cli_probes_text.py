"""Plain-text output of `accord probes coverage` and `accord probes validate`."""

from __future__ import annotations

from pathlib import Path

from accord.probes.coverage import CLAUSE, ROLE_TITLE, RoleCoverage
from accord.probes.tc260 import ASPECTS, LOOK_ALIKE


def coverage_text(c: RoleCoverage) -> str:
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
