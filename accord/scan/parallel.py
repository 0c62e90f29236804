"""Scanning batches on every local core: a process pool over batches, results back in input order, so the
findings are the same as a single-process scan."""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult

from accord.scan.documents import Document
from accord.scan.engine import Scanner
from accord.scan.findings import Finding, scan_batch

_worker_scanner: Scanner | None = None
AUTO_MIN_BATCHES_PER_WORKER = 4


def _init(types: tuple[str, ...]) -> None:
    global _worker_scanner
    _worker_scanner = Scanner(types)


def _scan(batch: list[Document]) -> list[Finding]:
    assert _worker_scanner is not None
    return scan_batch(_worker_scanner, batch)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def scan_local(batches: Iterable[list[Document]], types: Sequence[str], workers: int | None = None
               ) -> Iterator[tuple[list[Document], list[Finding]]]:
    """Each batch with its findings, in batch order. One worker (or a single batch) scans in this process;
    more use a pool of spawned processes (safe from threads, unlike fork), with at most two batches per
    worker in flight so memory stays bounded on big files. With `workers` not given, the pool starts only for
    files of at least AUTO_MIN_BATCHES_PER_WORKER batches per core: each spawned worker imports the scanner
    again (about 0.4 CPU-s), which a few 1 MB batches do not pay back."""
    auto = workers is None
    workers = workers or default_workers()
    it = iter(batches)
    need = AUTO_MIN_BATCHES_PER_WORKER * workers if auto else 2
    head = list(itertools.islice(it, need))
    if workers <= 1 or len(head) < need:
        scanner = Scanner(types)
        for batch in itertools.chain(head, it):
            yield batch, scan_batch(scanner, batch)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(tuple(types),)) as pool:
        pending: collections.deque[tuple[list[Document], AsyncResult[list[Finding]]]] = collections.deque()
        for batch in itertools.chain(head, it):
            pending.append((batch, pool.apply_async(_scan, (batch,))))
            if len(pending) >= 2 * workers:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()
