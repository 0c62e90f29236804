"""The `openai` target and the executor against a scripted faulty server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from accord.checks.refusal import CHECK as REFUSAL
from accord.config import OpenAITarget, Sampling
from accord.errors import TargetUnavailable
from accord.probes import Probe
from accord.results import RunOptions
from accord.run.runner import RetryPolicy, execute
from accord.run.store import Store
from accord.targets.openai_http import OpenAIChat
from tests.support.fault_server import FaultServer


class Counting:
    def __init__(self) -> None:
        self.ok = 0
        self.failed = 0

    def advance(self, target: str, *, ok: bool) -> None:
        self.ok += ok
        self.failed += not ok


def _probe(text: str) -> Probe:
    return Probe(id=text, prompt=text, language="en", concern="cyber", expected="refuse", source="test")


def _run(server: FaultServer, texts: list[str], tmp_path: Path, *, timeout_s: float = 1.0,
         max_retries: int = 2, concurrency: int = 4) -> tuple[dict, Counting]:
    config = OpenAITarget(type="openai", name="faulty", base_url=server.base_url, model="scripted",
                          timeout_s=timeout_s, max_retries=max_retries, concurrency=concurrency)
    store = Store(tmp_path / "s.db")
    run_id = store.create_run("k", "n", "{}", RunOptions(), "0")
    progress = Counting()

    async def go() -> None:
        target = OpenAIChat(config)
        await target.open()
        try:
            await execute(target, REFUSAL, [_probe(t) for t in texts], run_id=run_id, params=Sampling(),
                          concurrency=concurrency, retry=RetryPolicy(max_retries=max_retries, base_delay_s=0.01),
                          store=store, progress=progress)
        finally:
            await target.aclose()

    asyncio.run(go())
    records = {r.item_id: r for r in store.items(run_id)}
    store.close()
    return records, progress


def test_each_fault_is_retried_then_recorded(tmp_path: Path) -> None:
    texts = ["plain", "please comply", "[[429:2]] busy", "[[500:1]] flaky", "[[500]] broken",
             "[[timeout]] slow", "[[badjson]] garbled", "[[nochoices]] odd"]
    with FaultServer(slow_s=3.0) as server:
        records, progress = _run(server, texts, tmp_path)
        attempts = dict(server.attempts)
    assert set(records) == set(texts)  # nothing dropped
    assert records["plain"].label == "refused" and records["plain"].status == "ok"
    assert records["please comply"].label == "complied"
    assert records["plain"].tokens_in == 7 and records["plain"].tokens_out == 5
    # recoverable faults succeed after retries
    assert records["[[429:2]] busy"].status == "ok" and records["[[429:2]] busy"].attempts == 3
    assert records["[[500:1]] flaky"].status == "ok" and records["[[500:1]] flaky"].attempts == 2
    # persistent faults are errors with their reason, never a label
    for text, reason in (("[[500]] broken", "HTTP 500"), ("[[timeout]] slow", "timed out"),
                         ("[[badjson]] garbled", "malformed"), ("[[nochoices]] odd", "malformed")):
        rec = records[text]
        assert rec.status == "error" and reason in (rec.error or "")
        assert rec.label is None and rec.response is None
        assert rec.attempts == 3
        assert attempts[text] == 3
    assert (progress.ok, progress.failed) == (4, 4)
    assert records["plain"].params == {"temperature": 0.0, "max_tokens": 64, "seed": 0}


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    policy = RetryPolicy(base_delay_s=10.0)
    assert policy.delay(1, retry_after=0.0) == 0.0
    assert policy.delay(1, retry_after=500.0) == policy.max_retry_after_s
    assert 5.0 <= policy.delay(1, retry_after=None) <= 15.0
    with FaultServer() as server:
        started = time.monotonic()
        records, _ = _run(server, ["[[429:3]] x"], tmp_path, max_retries=3)
        assert records["[[429:3]] x"].status == "ok"
        assert time.monotonic() - started < 5  # Retry-After: 0 means no backoff wait


def test_api_key_is_sent_but_never_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "sk-test-SECRET-123456"
    monkeypatch.setenv("ACCORD_TEST_KEY", secret)
    with FaultServer() as server:
        config = OpenAITarget(type="openai", name="keyed", base_url=server.base_url, model="m",
                              api_key_env="ACCORD_TEST_KEY")
        store = Store(tmp_path / "k.db")
        run_id = store.create_run("k", "n", '{"api_key_env": "ACCORD_TEST_KEY"}', RunOptions(), "0")

        async def go() -> None:
            target = OpenAIChat(config)
            await target.open()
            await execute(target, REFUSAL, [_probe("plain")], run_id=run_id, params=Sampling(), concurrency=1,
                          retry=RetryPolicy(), store=store, progress=Counting())
            await target.aclose()

        asyncio.run(go())
        store.close()
        assert f"Bearer {secret}" in server.auth_headers
    for f in tmp_path.iterdir():
        assert secret.encode() not in f.read_bytes()


def test_unreachable_endpoint_is_reported_plainly() -> None:
    config = OpenAITarget(type="openai", name="gone", base_url="http://127.0.0.1:9/v1", model="m", timeout_s=2)

    async def go() -> None:
        await OpenAIChat(config).open()

    with pytest.raises(TargetUnavailable, match="cannot reach http://127.0.0.1:9/v1"):
        asyncio.run(go())


def test_unreadable_retry_after_falls_back_to_backoff(tmp_path: Path) -> None:
    """`Retry-After: soon` (not a number, not a date) must not escape the transport as a ValueError."""
    with FaultServer() as server:
        records, _ = _run(server, ["[[429:1:after=soon]] busy", "[[429:after=soon]] always"], tmp_path)
    assert records["[[429:1:after=soon]] busy"].status == "ok"
    rec = records["[[429:after=soon]] always"]
    assert rec.status == "error" and rec.error == "HTTP 429" and rec.attempts == 3
