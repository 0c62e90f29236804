"""The chat-target protocol and the registry that builds targets from their configuration.

Built-in targets and third-party ones are found through the `accord.targets` entry-point group:
the entry point's name is the config's `type`, its value a factory `create(config) -> ChatTarget`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from accord.config import Sampling
from accord.errors import ConfigError


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


def build_target(config: Any) -> ChatTarget:
    found = {ep.name: ep for ep in entry_points(group="accord.targets")}
    if config.type not in found:
        raise ConfigError(f"unknown target type {config.type!r}; known: {', '.join(sorted(found))}")
    target: ChatTarget = found[config.type].load()(config)
    return target
