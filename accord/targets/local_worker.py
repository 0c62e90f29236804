"""One model instance of the `local` target in a process of its own.

The parent starts a worker with `Worker.start`, which starts a fresh Python process (`python -c`, never a fork
of a parent that holds threads or an event loop, and never a re-import of the parent's main script, so a script
that uses Accord needs no `if __name__ == "__main__"` guard), loads the GGUF model there and waits until it is
ready. `Worker.ask` sends one chat-completion request and blocks until the answer comes back; call it from a
thread of its own, one request per worker at a time. Requests and answers cross the pipe as plain dicts.

Why processes: llama-cpp-python runs its per-token loop in Python, so instances that are threads of one
process take turns on the GIL and fall well short of what separate processes get from the same cores
(bench/RESULTS.md, "Audit throughput").

A worker whose process dies (killed, out of memory, a crash inside llama.cpp) fails the request it was
serving with `WorkerDied`; the next `ask` starts a fresh process first, so one crash costs one answer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

_ACCORD_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding this `accord` package
_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from accord.targets.local_worker import main; main()"
_READY_TIMEOUT_S = 600.0  # loading a large model from a slow disk takes a while; a hung load does not


class WorkerDied(RuntimeError):
    """The worker's process ended while it held a request (or before it was ready)."""


class WorkerLoadError(RuntimeError):
    """The worker could not load the model; the message is llama-cpp-python's."""


@dataclass(frozen=True)
class ModelSpec:
    path: Path
    n_ctx: int
    n_threads: int
    reuse_prefix: bool = True


def main() -> None:
    """Entry of a worker process: `python -c _BOOT ROOT READ_FD WRITE_FD`; the model's spec comes first."""
    conn_in = Connection(int(sys.argv[2]), writable=False)
    conn_out = Connection(int(sys.argv[3]), readable=False)
    spec = ModelSpec(**conn_in.recv())
    serve(_Duplex(conn_in, conn_out), spec)


class _Duplex:
    """Two one-way pipes used as one connection."""

    def __init__(self, reader: Connection, writer: Connection) -> None:
        self._r, self._w = reader, writer

    def send(self, obj: Any) -> None:
        self._w.send(obj)

    def recv(self) -> Any:
        return self._r.recv()

    def poll(self, timeout: float) -> bool:
        return self._r.poll(timeout)

    def close(self) -> None:
        self._r.close()
        self._w.close()


def load_model(spec: ModelSpec) -> Any:
    """The `Llama` that `spec` describes (in a worker, or in the parent for a pool of one)."""
    from llama_cpp import Llama

    return Llama(model_path=str(spec.path), n_ctx=spec.n_ctx, n_threads=spec.n_threads,
                 n_threads_batch=spec.n_threads, verbose=False)


def serve(conn: Any, spec: ModelSpec) -> None:
    """The worker process: load the model, say ready, then answer requests until told to stop (None)."""
    try:
        llm = load_model(spec)
    except Exception as exc:  # noqa: BLE001 - any load failure goes back to the parent as its message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    try:
        while (kwargs := conn.recv()) is not None:
            try:
                conn.send(("ok", answer(llm, kwargs, spec.reuse_prefix)))
            except (ValueError, RuntimeError) as exc:  # llama-cpp-python refused the request
                conn.send(("error", str(exc)))
    except (EOFError, KeyboardInterrupt):  # the parent went away or the user pressed Ctrl-C: just stop
        pass
    finally:
        llm.close()


def answer(llm: Any, kwargs: dict[str, Any], reuse_prefix: bool) -> Any:
    """One request. With `reuse_prefix`, llama-cpp-python keeps the part of the context that this prompt shares
    with the one before (the chat template and system prompt) and evaluates only the rest, as a plain loop does;
    otherwise every request starts from an empty context (docs/local.md, "Exact at any pool size")."""
    if not reuse_prefix:
        llm.reset()
    return llm.create_chat_completion(**kwargs)


class Worker:
    """The parent's handle on one worker process."""

    def __init__(self, spec: ModelSpec) -> None:
        self._spec = spec
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: _Duplex | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def start(self) -> None:
        """Start the process without waiting for it (see `wait_ready`)."""
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, _ACCORD_ROOT, str(to_child_r), str(from_child_w)],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        except OSError:
            for fd in (to_child_r, to_child_w, from_child_r, from_child_w):
                os.close(fd)
            raise
        os.close(to_child_r)
        os.close(from_child_w)
        self._conn = _Duplex(Connection(from_child_r, writable=False), Connection(to_child_w, readable=False))
        self._conn.send(asdict(self._spec))

    def wait_ready(self) -> None:
        """Block until the model is loaded; raise WorkerLoadError or WorkerDied if it is not."""
        conn = self._conn
        assert conn is not None, "start() first"
        try:
            if not conn.poll(_READY_TIMEOUT_S):
                self.stop()
                raise WorkerDied(f"the model did not load within {_READY_TIMEOUT_S:.0f} s")
            status, detail = conn.recv()
        except (EOFError, OSError):
            raise WorkerDied(f"the model's process ended while loading ({self._exit()})") from None
        if status != "ready":
            self.stop()
            raise WorkerLoadError(str(detail))

    def ask(self, kwargs: dict[str, Any]) -> Any:
        """The chat completion for `kwargs`; ValueError with llama-cpp-python's message if it refused them."""
        if self._process is None or self._process.poll() is not None:
            self.stop()
            self.start()
            self.wait_ready()
        conn = self._conn
        assert conn is not None
        try:
            conn.send(kwargs)
            status, out = conn.recv()
        except (EOFError, OSError):
            raise WorkerDied(f"the model's process ended while answering ({self._exit()})") from None
        if status != "ok":
            raise ValueError(out)
        return out

    def stop(self, timeout_s: float = 10.0) -> None:
        """Ask the process to stop, and end it if it does not within `timeout_s`."""
        if self._conn is not None:
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._conn.close()
            self._conn = None
        if self._process is not None:
            try:
                self._process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def close(self) -> None:
        self.stop()

    def _exit(self) -> str:
        process = self._process
        if process is None:
            return "not started"
        try:
            code = process.wait(1.0)
        except subprocess.TimeoutExpired:
            return "still running"
        return f"exit code {code}"
