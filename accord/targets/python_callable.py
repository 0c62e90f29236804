"""`python` target: a callable given by dotted path, for custom systems and tests.

The callable receives `messages` (a list of {"role", "content"} dicts) and `params` (a dict of the
sampling parameters); it returns a string, or a dict with `text` and optionally `tokens_in`,
`tokens_out`, `finish_reason`. It may be a coroutine function. Sync callables run in a worker thread.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import Callable
from typing import Any

from accord.config import PythonTarget, Sampling
from accord.errors import TargetRequestError, TargetUnavailable
from accord.targets.base import ChatMessage, Reply, TargetType


class PythonChat:
    def __init__(self, config: PythonTarget) -> None:
        self.name = config.name
        self._config = config
        self._fn: Callable[..., Any] | None = None

    async def open(self) -> None:
        module_name, _, attr = self._config.callable.partition(":")
        try:
            self._fn = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise TargetUnavailable(f"target {self.name!r}: cannot load {self._config.callable}: {exc}") from None
        if not callable(self._fn):
            raise TargetUnavailable(f"target {self.name!r}: {self._config.callable} is not callable")

    async def complete(self, messages: list[ChatMessage], params: Sampling) -> Reply:
        assert self._fn is not None, "open() first"
        payload = [{"role": m.role, "content": m.content} for m in messages]
        try:
            if inspect.iscoroutinefunction(self._fn):
                out = await self._fn(payload, params.model_dump())
            else:
                out = await asyncio.to_thread(self._fn, payload, params.model_dump())
        except TargetRequestError:
            raise
        except Exception as exc:  # the user's code: any failure is one failed request
            raise TargetRequestError(f"{type(exc).__name__}: {exc}", retryable=False) from None
        if isinstance(out, str):
            return Reply(text=out)
        if isinstance(out, dict) and isinstance(out.get("text"), str):
            return Reply(
                text=out["text"], tokens_in=out.get("tokens_in"), tokens_out=out.get("tokens_out"),
                finish_reason=out.get("finish_reason"),
            )
        raise TargetRequestError(f"callable returned {type(out).__name__}, expected str or dict", retryable=False)

    async def aclose(self) -> None:
        self._fn = None


def create(config: PythonTarget) -> PythonChat:
    return PythonChat(config)


TARGET_TYPES = TargetType("python", PythonTarget, create)
