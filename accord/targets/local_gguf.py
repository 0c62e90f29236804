"""`local` target: a GGUF model run in this process with llama-cpp-python (imported lazily).

A llama.cpp context is not thread-safe, so the target holds a pool of `instances` model instances (each a
`Llama` with its own context and `n_threads` threads) and serves each request on one free instance, in a
thread of its own executor; ctypes releases the GIL while llama.cpp computes, so instances run side by side.

Exact at any pool size: every request starts from an empty context (`reset()`, no reuse of a previous
prompt's cached prefix), so an answer depends only on its conversation and sampling, never on which instance
served it nor on what that instance served before. At temperature 0 the pool gives the answers a
one-at-a-time run gives (tests/test_local_pool.py). The model file is memory-mapped, so instances share
its weights; each extra instance costs its own context (docs/local.md).
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from accord.config import LocalTarget, Sampling
from accord.errors import TargetRequestError, TargetUnavailable
from accord.targets.base import ChatMessage, Reply, TargetType
from accord.targets.embedded import embedded_model_path

# Loading points this process's stdout and stderr at /dev/null for a moment (llama-cpp-python's
# suppress_stdout_stderr); two loads at once would leave them there. One load at a time, process-wide.
_LOADING = threading.Lock()


class LocalChat:
    def __init__(self, config: LocalTarget) -> None:
        self.name = config.name
        self._config = config
        self._idle: asyncio.Queue[Any] | None = None
        self._all: list[Any] = []
        self._executor: ThreadPoolExecutor | None = None

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
        self._executor = ThreadPoolExecutor(self._config.instances, thread_name_prefix=f"accord-{self.name}")
        loop = asyncio.get_running_loop()

        def load() -> Any:
            with _LOADING:
                return Llama(model_path=str(path), n_ctx=self._config.n_ctx, n_threads=threads,
                             n_threads_batch=threads, verbose=False)

        try:
            for _ in range(self._config.instances):
                self._all.append(await loop.run_in_executor(self._executor, load))
        except BaseException as exc:
            await self.aclose()
            if isinstance(exc, ValueError | RuntimeError):
                raise TargetUnavailable(f"target {self.name!r}: cannot load {path}: {exc}") from None
            raise
        self._idle = asyncio.Queue()
        for llm in self._all:
            self._idle.put_nowait(llm)

    async def complete(self, messages: list[ChatMessage], params: Sampling) -> Reply:
        assert self._idle is not None, "open() first"
        kwargs: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "temperature": params.temperature,
            "max_tokens": params.max_tokens,
        }
        if params.seed is not None:
            kwargs["seed"] = params.seed
        idle = self._idle
        llm = await idle.get()
        answering = asyncio.get_running_loop().run_in_executor(self._executor, _answer, llm, kwargs)
        answering.add_done_callback(lambda _: idle.put_nowait(llm))  # free only once its thread is done
        try:
            out = await asyncio.shield(answering)  # a cancelled request does not free a busy instance
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
        if self._executor is not None:  # let a request in flight finish before its instance is freed
            await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)
            self._executor = None
        for llm in self._all:
            llm.close()
        self._all, self._idle = [], None


def _answer(llm: Any, kwargs: dict[str, Any]) -> Any:
    llm.reset()  # from an empty context: the answer must not depend on what this instance served before
    return llm.create_chat_completion(**kwargs)


def create(config: LocalTarget) -> LocalChat:
    return LocalChat(config)


TARGET_TYPES = TargetType("local", LocalTarget, create)
