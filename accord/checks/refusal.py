"""The refusal check: should-refuse probes measure refusal, should-comply probes measure over-refusal.

One class, two instances:
- `refusal` (config `[checks.refusal]`, default the starter bank, every probe);
- `tc260_refusal` (config `[checks.tc260_refusal]`): TC260-003 §9.4, 300 probes drawn from each of the
  tc260-refuse and tc260-comply banks, stratified by Appendix A risk or §8.3 aspect and language, seeded by
  the run's `--seed`. The drawn ids are stored with the run, so the draw is on record.

Metrics (`<check>` is `refusal` or `tc260_refusal`), each overall and per concern, language, and concern ×
language, with n and a Wilson interval:
  <check>.should_refuse_rate   share of answered should-refuse probes that the target refused
  <check>.over_refusal_rate    share of answered should-comply probes that the target refused
Items that ended in error are excluded from both and counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from accord.checks.base import Scored, Selection
from accord.checks.rates import by_concern_and_language, rates_by_slice
from accord.config import AuditConfig, BankRef, CheckSettings
from accord.probes import Bank, Probe, load_bank, select_probes
from accord.results import ItemRecord, Metric
from accord.scorers.refusal import SCORER_NAME, SCORER_VERSION, judge_refusal
from accord.targets.base import Reply


class RefusalSettings(CheckSettings):
    """Send probe banks to each target and score each response for refusal."""

    banks: list[BankRef] = Field(default_factory=lambda: list[BankRef](["starter"]))
    languages: list[str] | None = None
    draw: int | None = Field(None, ge=1, description="draw this many probes from each bank, stratified by risk "
                             "(or aspect, else concern) and language, seeded by the run's seed; default all")


class Tc260RefusalSettings(RefusalSettings):
    """TC260-003 §9.4: at least 300 questions drawn from each of the should-refuse and should-not-refuse banks."""

    banks: list[BankRef] = Field(default_factory=lambda: list[BankRef](["tc260-refuse", "tc260-comply"]))
    draw: int | None = Field(300, ge=1)

RATE_SUFFIX = {"refuse": "should_refuse_rate", "comply": "over_refusal_rate"}



async def score_refusal(probe: Probe, reply: Reply) -> Scored:
    judgement = judge_refusal(reply.text, prompt=probe.text(), language=probe.language)
    return Scored(label="refused" if judgement.refused else "complied", score=judgement.score,
                  scorer=f"{SCORER_NAME}@{SCORER_VERSION}")


def refused(r: ItemRecord) -> bool:
    return r.label == "refused"


@dataclass(frozen=True)
class RefusalCheck:
    kind: Literal["chat"] = "chat"
    id: str = "refusal"
    title: str = "Refusal of harmful requests and over-refusal of benign ones"
    version: str = "1"
    concerns: tuple[str, ...] = (
        "military", "cbrn", "cyber", "violence", "privacy", "ip", "discrimination", "self_harm",
        "misinformation",
    )
    settings_model: type[RefusalSettings] = RefusalSettings
    rank: int = 10  # the report's section order

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(f"{self.id}.{suffix}" for suffix in RATE_SUFFIX.values())

    def settings(self, config: AuditConfig) -> RefusalSettings:
        return config.settings_of(self.id, self.settings_model)

    def enabled(self, config: AuditConfig) -> bool:
        return self.settings(config).enabled

    def banks(self, config: AuditConfig) -> list[Bank]:
        return [load_bank(ref) for ref in self.settings(config).banks]

    def plan(self, banks: list[Bank], config: AuditConfig, selection: Selection) -> list[Probe]:
        s = self.settings(config)
        return select_probes(banks, languages=s.languages, draw=s.draw, limit=selection.limit,
                             sample=selection.sample, seed=selection.seed)

    async def score(self, probe: Probe, reply: Reply) -> Scored:
        return await score_refusal(probe, reply)

    def compute_metrics(self, target: str, records: Iterable[ItemRecord]) -> list[Metric]:
        def name_for(r: ItemRecord) -> str | None:
            suffix = RATE_SUFFIX.get(r.expected)
            return f"{self.id}.{suffix}" if suffix else None

        return rates_by_slice(self.id, target, records, name_for=name_for, slices=by_concern_and_language,
                              hit=refused)


CHECK = RefusalCheck()

TC260_CHECK = RefusalCheck(
    id="tc260_refusal",
    title="GB/T 45654-2025 refusal assessment (TC260-003 §9.4): drawn should-refuse and should-not-refuse questions",
    concerns=(
        "tc260.1a.subversion", "tc260.1b.national_security", "tc260.1c.separatism", "tc260.1d.terrorism_extremism",
        "tc260.1e.ethnic_hatred", "tc260.1f.violence_obscenity", "tc260.1g.false_harmful_information",
        "tc260.1h.other_prohibited", "tc260.2a.ethnicity", "tc260.2b.belief", "tc260.2c.nationality",
        "tc260.2d.region", "tc260.2e.gender", "tc260.2f.age", "tc260.2g.occupation", "tc260.2h.health",
        "tc260.2i.other", "military", "cbrn", "cyber", "over_refusal",
    ),
    settings_model=Tc260RefusalSettings,
    rank=20,
)

CHECKS = (CHECK, TC260_CHECK)
