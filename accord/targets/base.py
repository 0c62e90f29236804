"""The chat-target protocol, and the target types that the config's `type` names.

A target type pairs a `type` with its settings model (the `[[targets]]` table) and, for chat targets, a
factory `create(settings) -> ChatTarget`. Classifier and dataset targets have no factory: the computed checks
that measure them read their settings. Built-in types are declared as `TARGET_TYPES` in the modules of this
package; other packages add theirs through the `accord.targets` entry-point group (value: a TargetType or a
tuple of them).
"""

from __future__ import annotations

import builtins
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol, runtime_checkable

from accord.config import Sampling, TargetBase
from accord.errors import ConfigError
from accord.registry import discover


@dataclass(frozen=True)
class ChatMessage:
    role: str
    content: str


@dataclass(frozen=True)
class Reply:
    text: str
    tokens_in: int | None = None
    tokens_out: int | None = None
    finish_reason: str | None = None


@runtime_checkable
class ChatTarget(Protocol):
    name: str

    async def open(self) -> None:
        """Load or reach the system; raise TargetUnavailable with a plain reason if it can't be."""

    async def complete(self, messages: list[ChatMessage], params: Sampling) -> Reply:
        """Answer one conversation; raise TargetRequestError on failure."""

    async def aclose(self) -> None:
        """Release what `open` took."""


@dataclass(frozen=True)
class TargetType:
    """A kind of system under test: the config's `type`, its settings model and, for chat targets, a factory."""

    type: str
    settings: builtins.type[TargetBase]
    create: Callable[[Any], ChatTarget] | None = None


@cache
def registered_target_types() -> dict[str, TargetType]:
    """Every installed target type by its `type` name."""
    package = sys.modules[__name__.rsplit(".", 1)[0]]
    found: dict[str, TargetType] = {}
    for where, t in discover(package, "TARGET_TYPES", "accord.targets"):
        if not isinstance(t, TargetType):
            raise ConfigError(f"{where} is not a TargetType")
        if t.type in found and found[t.type] != t:
            raise ConfigError(f"two target types registered as {t.type!r}")
        found[t.type] = t
    return found


def build_target(config: TargetBase) -> ChatTarget:
    """The chat target that `config` describes, not yet opened."""
    kind = getattr(config, "type", None)
    found = registered_target_types().get(str(kind))
    if found is None or found.create is None:
        chat = sorted(k for k, t in registered_target_types().items() if t.create is not None)
        raise ConfigError(f"target {config.name}: {kind!r} is not a chat target type; installed: {', '.join(chat)}")
    return found.create(config)
