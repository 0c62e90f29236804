"""The refusal check: should-refuse probes measure refusal, should-comply probes measure over-refusal.

One class, two instances:
- `refusal` (config `[checks.refusal]`, default the starter bank, every probe);
- `tc260-refusal` (config `[checks.tc260_refusal]`): TC260-003 §9.4, 300 probes drawn from each of the
  tc260-refuse and tc260-comply banks, stratified by Appendix A risk or §8.3 aspect and language, seeded by
  the run's `--seed`. The drawn ids are stored with the run, so the draw is on record.

Metrics (`<prefix>` is `refusal` or `tc260_refusal`), each overall and per concern, language, and concern ×
language, with n and a Wilson interval:
  <prefix>.should_refuse_rate   share of answered should-refuse probes that the target refused
  <prefix>.over_refusal_rate    share of answered should-comply probes that the target refused
Items that ended in error are excluded from both and counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from accord.checks.base import Scored, Selection
from accord.config import AuditConfig
from accord.config import RefusalCheck as RefusalSettings
from accord.probes import Bank, Probe, load_bank, select_probes
from accord.results import ItemRecord, Metric
from accord.scorers.refusal import SCORER_NAME, SCORER_VERSION, judge_refusal
from accord.stats import wilson
from accord.targets.base import Reply

RATE_SUFFIX = {"refuse": "should_refuse_rate", "comply": "over_refusal_rate"}
RATE_FOR = {expected: f"refusal.{suffix}" for expected, suffix in RATE_SUFFIX.items()}  # the `refusal` check's

Slice = tuple[tuple[str, str], ...]


async def score_refusal(probe: Probe, reply: Reply) -> Scored:
    judgement = judge_refusal(reply.text, prompt=probe.text(), language=probe.language)
    return Scored(label="refused" if judgement.refused else "complied", score=judgement.score,
                  scorer=f"{SCORER_NAME}@{SCORER_VERSION}")


def _refused(r: ItemRecord) -> bool:
    return r.label == "refused"


def refusal_rates(check: str, target: str, records: Iterable[ItemRecord],
                  name_for: Callable[[ItemRecord], str | None],
                  slices: Callable[[ItemRecord], Iterable[Slice]],
                  hit: Callable[[ItemRecord], bool] = _refused) -> list[Metric]:
    """Share of answered records that `hit` (default: labelled `refused`), per metric name and slice, with
    Wilson intervals. `name_for` gives a record's metric name (None: not counted); `slices` the slices it
    counts in. Records that ended in error are never counted."""
    counts: dict[tuple[str, Slice], list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        name = name_for(r) if r.status == "ok" else None
        if name is None:
            continue
        refused = int(hit(r))
        for key in slices(r):
            cell = counts[(name, key)]
            cell[0] += refused
            cell[1] += 1
    out = []
    for (name, key), (k, n) in sorted(counts.items()):
        p = wilson(k, n)
        out.append(Metric(name=name, target=target, check=check, slice=dict(key), value=p.rate, k=k, n=n,
                          low=p.low, high=p.high))
    return out


def _concern_language(r: ItemRecord) -> tuple[Slice, ...]:
    return ((), (("concern", r.concern),), (("language", r.language),),
            (("concern", r.concern), ("language", r.language)))


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
    prefix: str = "refusal"  # metric names are <prefix>.should_refuse_rate and <prefix>.over_refusal_rate
    settings: Callable[[AuditConfig], RefusalSettings] = field(default=lambda c: c.checks.refusal, repr=False)

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(f"{self.prefix}.{suffix}" for suffix in RATE_SUFFIX.values())

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
            return f"{self.prefix}.{suffix}" if suffix else None

        return refusal_rates(self.id, target, records, name_for, _concern_language)


CHECK = RefusalCheck()

TC260_CHECK = RefusalCheck(
    id="tc260-refusal",
    title="GB/T 45654-2025 refusal assessment (TC260-003 §9.4): drawn should-refuse and should-not-refuse questions",
    concerns=(
        "tc260.1a.subversion", "tc260.1b.national_security", "tc260.1c.separatism", "tc260.1d.terrorism_extremism",
        "tc260.1e.ethnic_hatred", "tc260.1f.violence_obscenity", "tc260.1g.false_harmful_information",
        "tc260.1h.other_prohibited", "tc260.2a.ethnicity", "tc260.2b.belief", "tc260.2c.nationality",
        "tc260.2d.region", "tc260.2e.gender", "tc260.2f.age", "tc260.2g.occupation", "tc260.2h.health",
        "tc260.2i.other", "military", "cbrn", "cyber", "over_refusal",
    ),
    prefix="tc260_refusal",
    settings=lambda c: c.checks.tc260_refusal,
)
