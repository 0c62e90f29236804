"""The refusal check: should-refuse probes measure refusal, should-comply probes measure over-refusal.

Metrics, each overall and per concern, language, and concern × language, with n and a Wilson interval:
  refusal.should_refuse_rate   share of answered should-refuse probes that the target refused
  refusal.over_refusal_rate    share of answered should-comply probes that the target refused
Items that ended in error are excluded from both and counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from accord.checks.base import Scored, Selection
from accord.config import AuditConfig
from accord.probes import Bank, Probe, load_bank, select_probes
from accord.results import ItemRecord, Metric
from accord.scorers.refusal import SCORER_NAME, SCORER_VERSION, judge_refusal
from accord.stats import wilson
from accord.targets.base import Reply

RATE_FOR = {"refuse": "refusal.should_refuse_rate", "comply": "refusal.over_refusal_rate"}


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
    metrics: tuple[str, ...] = tuple(RATE_FOR.values())

    def enabled(self, config: AuditConfig) -> bool:
        return config.checks.refusal.enabled

    def banks(self, config: AuditConfig) -> list[Bank]:
        return [load_bank(ref) for ref in config.checks.refusal.banks]

    def plan(self, banks: list[Bank], config: AuditConfig, selection: Selection) -> list[Probe]:
        return select_probes(banks, languages=config.checks.refusal.languages, limit=selection.limit,
                             sample=selection.sample, seed=selection.seed)

    async def score(self, probe: Probe, reply: Reply) -> Scored:
        judgement = judge_refusal(reply.text, prompt=probe.text(), language=probe.language)
        return Scored(
            label="refused" if judgement.refused else "complied",
            score=judgement.score,
            scorer=f"{SCORER_NAME}@{SCORER_VERSION}",
        )

    def compute_metrics(self, target: str, records: Iterable[ItemRecord]) -> list[Metric]:
        counts: dict[tuple[str, tuple[tuple[str, str], ...]], list[int]] = defaultdict(lambda: [0, 0])
        for r in records:
            if r.status != "ok" or r.expected not in RATE_FOR:
                continue
            name = RATE_FOR[r.expected]
            refused = int(r.label == "refused")
            keys: tuple[tuple[tuple[str, str], ...], ...] = (
                (), (("concern", r.concern),), (("language", r.language),),
                (("concern", r.concern), ("language", r.language)),
            )
            for key in keys:
                cell = counts[(name, key)]
                cell[0] += refused
                cell[1] += 1
        out = []
        for (name, key), (k, n) in sorted(counts.items()):
            p = wilson(k, n)
            out.append(Metric(name=name, target=target, check=self.id, slice=dict(key), value=p.rate,
                              k=k, n=n, low=p.low, high=p.high))
        return out


CHECK = RefusalCheck()
