"""`local` target: a GGUF model run in this process with llama-cpp-python (imported lazily).

llama.cpp contexts are not thread-safe, so requests are served one at a time in a worker thread.
"""

from __future__ import annotations

import asyncio
from typing import Any

from accord.config import LocalTarget, Sampling
from accord.errors import TargetRequestError, TargetUnavailable
from accord.targets.base import ChatMessage, Reply, TargetType
from accord.targets.embedded import embedded_model_path


class LocalChat:
    def __init__(self, config: LocalTarget) -> None:
        self.name = config.name
        self._config = config
        self._llm: Any = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        path = self._config.model_path or embedded_model_path()
        if not path.is_file():
            raise TargetUnavailable(f"target {self.name!r}: model file not found: {path}")
        try:
            from llama_cpp import Llama
        except ImportError:
            raise TargetUnavailable(
                "the `local` target needs llama-cpp-python: pip install 'accord[local]'"
            ) from None
        threads = self._config.n_threads
        try:
            self._llm = await asyncio.to_thread(
                Llama, model_path=str(path), n_ctx=self._config.n_ctx, n_threads=threads,
                n_threads_batch=threads, verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise TargetUnavailable(f"target {self.name!r}: cannot load {path}: {exc}") from None

    async def complete(self, messages: list[ChatMessage], params: Sampling) -> Reply:
        assert self._llm is not None, "open() first"
        kwargs: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "temperature": params.temperature,
            "max_tokens": params.max_tokens,
        }
        if params.seed is not None:
            kwargs["seed"] = params.seed
        async with self._lock:
            try:
                out = await asyncio.to_thread(self._llm.create_chat_completion, **kwargs)
            except (ValueError, RuntimeError) as exc:
                raise TargetRequestError(f"local model failed: {exc}", retryable=False) from None
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        return Reply(
            text=choice["message"].get("content") or "",
            tokens_in=usage.get("prompt_tokens"),
            tokens_out=usage.get("completion_tokens"),
            finish_reason=choice.get("finish_reason"),
        )

    async def aclose(self) -> None:
        if self._llm is not None:
            self._llm.close()
            self._llm = None


def create(config: LocalTarget) -> LocalChat:
    return LocalChat(config)


TARGET_TYPES = TargetType("local", LocalTarget, create)
