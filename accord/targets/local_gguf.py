"""`local` target: a GGUF model run on this machine with llama-cpp-python (imported lazily).

A llama.cpp context answers one request at a time, so the target holds a pool of `instances` model instances
(each with its own context and `n_threads` threads) and serves each request on a free one, from a thread of
its own executor. One instance runs in this process; two or more each run in a worker process of their own
(local_worker.py), because llama-cpp-python's per-token loop is Python and threads of one process would take
turns on the GIL.

Exact at any pool size: at temperature 0 the pool gives the answers a one-at-a-time run gives
(tests/test_local_pool.py), with the cached prompt prefix reused (the default) or not (`reuse_prefix = false`:
every request from an empty context, so an answer depends on its conversation alone by construction).
The model file is memory-mapped, so instances share
its weights; each extra instance costs its own context and process (docs/local.md).
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from accord.config import LocalTarget, Sampling
from accord.errors import TargetRequestError, TargetUnavailable
from accord.targets.base import ChatMessage, Reply, TargetType
from accord.targets.embedded import embedded_model_path
from accord.targets.local_worker import ModelSpec, Worker, WorkerDied, answer, load_model

# Loading points this process's stdout and stderr at /dev/null for a moment (llama-cpp-python's
# suppress_stdout_stderr); two loads at once would leave them there. One load at a time, process-wide.
_LOADING = threading.Lock()


class _Instance(Protocol):
    def ask(self, kwargs: dict[str, Any]) -> Any: ...

    def close(self) -> None: ...


class _InProcess:
    """The one instance of a pool of one: a `Llama` in this process."""

    def __init__(self, spec: ModelSpec) -> None:
        with _LOADING:
            self._llm = load_model(spec)
        self._reuse_prefix = spec.reuse_prefix

    def ask(self, kwargs: dict[str, Any]) -> Any:
        return answer(self._llm, kwargs, self._reuse_prefix)

    def close(self) -> None:
        self._llm.close()


class LocalChat:
    def __init__(self, config: LocalTarget) -> None:
        self.name = config.name
        self._config = config
        self._idle: asyncio.Queue[_Instance] | None = None
        self._all: list[_Instance] = []
        self._executor: ThreadPoolExecutor | None = None

    async def open(self) -> None:
        path = self._config.model_path or embedded_model_path()
        if not path.is_file():
            raise TargetUnavailable(f"target {self.name!r}: model file not found: {path}")
        try:
            import llama_cpp  # noqa: F401 - fail here, plainly, rather than in a worker
        except ImportError:
            raise TargetUnavailable(
                "the `local` target needs llama-cpp-python: pip install 'accord[local]'"
            ) from None
        spec = ModelSpec(path, self._config.n_ctx, self._config.n_threads, self._config.reuse_prefix)
        count = self._config.instances
        self._executor = ThreadPoolExecutor(count, thread_name_prefix=f"accord-{self.name}")
        loop = asyncio.get_running_loop()
        try:
            if count == 1:
                self._all.append(await loop.run_in_executor(self._executor, _InProcess, spec))
            else:
                workers = [Worker(spec) for _ in range(count)]
                self._all.extend(workers)
                for w in workers:  # load side by side
                    w.start()
                for w in workers:
                    await loop.run_in_executor(self._executor, w.wait_ready)
        except BaseException as exc:
            await self.aclose()
            if isinstance(exc, ValueError | RuntimeError):  # WorkerLoadError and WorkerDied are RuntimeErrors
                raise TargetUnavailable(f"target {self.name!r}: cannot load {path}: {exc}") from None
            raise
        self._idle = asyncio.Queue()
        for instance in self._all:
            self._idle.put_nowait(instance)

    @property
    def worker_pids(self) -> list[int]:
        """Process ids of the worker processes serving this target (none for a pool of one)."""
        return [i.pid for i in self._all if isinstance(i, Worker) and i.pid is not None]

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
        instance = await idle.get()
        answering = asyncio.get_running_loop().run_in_executor(self._executor, instance.ask, kwargs)
        answering.add_done_callback(lambda _: idle.put_nowait(instance))  # free only once its thread is done
        try:
            out = await asyncio.shield(answering)  # a cancelled request does not free a busy instance
        except WorkerDied as exc:  # the next request on this instance starts a fresh process
            raise TargetRequestError(f"local model failed: {exc}", retryable=True) from None
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
        for instance in self._all:
            instance.close()
        self._all, self._idle = [], None


def create(config: LocalTarget) -> LocalChat:
    return LocalChat(config)


TARGET_TYPES = TargetType("local", LocalTarget, create)
