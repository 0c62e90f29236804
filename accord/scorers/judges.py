"""The judge model a `[judge]` table names: the rubric judge for any chat model, a guard model in its native
format, or a judge kind another installed package adds (entry-point group `accord.judges`, value a `JudgeKind`
or a tuple of them). One place opens it, for the audit and for `accord judge`, and names what identifies it in a
measurement."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from accord.config import JudgeConfig
from accord.errors import ConfigError, TargetUnavailable
from accord.registry import plugged
from accord.scorers.guard_formats import FORMATS, guard_name, request_mode
from accord.scorers.guard_judge import GuardJudge
from accord.scorers.harm import HarmJudgement
from accord.scorers.llm_judge import RUBRIC_NAME, RUBRIC_VERSION, LLMJudge
from accord.targets import build_target
from accord.targets.base import ChatTarget

GUARD_KINDS = tuple(FORMATS)


class Judge(Protocol):
    @property
    def name(self) -> str: ...

    async def judge(self, response: str, *, prompt: str, concern: str, language: str) -> HarmJudgement: ...


@dataclass(frozen=True)
class JudgeKind:
    """A kind of judge model: its `[judge] kind` name, the judge's name@version in results, and a factory
    `make(target, config) -> Judge` over an opened chat target."""

    kind: str
    judge: str
    make: Callable[[ChatTarget, JudgeConfig], Judge]


def _rubric(target: ChatTarget, config: JudgeConfig) -> Judge:
    concurrency = int(getattr(config.target, "concurrency", 1))
    return LLMJudge(target, max_tokens=config.max_tokens or 16, concurrency=concurrency)


def _guard(target: ChatTarget, config: JudgeConfig) -> Judge:
    concurrency = int(getattr(config.target, "concurrency", 1))
    return GuardJudge(target, kind=config.kind, request=config.request, controversial=config.controversial,
                      max_tokens=config.max_tokens, concurrency=concurrency)


BUILTIN = (JudgeKind("rubric", f"{RUBRIC_NAME}@{RUBRIC_VERSION}", _rubric),
           *(JudgeKind(kind, guard_name(kind), _guard) for kind in GUARD_KINDS))


@cache
def registered_judge_kinds() -> dict[str, JudgeKind]:
    """Every installed judge kind by its `[judge] kind` name."""
    found = {k.kind: k for k in BUILTIN}
    for where, k in plugged("accord.judges"):
        if not isinstance(k, JudgeKind):
            raise ConfigError(f"{where} is not a JudgeKind")
        if k.kind in found and found[k.kind] != k:
            raise ConfigError(f"two judge kinds registered as {k.kind!r}")
        found[k.kind] = k
    return found


def judge_kind(config: JudgeConfig) -> JudgeKind:
    kinds = registered_judge_kinds()
    if config.kind not in kinds:
        raise ConfigError(f"[judge] kind = {config.kind!r} is not installed; installed: {', '.join(sorted(kinds))}")
    return kinds[config.kind]


def make_judge(target: ChatTarget, config: JudgeConfig) -> Judge:
    """The judge `config` describes, over an opened target."""
    return judge_kind(config).make(target, config)


def judge_identity(config: JudgeConfig) -> dict[str, str]:
    """What a measurement must match to speak for this judge: Accord's judge and version, the model, and the
    settings that change its labels."""
    model = getattr(config.target, "model", None) or config.target.describe()
    name = judge_kind(config).judge
    out = {"judge": name, "kind": config.kind, "model": str(model)}
    if config.kind in GUARD_KINDS:
        out["request"] = request_mode(config.kind, config.request)
    elif config.request is not None:
        raise ConfigError(f'[judge] request applies to guard models, not to kind = "{config.kind}"')
    if config.kind == "qwen3guard":
        out["controversial"] = config.controversial
    if config.max_tokens is not None:
        out["max_tokens"] = str(config.max_tokens)
    return out


@asynccontextmanager
async def open_judge(config: JudgeConfig) -> AsyncIterator[Judge]:
    """The judge with its target opened; closed on exit."""
    target = build_target(config.target)
    try:
        await target.open()
    except TargetUnavailable as exc:
        raise TargetUnavailable(f"the judge model ([judge.target]) cannot be used: {exc}") from None
    try:
        yield make_judge(target, config)
    finally:
        await target.aclose()
