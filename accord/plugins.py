"""What is installed: every check and target type, built in or added by another package, and the config
loaded against them. The one place that joins the config's open schema to the registries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from accord import config as _config
from accord.attest.answers import with_answers
from accord.checks import Check, registered_checks
from accord.config import AuditConfig, CheckSettings, TargetBase
from accord.errors import ConfigError
from accord.scorers.judges import registered_judge_kinds
from accord.targets import TargetType, registered_target_types


@dataclass(frozen=True)
class Installed:
    checks: Mapping[str, Check]
    target_types: Mapping[str, TargetType]

    @property
    def check_settings(self) -> Mapping[str, type[CheckSettings]]:
        return {cid: c.settings_model for cid, c in self.checks.items()}

    @property
    def target_settings(self) -> Mapping[str, type[TargetBase]]:
        return {name: t.settings for name, t in self.target_types.items()}


@cache
def installed() -> Installed:
    return Installed(checks=registered_checks(), target_types=registered_target_types())


def load_config(path: Path, *, answers: bool = True) -> AuditConfig:
    """The config file at `path`, validated against the installed checks and target types, with the answers of
    the attestations file it names (unless `answers` is false: the file's path is only made absolute)."""
    config = _config.load_config(path, installed())
    base = path.resolve().parent
    if answers:
        config = with_answers(config, base)
    elif config.attestations_file is not None:
        config = config.model_copy(update={"attestations_file": base / config.attestations_file})
    return _validated(config, str(path))


def parse_config(raw: dict, source: str = "config") -> AuditConfig:
    """A config given as a mapping (as stored with a run), validated against what is installed."""
    return _validated(_config.parse_config(raw, installed(), source=source), source)


def _validated(config: AuditConfig, source: str) -> AuditConfig:
    """The config, after each check that declares a `validate(config)` has looked at it as a whole, and with a
    judge kind that is installed."""
    if config.judge is not None and config.judge.kind not in registered_judge_kinds():
        known = ", ".join(sorted(registered_judge_kinds()))
        raise ConfigError(f"{source}: judge.kind: {config.judge.kind!r} is not installed; installed: {known}")
    for check in installed().checks.values():
        validate = getattr(check, "validate", None)
        if validate is not None:
            try:
                validate(config)
            except ConfigError as exc:
                raise ConfigError(f"{source}: {exc}") from None
    return config
