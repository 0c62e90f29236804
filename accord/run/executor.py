"""The executor: sends a check's probes to one chat target with bounded concurrency and retries,
scores each answer and hands every outcome, success or error, to the store as soon as it is known."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from accord.checks.base import ChatCheck
from accord.config import Sampling
from accord.errors import TargetRequestError
from accord.probes import Probe
from accord.results import ItemRecord
from accord.run.store import Store, now
from accord.targets.base import ChatMessage, ChatTarget


class Progress(Protocol):
    def advance(self, target: str, *, ok: bool) -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    base_delay_s: float = 0.5
    max_delay_s: float = 30.0
    max_retry_after_s: float = 120.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_retry_after_s)
        return min(self.max_delay_s, self.base_delay_s * 2 ** (attempt - 1)) * random.uniform(0.5, 1.5)


async def execute(
    target: ChatTarget, check: ChatCheck, probes: Iterable[Probe], *, run_id: str, params: Sampling,
    concurrency: int, retry: RetryPolicy, store: Store, progress: Progress, label: str | None = None,
) -> None:
    """Run `probes` on `target`; `label` names the work in progress lines (default: the target's name)."""
    pending = iter(probes)
    shown = label or target.name

    async def worker() -> None:
        for probe in pending:  # one event loop: workers share the iterator safely
            record = await _run_one(target, check, probe, run_id, params, retry)
            store.write_item(record)
            progress.advance(shown, ok=record.status == "ok")

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def _run_one(
    target: ChatTarget, check: ChatCheck, probe: Probe, run_id: str, params: Sampling, retry: RetryPolicy
) -> ItemRecord:
    messages = probe.conversation()
    chat = [ChatMessage(m["role"], m["content"]) for m in messages]
    common: dict[str, Any] = dict(
        run_id=run_id, target=target.name, check=check.id, item_id=probe.id, language=probe.language,
        concern=probe.concern, expected=probe.expected, risks=probe.risks, messages=messages,
        params=params.model_dump(),
    )
    attempt = 0
    while True:
        attempt += 1
        started = time.perf_counter()
        try:
            reply = await target.complete(chat, params)
        except TargetRequestError as exc:
            if exc.retryable and attempt <= retry.max_retries:
                await asyncio.sleep(retry.delay(attempt, exc.retry_after))
                continue
            return ItemRecord(status="error", error=exc.reason, attempts=attempt, finished_at=now(), **common)
        latency = time.perf_counter() - started
        scored = await check.score(probe, reply)
        return ItemRecord(
            status="ok", response=reply.text, label=scored.label, score=scored.score, scorer=scored.scorer,
            attempts=attempt, latency_s=latency, tokens_in=reply.tokens_in, tokens_out=reply.tokens_out,
            finish_reason=reply.finish_reason, finished_at=now(), **common,
        )
