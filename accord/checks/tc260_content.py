"""TC260-003 §9.3 generated-content safety: a seeded sample of the generated-content bank, each answer judged.

The sample: `sample_size` questions (default 1,000, the standard's minimum) drawn from the bank named by
`[checks.tc260_content] bank` (default `tc260-content`), stratified by Appendix A risk code and language, with
the check's seed; `--sample N` (with `--seed`) and `--limit N` narrow it for a quick look. The planned
probes are stored with the run, so the sample is recorded.

Each answer is judged `harmful` or `safe` for its probe's concern by the offline harm judge, or by the LLM
judge when `[judge]` names a judge model (`judge = "llm"`, or `"auto"` with a `[judge]` table). A judge answer
that cannot be parsed is `unparsed`: it counts neither as a pass nor as a fail.

Metrics (overall, per risk code, per language, per risk × language):
  tc260_content.pass_rate   share of judged answers (harmful + safe) that are safe, with a Wilson interval
  tc260_content.unparsed    number of answers the judge left unparsed (`value` = count, `n` = answers)
Requests that got no answer are errors, counted apart by the runner.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Literal, Protocol

from pydantic import Field

from accord.checks.base import ChatCheck, Scored, Selection
from accord.checks.rates import Slice, rate_metric
from accord.config import AuditConfig, CheckSettings
from accord.errors import ConfigError, ProbeBankError, TargetUnavailable
from accord.probes import Bank, Probe, load_bank, stratified_sample
from accord.results import ItemRecord, Metric
from accord.scorers.harm import JUDGE_NAME, JUDGE_VERSION, HarmJudgement, judge_harm
from accord.targets.base import Reply
from accord.taxonomy import load_taxonomy


class Tc260ContentSettings(CheckSettings):
    """TC260-003 §9.3: a seeded sample of generated-content questions, each answer judged harmful or safe."""

    bank: str = "tc260-content"
    sample_size: int = Field(1000, ge=1, description="questions drawn, stratified by risk code and language")
    seed: int = 0
    languages: list[str] | None = None
    judge: Literal["auto", "offline", "llm"] = Field(
        "auto", description="offline: rules + classifier; llm: the [judge] model; auto: llm when [judge] is set")

PASS_RATE = "tc260_content.pass_rate"
UNPARSED = "tc260_content.unparsed"
LABELS = ("harmful", "safe", "unparsed")


class HarmJudge(Protocol):
    @property
    def name(self) -> str: ...

    async def judge(self, response: str, *, prompt: str, concern: str, language: str) -> HarmJudgement: ...


class OfflineHarmJudge:
    name = f"{JUDGE_NAME}@{JUDGE_VERSION}"

    async def judge(self, response: str, *, prompt: str, concern: str, language: str) -> HarmJudgement:
        return judge_harm(response, prompt=prompt, concern=concern, language=language)


@cache
def _risks_of_concern() -> dict[str, tuple[str, ...]]:
    return {c.id: tuple(c.tc260_003) for c in load_taxonomy().values() if c.tc260_003}


def risk_of(probe_risks: Iterable[str], concern: str) -> str:
    """The risk code a probe (or record) is counted under: its first code, else its concern's, else "none"."""
    risks = tuple(probe_risks) or _risks_of_concern().get(concern, ())
    return risks[0] if risks else "none"


def uses_llm_judge(config: AuditConfig) -> bool:
    choice = config.settings_of("tc260_content", Tc260ContentSettings).judge
    return choice == "llm" or (choice == "auto" and config.judge is not None)


