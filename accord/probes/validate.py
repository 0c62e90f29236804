"""Checking probe banks as an audit would load them: sizes, expectations, and what the report cannot name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accord.config import BankRef, CheckSettings
from accord.probes.bank import load_bank
from accord.probes.model import Bank
from accord.probes.neardup import THRESHOLD, near_duplicates


@dataclass(frozen=True)
class BankSummary:
    bank: Bank
    sizes: dict[str, int]  # language -> probes
    expected: dict[str, int]
    near_duplicate_rate: dict[str, float]  # language -> share of probes with a near-duplicate


def config_refs(settings: Iterable[CheckSettings]) -> list[BankRef]:
    """Every bank that these check settings name (in their `banks` or `content` lists), once each, in order."""
    refs = [ref for s in settings for name in ("banks", "content") for ref in getattr(s, name, None) or ()]
    out: list[BankRef] = []
    for ref in refs:
        if ref not in out:
            out.append(ref)
    return out


def summarise(bank: Bank) -> BankSummary:
    sizes = Counter(p.language for p in bank.probes)
    rates = {lang: near_duplicates([p.text() for p in bank.probes if p.language == lang]).rate for lang in sizes}
    return BankSummary(bank, dict(sorted(sizes.items())), dict(Counter(p.expected for p in bank.probes)), rates)


def problems(banks: Sequence[Bank], known_concerns: Iterable[str]) -> list[str]:
    """What a user should look at: concerns outside the taxonomy, ids shared between banks, near-duplicates."""
    known = set(known_concerns)
    out = []
    seen: dict[str, str] = {}
    for bank in banks:
        unknown = sorted({p.concern for p in bank.probes} - known)
        if unknown:
            out.append(f"{bank.name}: concern(s) not in Accord's taxonomy, shown as they are in the report: "
                       f"{', '.join(unknown[:8])}{' ...' if len(unknown) > 8 else ''}")
        for p in bank.probes:
            if p.id in seen and seen[p.id] != bank.name:
                out.append(f"probe id {p.id!r} is in both {seen[p.id]} and {bank.name}: one audit cannot use both")
                break
            seen[p.id] = bank.name
    return out


def load_all(refs: Sequence[BankRef]) -> list[Bank]:
    return [load_bank(ref) for ref in refs]


__all__ = ["THRESHOLD", "BankSummary", "config_refs", "load_all", "problems", "summarise"]
