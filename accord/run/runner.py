"""Running a planned run: every chat target opened first (fail fast), then each target's chat checks and
every computed check run concurrently; each item's outcome, success or error, goes to the store as soon as it
is known, so a killed run resumes where it stopped.

`execute` sends one check's probes to one chat target with bounded concurrency and retries on retryable
failures. Any failure of one item (the target's request, or the check's scoring) is recorded as that item's
error with its reason, never raised: one bad answer does not stop an audit.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from accord.checks import ChatCheck, ComputedCheck, chat_checks, check_session, registered_checks
from accord.config import AuditConfig, Sampling, TargetBase
from accord.errors import AccordError, ScorerError, TargetRequestError
from accord.probes import Probe
from accord.results import CheckOutputRecord, ItemRecord, Selection, now
from accord.run.store import Store
from accord.targets import ChatMessage, ChatTarget, build_target


class Progress(Protocol):
    def advance(self, target: str, *, ok: bool) -> None: ...


class ProgressDisplay(Progress, Protocol):
    def begin(self, total: int, done: int) -> None:
        """The whole run: items planned and items already done (a resumed run)."""
    def start(self, target: str, total: int, done: int) -> None: ...
    def finish(self, target: str) -> None: ...
    def summary(self) -> list[str]:
        """Closing lines: per target the items sent, wall time and throughput."""


async def run_planned(config: AuditConfig, run_id: str, selection: Selection, store: Store,
                      display: ProgressDisplay) -> None:
    """Run what the store planned for `run_id` and is not yet done."""
    planned = store.planned(run_id)
    checks = registered_checks()
    display.begin(sum(planned.values()), store.done_count(run_id))
    by_name = {t.name: t for t in config.targets}
    chat_names = list(dict.fromkeys(t for (t, c) in planned if isinstance(checks.get(c), ChatCheck)))
    targets: list[ChatTarget] = []
    try:
        for name in chat_names:  # open every chat target first: fail fast, before any work
            target = build_target(by_name[name])
            await target.open()
            targets.append(target)
        await asyncio.gather(
            *(_run_chat_target(t, by_name[t.name], config, run_id, store, display) for t in targets),
            *(_run_computed(check, by_name[t], config, run_id, store, display, selection)
              for (t, c) in planned if isinstance(check := checks.get(c), ComputedCheck)),
        )
    finally:
        for t in targets:
            await t.aclose()


async def _run_chat_target(target: ChatTarget, settings: TargetBase, config: AuditConfig, run_id: str,
                           store: Store, display: ProgressDisplay) -> None:
    concurrency = int(getattr(settings, "concurrency", 1))
    retry = RetryPolicy(max_retries=int(getattr(settings, "max_retries", 3)))
    for check in chat_checks():
        plan = store.plan(run_id, target.name, check.id)
        if not plan:
            continue
        done = store.done_ids(run_id, target.name, check.id)
        todo = [Probe.model_validate_json(payload) for item_id, payload in plan if item_id not in done]
        label = f"{target.name} / {check.id}"
        display.start(label, len(plan), len(plan) - len(todo))
        async with check_session(check, config) as live:  # e.g. opens the check's judge model
            await execute(target, live, todo, run_id=run_id, params=config.sampling, concurrency=concurrency,
                          retry=retry, store=store, progress=display, label=label)
        display.finish(label)


async def _run_computed(check: ComputedCheck, target: TargetBase, config: AuditConfig, run_id: str,
                        store: Store, display: ProgressDisplay, selection: Selection) -> None:
    if any(o.status == "ok" and o.target == target.name and o.check == check.id for o in store.outputs(run_id)):
        return
    label = f"{target.name} / {check.id}"
    display.start(label, 1, 0)
    started = time.perf_counter()
    common = dict(run_id=run_id, target=target.name, check=check.id, scorer=f"{check.id}@{check.version}")
    try:
        out = await asyncio.to_thread(check.run, target, config, selection)
        record = CheckOutputRecord(status="ok", metrics=out.metrics, details=out.details, summary=out.summary,
                                   seconds=time.perf_counter() - started, finished_at=now(), **common)
    except Exception as exc:  # recorded with its reason, never dropped; the audit then exits 3
        record = CheckOutputRecord(status="error", error=reason_of(exc), seconds=time.perf_counter() - started,
                                   finished_at=now(), **common)
    store.write_output(record)
    display.advance(label, ok=record.status == "ok")
    display.finish(label)


def reason_of(exc: BaseException) -> str:
    """The plain reason recorded for a failure: Accord's own message, else the exception's type and text."""
    return str(exc) if isinstance(exc, AccordError) else f"unexpected {type(exc).__name__}: {exc}"


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
            reply = await _complete(target, chat, params)
        except TargetRequestError as exc:
            if exc.retryable and attempt <= retry.max_retries:
                await asyncio.sleep(retry.delay(attempt, exc.retry_after))
                continue
            return ItemRecord(status="error", error=exc.reason, attempts=attempt, finished_at=now(), **common)
        latency = time.perf_counter() - started
        try:
            scored = await _score(check, probe, reply)
        except ScorerError as exc:
            return ItemRecord(status="error", response=reply.text, error=str(exc), attempts=attempt,
                              latency_s=latency, finished_at=now(), **common)
        return ItemRecord(
            status="ok", response=reply.text, label=scored.label, score=scored.score, scorer=scored.scorer,
            attempts=attempt, latency_s=latency, tokens_in=reply.tokens_in, tokens_out=reply.tokens_out,
            finish_reason=reply.finish_reason, finished_at=now(), **common,
        )


async def _complete(target: ChatTarget, chat: list[ChatMessage], params: Sampling) -> Any:
    """The target's answer; any failure other than Accord's own request error (a plugin's, a library's) becomes
    a non-retryable request error with its reason."""
    try:
        return await target.complete(chat, params)
    except TargetRequestError:
        raise
    except Exception as exc:
        raise TargetRequestError(reason_of(exc), retryable=False) from exc


async def _score(check: ChatCheck, probe: Probe, reply: Any) -> Any:
    """The check's judgement of one reply; any failure of the scorer becomes a ScorerError with its reason."""
    try:
        return await check.score(probe, reply)
    except Exception as exc:
        raise ScorerError(f"scoring by {check.id} failed: {reason_of(exc)}") from exc
