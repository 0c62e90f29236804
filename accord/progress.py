"""Progress displays: a rich bar per target on a terminal, plain lines in logs and CI."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn


class PlainProgress:
    """One line per target every `every_s` seconds and at the end, e.g. `smollm2: 120/600 done, 2 errors`."""

    def __init__(self, stream: TextIO = sys.stderr, every_s: float = 10.0) -> None:
        self._stream = stream
        self._every = every_s
        self._state: dict[str, list[int]] = {}  # target -> [done, total, errors]
        self._last: dict[str, float] = {}

    def start(self, target: str, total: int, done: int) -> None:
        self._state[target] = [done, total, 0]
        resumed = f" ({done} already done)" if done else ""
        self._line(f"{target}: {total} to run{resumed}")
        self._last[target] = time.monotonic()

    def advance(self, target: str, *, ok: bool) -> None:
        s = self._state[target]
        s[0] += 1
        s[2] += not ok
        if time.monotonic() - self._last[target] >= self._every:
            self._report(target)

    def finish(self, target: str) -> None:
        self._report(target)

    def _report(self, target: str) -> None:
        done, total, errors = self._state[target]
        self._line(f"{target}: {done}/{total} done, {errors} errors")
        self._last[target] = time.monotonic()

    def _line(self, text: str) -> None:
        print(text, file=self._stream, flush=True)


class RichProgress:
    def __init__(self) -> None:
        self._bar = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[errors]} errors"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self._tasks: dict[str, tuple[TaskID, list[int]]] = {}

    def start(self, target: str, total: int, done: int) -> None:
        if not self._tasks:
            self._bar.start()
        task = self._bar.add_task(target, total=total, completed=done, errors=0)
        self._tasks[target] = (task, [0])

    def advance(self, target: str, *, ok: bool) -> None:
        task, errors = self._tasks[target]
        errors[0] += not ok
        self._bar.update(task, advance=1, errors=errors[0])

    def finish(self, target: str) -> None:
        self._tasks.pop(target)
        if not self._tasks:
            self._bar.stop()


def progress_for_terminal() -> PlainProgress | RichProgress:
    return RichProgress() if sys.stderr.isatty() else PlainProgress()