@dataclass(frozen=True)
class Tc260ContentCheck:
    kind: Literal["chat"] = "chat"
    id: str = "tc260_content"
    title: str = "GB/T 45654-2025 generated-content safety assessment (TC260-003 §9.3)"
    version: str = "1"
    concerns: tuple[str, ...] = (
        "state_security", "discrimination", "commercial_ethics", "personality_rights", "accuracy", "violence",
        "misinformation", "ip", "privacy",
    )
    metrics: tuple[str, ...] = (PASS_RATE, UNPARSED)
    settings_model: type[Tc260ContentSettings] = Tc260ContentSettings
    rank: int = 30  # the report's section order
    judge: HarmJudge = field(default_factory=OfflineHarmJudge, compare=False, repr=False)

    def enabled(self, config: AuditConfig) -> bool:
        return config.settings_of(self.id, self.settings_model).enabled

    def validate(self, config: AuditConfig) -> None:
        """A config that asks for the LLM judge must name one."""
        if config.settings_of(self.id, self.settings_model).judge == "llm" and config.judge is None:
            raise ConfigError('checks.tc260_content.judge = "llm" needs a [judge] table with its [judge.target] '
                              '(or use "offline")')

    def banks(self, config: AuditConfig) -> list[Bank]:
        ref = config.settings_of(self.id, self.settings_model).bank
        try:
            return [load_bank(ref)]
        except ProbeBankError as exc:
            raise ProbeBankError(f"checks.tc260_content: the generated-content bank is missing: {exc}. Set "
                                 "[checks.tc260_content] bank to a JSONL bank of yours, or enabled = false") from None

    def plan(self, banks: list[Bank], config: AuditConfig, selection: Selection) -> list[Probe]:
        cfg = config.settings_of(self.id, self.settings_model)
        probes = [p for b in banks for p in b.probes if cfg.languages is None or p.language in cfg.languages]
        if not probes:
            raise ProbeBankError(f"checks.tc260_content: no probes in bank {cfg.bank!r} for languages {cfg.languages}")
        n, seed = (selection.sample, selection.seed) if selection.sample is not None else (cfg.sample_size, cfg.seed)
        chosen = stratified_sample(probes, n, seed, key=lambda p: (risk_of(p.risks, p.concern), p.language))
        return chosen[: selection.limit] if selection.limit is not None else chosen

    @asynccontextmanager
    async def session(self, config: AuditConfig) -> AsyncIterator[ChatCheck]:
        """The check bound to its judge: the LLM judge's target is opened here and closed on exit."""
        if not uses_llm_judge(config) or config.judge is None:
            yield self
            return
        from accord.scorers.llm_judge import LLMJudge
        from accord.targets import build_target

        target = build_target(config.judge.target)
        try:
            await target.open()
        except TargetUnavailable as exc:
            raise TargetUnavailable(f"the judge model ([judge.target]) cannot be used: {exc}") from None
        try:
            limit = getattr(config.judge.target, "concurrency", 1)
            yield dataclasses.replace(self, judge=LLMJudge(target, max_tokens=config.judge.max_tokens,
                                                           concurrency=limit))
        finally:
            await target.aclose()

    async def score(self, probe: Probe, reply: Reply) -> Scored:
        j = await self.judge.judge(reply.text, prompt=probe.text(), concern=probe.concern, language=probe.language)
        return Scored(label=j.label, score=j.score, scorer=j.judge)

    def compute_metrics(self, target: str, records: Iterable[ItemRecord]) -> list[Metric]:
        counts: dict[Slice, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LABELS, 0))
        for r in records:
            if r.status == "ok" and r.label in LABELS:
                for key in _risk_and_language(r):
                    counts[key][r.label] += 1
        out = []
        for key, c in sorted(counts.items()):  # unparsed answers count neither as a pass nor as a fail
            out.append(rate_metric(PASS_RATE, target=target, check=self.id, k=c["safe"], n=c["safe"] + c["harmful"],
                                   slice_=key))
            if len(key) < 2:
                out.append(Metric(name=UNPARSED, target=target, check=self.id, slice=dict(key),
                                  value=float(c["unparsed"]), k=c["unparsed"], n=sum(c.values())))
        return out


def _risk_and_language(r: ItemRecord) -> tuple[Slice, ...]:
    risk = risk_of(r.risks, r.concern)
    return (), (("risk", risk),), (("language", r.language),), (("risk", risk), ("language", r.language))


CHECK = Tc260ContentCheck()
CHECKS = (CHECK,)
