"""What an importer reads from another tool's file: the transcript, before Accord judges anything.

A `Transcript` is one file of one tool (name, version, SHA-256 of the bytes read), the system the tool tested as
the tool names it, and one `ImportedItem` per answer the tool recorded. An item keeps the tool's own probe or
task name (`probe`, the key of the mapping in `mapping.toml`) and the tool's own verdict (`tool_verdict`), which
Accord stores beside its own judgement and never counts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import ConfigError


@dataclass(frozen=True)
class ImportedItem:
    item_id: str  # unique within the file, stable across imports of the same file
    probe: str  # the tool's name for what produced the prompt (garak probe class, Inspect task, promptfoo plugin)
    messages: tuple[tuple[str, str], ...]  # (role, content) sent to the system, the answer excluded
    answer: str | None  # None: the tool recorded no answer (its error, if any, is in `problem`)
    language: str | None = None  # as the tool recorded it; None when the tool does not say
    tool_verdict: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # why there is no usable answer, in the tool's words where it gave any


@dataclass(frozen=True)
class Transcript:
    tool: str  # "inspect" | "garak" | "promptfoo"
    tool_version: str
    format_version: str  # the file format's own version field, as the tool wrote it
    source: str  # the file's name
    sha256: str
    system: str  # the system under test, as the tool names it
    items: tuple[ImportedItem, ...]


def read_bytes(path: Path, what: str) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256, or a one-line error naming the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the {what} {path}: {exc.strerror or exc}") from None
    return data, hashlib.sha256(data).hexdigest()


def not_format(path: Path, what: str, why: str) -> ConfigError:
    return ConfigError(f"{path} is not {what}: {why}")
