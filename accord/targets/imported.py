"""`imported` target: a system another tool tested, whose answers Accord read from that tool's file
(`accord import`). It names the tool, its version, the file and the file's SHA-256, so a report says where its
evidence came from. It cannot be sent new probes: to measure the system again, audit it, or import a new file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from accord.config import ChatTargetSettings, Sampling
from accord.errors import TargetUnavailable
from accord.targets.base import ChatMessage, Reply, TargetType


class ImportedTarget(ChatTargetSettings):
    """Answers another tool recorded, imported from its file with `accord import`."""

    type: Literal["imported"]
    tool: str
    tool_version: str
    format_version: str
    source: str = Field(description="the imported file's name")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    system: str = Field(description="the system under test, as the tool names it")
    unmapped: dict[str, int] = Field(default_factory=dict, description="items of probes that evidence no Accord "
                                     "metric, per probe: kept out of every rate")

    def describe(self) -> str:
        left = sum(self.unmapped.values())
        tail = f"; {left} items of unmapped probes not counted" if left else ""
        return (f"{self.system}, imported from {self.tool} {self.tool_version} ({self.source}, "
                f"SHA-256 {self.sha256[:16]}…){tail}")


class ImportedChat:
    def __init__(self, config: ImportedTarget) -> None:
        self.name = config.name
        self._config = config

    async def open(self) -> None:
        c = self._config
        raise TargetUnavailable(f"target {self.name!r} holds answers imported from {c.tool} ({c.source}); it cannot "
                                "be sent probes: audit the system itself, or import a new file")

    async def complete(self, messages: list[ChatMessage], params: Sampling) -> Reply:
        raise TargetUnavailable(f"target {self.name!r} holds imported answers only")

    async def aclose(self) -> None:
        return None


TARGET_TYPES = TargetType("imported", ImportedTarget, ImportedChat)
