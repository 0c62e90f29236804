"""The command line's one error exit: every command runs inside `error_exit()` (see `AccordGroup`).

- an `AccordError` prints `accord: error: <message>` on stderr and exits with the error's `exit_code`;
- an `OSError` (a file that cannot be read or written) prints `accord: error: <file>: <reason>` and exits 2;
- anything else is a bug in Accord, not a problem with the user's input: one line
  `accord: error: unexpected <Type>: <message> (set ACCORD_DEBUG=1 to see the traceback)`, exit 3.

With `ACCORD_DEBUG=1` in the environment the traceback is printed first. Typer's own exits (`typer.Exit`,
`typer.Abort` after Ctrl-C, usage errors) pass through untouched.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperGroup

from accord.errors import AccordError

DEBUG_ENV = "ACCORD_DEBUG"
UNEXPECTED_EXIT = 3
FILE_EXIT = 2


def debugging() -> bool:
    """Whether ACCORD_DEBUG asks for tracebacks (any value but empty, 0, false, no or off)."""
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no", "off")


def _message(exc: BaseException) -> tuple[str, int]:
    """What to print after `accord: error:`, and the exit code."""
    if isinstance(exc, AccordError):
        return str(exc), exc.exit_code
    if isinstance(exc, OSError):
        reason = exc.strerror or " ".join(str(exc).split())
        return (reason if exc.filename is None else f"{exc.filename}: {reason}"), FILE_EXIT
    detail = " ".join(str(exc).split())
    text = f"unexpected {type(exc).__name__}" + (f": {detail}" if detail else "")
    return (text if debugging() else f"{text} (set {DEBUG_ENV}=1 to see the traceback)"), UNEXPECTED_EXIT


@contextmanager
def error_exit() -> Iterator[None]:
    """Turn any exception raised inside into the one-line `accord: error:` exit described above."""
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except Exception as exc:
        if debugging():
            traceback.print_exc()
        message, code = _message(exc)
        typer.echo(f"accord: error: {message}", err=True)
        raise typer.Exit(code) from None


class AccordGroup(TyperGroup):
    """The root command group: runs whichever command (or sub-command) is chosen inside `error_exit()`."""

    def invoke(self, ctx: Any) -> Any:  # ctx: the click context typer vendors (typer._click.core.Context)
        with error_exit():
            return super().invoke(ctx)
