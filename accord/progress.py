"""Progress displays for the whole audit: a rich display on a terminal, plain lines in logs and CI.

Both show one line for the whole audit (items done of all planned, items per second, time left) above the
work in hand, and give a closing line per target: items sent, wall time and throughput.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn


def _duration(exact: float) -> str:
    if exact < 10:
        return f"{exact:.1f} s"
    seconds = round(exact)
    if seconds < 60:
        return f"{seconds} s"
    minutes, s = divmod(seconds, 60)
    return f"{minutes} min {s} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


@dataclass
class _Target:
    sent: int = 0
    errors: int = 0
    first: float | None = None
    last: float | None = None


@dataclass
class Tally:
    """Counts for the whole audit and per target (the part of a label before " / ")."""

    total: int = 0
    done: int = 0
    done_before: int = 0  # finished in an earlier session of a resumed run
    started: float = field(default_factory=time.monotonic)
    targets: dict[str, _Target] = field(default_factory=dict)

    def advance(self, label: str, ok: bool) -> None:
        now = time.monotonic()
        t = self.targets.setdefault(label.split(" / ")[0], _Target())
        t.sent += 1
        t.errors += not ok
        t.first = t.first if t.first is not None else self.started
        t.last = now
        self.done += 1

    def rate(self) -> float | None:
        elapsed = time.monotonic() - self.started
        return (self.done - self.done_before) / elapsed if elapsed > 0 and self.done > self.done_before else None

    def overall(self) -> str:
        rate = self.rate()
        left = self.total - self.done
        pace = f"{rate:.2f} items/s" if rate else "starting"
        eta = f", about {_duration(left / rate)} left" if rate and left > 0 else ""
        return f"audit: {self.done:,}/{self.total:,} items ({pace}{eta})"

    def summary(self) -> list[str]:
        lines = []
        for name, t in self.targets.items():
            wall = (t.last or self.started) - (t.first or self.started)
            per_s = f", {t.sent / wall:.2f} items/s" if wall > 0 else ""
            errors = f", {t.errors} errors" if t.errors else ""
            lines.append(f"{name}: {t.sent:,} items in {_duration(wall)}{per_s}{errors}")
        lines.append(f"whole audit: {_duration(time.monotonic() - self.started)} wall time")
        return lines


class PlainProgress:
    """One line for the whole audit and one per piece of work every `every_s` seconds, and at each end."""

    def __init__(self, stream: TextIO = sys.stderr, every_s: float = 10.0) -> None:
        self._stream = stream
        self._every = every_s
        self._state: dict[str, list[int]] = {}  # label -> [done, total, errors]
        self._last = time.monotonic()
        self.tally = Tally()

    def begin(self, total: int, done: int) -> None:
        self.tally = Tally(total=total, done=done, done_before=done)
        self._line(self.tally.overall())

    def start(self, target: str, total: int, done: int) -> None:
        self._state[target] = [done, total, 0]
        resumed = f" ({done} already done)" if done else ""
        self._line(f"{target}: {total} to run{resumed}")

    def advance(self, target: str, *, ok: bool) -> None:
        s = self._state[target]
        s[0] += 1
        s[2] += not ok
        self.tally.advance(target, ok)
        if time.monotonic() - self._last >= self._every:
            self._line(self.tally.overall())
            for label in self._state:
                self._report(label)
            self._last = time.monotonic()

    def finish(self, target: str) -> None:
        self._report(target)

    def summary(self) -> list[str]:
        return self.tally.summary()

    def _report(self, target: str) -> None:
        done, total, errors = self._state[target]
        self._line(f"{target}: {done}/{total} done, {errors} errors")

    def _line(self, text: str) -> None:
        print(text, file=self._stream, flush=True)


class RichProgress:
    """A bar for the whole audit (items per second, time left) above a bar per piece of work in hand."""

    def __init__(self) -> None:
        self._bar = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[info]}"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self._tasks: dict[str, tuple[TaskID, list[int]]] = {}
        self._audit: TaskID | None = None
        self.tally = Tally()

    def begin(self, total: int, done: int) -> None:
        self.tally = Tally(total=total, done=done, done_before=done)
        self._bar.start()
        self._audit = self._bar.add_task("audit", total=total, completed=done, info="")

    def start(self, target: str, total: int, done: int) -> None:
        if self._audit is None:
            self.begin(total, done)
        task = self._bar.add_task(target, total=total, completed=done, info="0 errors")
        self._tasks[target] = (task, [0])

    def advance(self, target: str, *, ok: bool) -> None:
        task, errors = self._tasks[target]
        errors[0] += not ok
        self.tally.advance(target, ok)
        self._bar.update(task, advance=1, info=f"{errors[0]} errors")
        if self._audit is not None:
            rate = self.tally.rate()
            self._bar.update(self._audit, advance=1, info=f"{rate:.2f} items/s" if rate else "")

    def finish(self, target: str) -> None:
        task, _ = self._tasks.pop(target)
        self._bar.remove_task(task)

    def summary(self) -> list[str]:
        """The closing lines; the display ends here."""
        self._bar.stop()
        return self.tally.summary()


def progress_for_terminal() -> PlainProgress | RichProgress:
    """A rich display on a terminal; else plain lines every ACCORD_PROGRESS_EVERY_S seconds (default 10)."""
    if sys.stderr.isatty():
        return RichProgress()
    return PlainProgress(every_s=float(os.environ.get("ACCORD_PROGRESS_EVERY_S", "10")))
