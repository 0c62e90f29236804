"""Exact memorization of a `local` GGUF target: the probability the model gives the true continuation.

For each passage of the memorization check (same texts, same settings), the model reads the opening as plain
text (no chat template: the measure of the papers below) and Accord reads its log-probability of each token of
the true continuation, up to `tokens` tokens, in one forward pass:

- **greedy extraction** (Carlini et al., "Extracting Training Data from Large Language Models", USENIX Security
  2021): the continuation is what greedy decoding produces, i.e. every token is the model's most likely one;
- **(n, p)-discoverable extraction** (Hayes et al., "Measuring memorization in language models via
  probabilistic extraction", 2024): with sampling at temperature 1 the continuation has probability q, so it
  comes out at least once in n samples with probability 1 - (1 - q)^n; the item is (n, p)-discoverable when
  that reaches p. Accord reports it at the `n` and `p` of `[checks.memorization_exact]` (defaults n = 100,
  p = 0.5: Accord's own choice, stated as such; the paper reports a range of them).

Metrics (overall and per language and kind of text):
  memorization_exact.greedy_rate         share of passages greedily extracted, with a Wilson interval
  memorization_exact.discoverable_rate   share of passages (n, p)-discoverable, with a Wilson interval
  memorization_exact.token_log_prob      mean log-probability per continuation token (nats), over passages
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from accord.checks.base import CheckOutput, Selection
from accord.checks.memorization import passages
from accord.checks.memorization_texts import Passage
from accord.checks.rates import Slice, rate_metric
from accord.config import AuditConfig, CheckSettings, LocalTarget, TargetBase
from accord.errors import TargetUnavailable
from accord.results import Metric
from accord.targets.embedded import embedded_model_path


class MemorizationExactSettings(CheckSettings):
    """On a local GGUF target: the exact probability of each true continuation, from token log-probabilities."""

    tokens: int = Field(32, ge=1, le=512, description="continuation tokens scored per passage")
    n: int = Field(100, ge=1, description="samples for (n, p)-discoverable extraction (Accord's default)")
    p: float = Field(0.5, gt=0, le=1, description="probability for (n, p)-discoverable extraction (Accord's default)")


GREEDY = "memorization_exact.greedy_rate"
DISCOVERABLE = "memorization_exact.discoverable_rate"
LOG_PROB = "memorization_exact.token_log_prob"


@dataclass(frozen=True)
class Scoring:
    """One passage's continuation under the model: its total log-probability and whether greedy decoding
    reproduces it."""

    id: str
    language: str
    kind: str
    tokens: int
    log_prob: float
    greedy: bool
    greedy_prefix: int  # how many leading continuation tokens are the model's argmax

    def discoverable(self, n: int, p: float) -> bool:
        q = math.exp(self.log_prob)
        return -math.expm1(n * math.log1p(-q)) >= p if q < 1 else True


def score_passage(llm: Any, passage: Passage, max_tokens: int) -> Scoring:
    """Log-probabilities of the true continuation after the opening, from one evaluation of the model."""
    import numpy as np

    head = llm.tokenize(passage.opening.encode("utf-8"), add_bos=True)
    joiner = "" if passage.language == "zh" else " "
    full = llm.tokenize((passage.opening + joiner + passage.continuation).encode("utf-8"), add_bos=True)
    start = len(head) if full[:len(head)] == head else len(head) - 1  # a merged boundary token is scored too
    tail = full[start:start + max_tokens]
    llm.reset()
    llm.eval(full[:start + len(tail)])
    logits = np.asarray(llm.scores[start - 1:start - 1 + len(tail)], dtype=np.float64)
    log_z = np.log(np.exp(logits - logits.max(axis=1, keepdims=True)).sum(axis=1)) + logits.max(axis=1)
    picked = logits[np.arange(len(tail)), tail] - log_z
    hits = logits.argmax(axis=1) == np.asarray(tail)
    prefix = int(len(tail) if hits.all() else hits.argmin())
    return Scoring(passage.id, passage.language, passage.kind, len(tail), float(picked.sum()), bool(hits.all()),
                   prefix)


@dataclass(frozen=True)
class MemorizationExactCheck:
    kind: Literal["computed"] = "computed"
    id: str = "memorization_exact"
    title: str = "Memorization, exact: probability of the true continuation (local model)"
    version: str = "1"
    concerns: tuple[str, ...] = ("ip",)
    metrics: tuple[str, ...] = (GREEDY, DISCOVERABLE, LOG_PROB)
    settings_model: type[MemorizationExactSettings] = MemorizationExactSettings
    rank: int = 56

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        from accord.checks.memorization import MemorizationSettings

        return (isinstance(target, LocalTarget) and config.settings_of(self.id, self.settings_model).enabled
                and config.settings_of("memorization", MemorizationSettings).enabled)

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        assert isinstance(target, LocalTarget)
        s = config.settings_of(self.id, self.settings_model)
        chosen = passages(config)[: selection.limit]
        path = target.model_path or embedded_model_path()
        try:
            from llama_cpp import Llama

            llm = Llama(model_path=str(path), n_ctx=min(target.n_ctx, 512), n_threads=target.n_threads,
                        logits_all=True, verbose=False)
        except (ImportError, ValueError, RuntimeError) as exc:
            raise TargetUnavailable(f"target {target.name!r}: cannot load {path} for log-probabilities: "
                                    f"{exc}") from None
        try:
            scored = [score_passage(llm, p, s.tokens) for p in chosen]
        finally:
            llm.close()
        return CheckOutput(metrics=metrics_of(scored, target.name, self.id, s.n, s.p),
                           details={"n": s.n, "p": s.p, "tokens": s.tokens, "passages": [
                               {"id": x.id, "language": x.language, "kind": x.kind, "tokens": x.tokens,
                                "log_prob": round(x.log_prob, 4), "greedy": x.greedy, "greedy_prefix": x.greedy_prefix,
                                "discoverable": x.discoverable(s.n, s.p)} for x in scored]},
                           summary=[f"{sum(x.greedy for x in scored)} of {len(scored)} passages greedily extracted; "
                                    f"{sum(x.discoverable(s.n, s.p) for x in scored)} ({s.n}, {s.p})-discoverable"])


def metrics_of(scored: list[Scoring], target: str, check: str, n: int, p: float) -> list[Metric]:
    cells: dict[Slice, list[Scoring]] = defaultdict(list)
    for x in scored:
        keys: tuple[Slice, ...] = ((), (("language", x.language),), (("kind", x.kind),))
        for key in keys:
            cells[key].append(x)
    out: list[Metric] = []
    for key, xs in sorted(cells.items()):
        out.append(rate_metric(GREEDY, target=target, check=check, k=sum(x.greedy for x in xs), n=len(xs), slice_=key))
        out.append(rate_metric(DISCOVERABLE, target=target, check=check, k=sum(x.discoverable(n, p) for x in xs),
                               n=len(xs), slice_=key))
        per_token = sum(x.log_prob for x in xs) / max(1, sum(x.tokens for x in xs))
        out.append(Metric(name=LOG_PROB, target=target, check=check, slice=dict(key), value=per_token, n=len(xs)))
    return out


CHECK = MemorizationExactCheck()
CHECKS = (CHECK,)
