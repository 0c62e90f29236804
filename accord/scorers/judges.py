"""The judge model a `[judge]` table names: the rubric judge for any chat model, or a guard model in its native
format. One place opens it, for the audit and for `accord judge`, and names what identifies it in a measurement."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

from accord.config import JudgeConfig
from accord.errors import ConfigError, TargetUnavailable
from accord.scorers.guard_formats import guard_name, request_mode
from accord.scorers.guard_judge import GuardJudge
from accord.scorers.harm import HarmJudgement
from accord.scorers.llm_judge import RUBRIC_NAME, RUBRIC_VERSION, LLMJudge
from accord.targets import build_target
from accord.targets.base import ChatTarget


class Judge(Protocol):
    @property
    def name(self) -> str: ...

    async def judge(self, response: str, *, prompt: str, concern: str, language: str) -> HarmJudgement: ...


def make_judge(target: ChatTarget, config: JudgeConfig) -> LLMJudge | GuardJudge:
    """The judge `config` describes, over an opened target."""
    concurrency = int(getattr(config.target, "concurrency", 1))
    if config.kind == "rubric":
        return LLMJudge(target, max_tokens=config.max_tokens or 16, concurrency=concurrency)
    return GuardJudge(target, kind=config.kind, request=config.request, controversial=config.controversial,
                      max_tokens=config.max_tokens, concurrency=concurrency)


def judge_identity(config: JudgeConfig) -> dict[str, str]:
    """What a measurement must match to speak for this judge: Accord's judge and version, the model, and the
    settings that change its labels."""
    model = getattr(config.target, "model", None) or config.target.describe()
    name = f"{RUBRIC_NAME}@{RUBRIC_VERSION}" if config.kind == "rubric" else guard_name(config.kind)
    out = {"judge": name, "kind": config.kind, "model": str(model)}
    if config.kind != "rubric":
        out["request"] = request_mode(config.kind, config.request)
    elif config.request is not None:
        raise ConfigError('[judge] request applies to guard models, not to kind = "rubric"')
    if config.kind == "qwen3guard":
        out["controversial"] = config.controversial
    if config.max_tokens is not None:
        out["max_tokens"] = str(config.max_tokens)
    return out


@asynccontextmanager
async def open_judge(config: JudgeConfig) -> AsyncIterator[LLMJudge | GuardJudge]:
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
