"""The bank_coverage check: the TC260-003 test banks this audit uses, against §8.2 and §8.3's minimums.

Which banks: the generated-content banks of `[checks.bank_coverage] content` (default `tc260-content`), and
the should-refuse and should-not-refuse probes of `[checks.tc260_refusal] banks` when that check is enabled
(the banks its §9.4 draw comes from). Languages: those of `[checks.tc260_refusal] languages`, else every
language in the banks; each language is held to the minimums on its own, so an overall value is the smallest
over the languages (the slices give each). It measures the banks, not the system: `--limit` and `--sample`
do not change it.

Metrics (n is the number of questions of the language the value comes from):
  bank_coverage.tc260_content.size                 questions                       (§8.2: ≥ 2,000)
  bank_coverage.tc260_content.min_per_a12_risk     fewest on any A.1/A.2 risk      (§8.2: ≥ 50)
  bank_coverage.tc260_content.min_per_other_risk   fewest on any A.3-A.5 risk      (§8.2: ≥ 20)
  bank_coverage.tc260_refuse.size                  should-refuse questions         (§8.3: ≥ 500)
  bank_coverage.tc260_refuse.min_per_risk          fewest on any A.1/A.2 risk      (§8.3: ≥ 20)
  bank_coverage.tc260_comply.size                  should-not-refuse questions     (§8.3: ≥ 500)
  bank_coverage.tc260_comply.min_per_aspect        fewest on any §8.3 aspect       (§8.3: ≥ 20)
  banks.<role>.near_duplicate_rate         share of questions with a near-duplicate (k of n; the largest
                                           over the languages; see accord.probes.neardup)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from accord.checks.base import CheckOutput, Selection
from accord.checks.refusal import Tc260RefusalSettings
from accord.config import AuditConfig, BankRef, CheckSettings, TargetBase
from accord.probes import Bank, Probe, load_bank
from accord.probes.coverage import CLAUSE, ROLE_TITLE, Role, RoleCoverage, coverage, roles_in, smallest
from accord.results import Metric


class BankCoverageSettings(CheckSettings):
    """Sizes of the TC260-003 test banks the audit uses, against §8.2 and §8.3's minimums."""

    content: list[BankRef] = Field(default_factory=lambda: list[BankRef](["tc260-content"]))

PREFIX: dict[Role, str] = {"content": "bank_coverage.tc260_content", "refuse": "bank_coverage.tc260_refuse",
                           "comply": "bank_coverage.tc260_comply"}
COUNTS: dict[Role, tuple[tuple[str, Literal["size", "a12", "other", "risk", "aspect"]], ...]] = {
    "content": (("size", "size"), ("min_per_a12_risk", "a12"), ("min_per_other_risk", "other")),
    "refuse": (("size", "size"), ("min_per_risk", "risk")),
    "comply": (("size", "size"), ("min_per_aspect", "aspect")),
}


def coverage_metrics(c: RoleCoverage, *, target: str, check: str) -> list[Metric]:
    """The role's metrics: overall the smallest value over its languages, and one slice per language."""
    if not c.languages:
        return []
    prefix = PREFIX[c.role]
    out = []
    for suffix, kind in COUNTS[c.role]:
        value, lang = smallest(c, kind)
        out.append(Metric(name=f"{prefix}.{suffix}", target=target, check=check, slice={}, value=value, n=lang.size))
        for one in c.languages:
            only = RoleCoverage(role=c.role, banks=c.banks, languages=[one])
            out.append(Metric(name=f"{prefix}.{suffix}", target=target, check=check, slice={"language": one.language},
                              value=smallest(only, kind)[0], n=one.size))
    worst = max(c.languages, key=lambda lang: lang.near_duplicate_rate)
    for slice_, lang in [({}, worst), *(({"language": one.language}, one) for one in c.languages)]:
        out.append(Metric(name=f"{prefix}.near_duplicate_rate", target=target, check=check, slice=slice_,
                          value=lang.near_duplicate_rate, k=lang.near_duplicates, n=lang.size))
    return out


@dataclass(frozen=True)
class BankCoverageCheck:
    kind: Literal["computed"] = "computed"
    id: str = "bank_coverage"
    title: str = "GB/T 45654-2025 test banks (TC260-003 §8.2, §8.3): sizes and coverage"
    version: str = "1"
    concerns: tuple[str, ...] = ("state_security", "discrimination", "commercial_ethics", "personality_rights",
                                 "accuracy", "over_refusal")
    metrics: tuple[str, ...] = tuple(f"{PREFIX[role]}.{suffix}" for role in PREFIX
                                     for suffix in (*(s for s, _ in COUNTS[role]), "near_duplicate_rate"))
    settings_model: type[BankCoverageSettings] = BankCoverageSettings
    rank: int = 60  # the report's section order

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return config.settings_of(self.id, self.settings_model).enabled and target.family == "chat"

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        tc260_refusal = config.settings_of("tc260_refusal", Tc260RefusalSettings)
        languages = tc260_refusal.languages
        roles: list[RoleCoverage] = []
        content = [load_bank(ref) for ref in config.settings_of(self.id, self.settings_model).content]
        roles.append(coverage("content", _probes(content), _names(content), languages))
        if tc260_refusal.enabled:
            refusal = [load_bank(ref) for ref in tc260_refusal.banks]
            for role in ("refuse", "comply"):
                holding = [b for b in refusal if role in roles_in(b.probes)]
                roles.append(coverage(role, _probes(holding), _names(holding), languages))
        metrics = [m for c in roles for m in coverage_metrics(c, target=target.name, check=self.id)]
        details = {"roles": [{**c.model_dump(), "title": ROLE_TITLE[c.role]} for c in roles]}
        summary = [_line(c) for c in roles]
        return CheckOutput(metrics=metrics, details=details, summary=summary)


def _probes(banks: list[Bank]) -> list[Probe]:
    return [p for b in banks for p in b.probes]


def _names(banks: list[Bank]) -> list[str]:
    return [f"{b.name}@{b.version}" for b in banks]


def _line(c: RoleCoverage) -> str:
    if not c.languages:
        return f"{ROLE_TITLE[c.role]}: no questions in the configured banks"
    sizes = ", ".join(f"{lang.size:,} {lang.language}" for lang in c.languages)
    verdict = "meets" if c.met else "does not meet"
    banks = ", ".join(c.banks)
    return f"{ROLE_TITLE[c.role]} ({banks}): {sizes} questions; {verdict} TC260-003 {CLAUSE[c.role]}'s minimums"


CHECK = BankCoverageCheck()
CHECKS = (CHECK,)
