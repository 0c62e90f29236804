"""Checks: each evidences one or more concerns of the taxonomy on a target (see `base` for the two kinds).

Built-in checks are listed here; other packages add theirs through the `accord.checks` entry-point group
(the entry point's value is a check object, its name the check's id).
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from accord.checks.bank_coverage import CHECK as BANK_COVERAGE
from accord.checks.base import (
    ChatCheck,
    Check,
    CheckOutput,
    ComputedCheck,
    Scored,
    Selection,
    check_session,
)
from accord.checks.classifier_robustness import CHECK as CLASSIFIER_ROBUSTNESS
from accord.checks.corpus import CHECK as CORPUS
from accord.checks.data_bias import CHECK as DATA_BIAS
from accord.checks.fairness import CHECK as FAIRNESS
from accord.checks.jailbreak import CHECK as JAILBREAK
from accord.checks.privacy import CHECK as PRIVACY
from accord.checks.refusal import CHECK as REFUSAL
from accord.checks.refusal import TC260_CHECK as TC260_REFUSAL
from accord.checks.tc260_content import CHECK as TC260_CONTENT
from accord.errors import ConfigError

BUILTIN: tuple[Check, ...] = (
    REFUSAL, TC260_REFUSAL, TC260_CONTENT, JAILBREAK, PRIVACY, BANK_COVERAGE, FAIRNESS, DATA_BIAS,
    CLASSIFIER_ROBUSTNESS, CORPUS,
)


@cache
def registered_checks() -> dict[str, Check]:
    """Every check by id, built-ins first, in a stable order (the order of the report's sections)."""
    checks: dict[str, Check] = {c.id: c for c in BUILTIN}
    for ep in entry_points(group="accord.checks"):
        check = ep.load()
        if not isinstance(check, ChatCheck | ComputedCheck):
            raise ConfigError(f"entry point accord.checks:{ep.name} is not a chat or computed check")
        if check.id in checks and checks[check.id] is not check:
            raise ConfigError(f"two checks registered with id {check.id!r}")
        checks[check.id] = check
    return checks


def chat_checks() -> list[ChatCheck]:
    return [c for c in registered_checks().values() if isinstance(c, ChatCheck) and c.kind == "chat"]


def computed_checks() -> list[ComputedCheck]:
    return [c for c in registered_checks().values() if isinstance(c, ComputedCheck) and c.kind == "computed"]


__all__ = [
    "BANK_COVERAGE", "BUILTIN", "CLASSIFIER_ROBUSTNESS", "CORPUS", "DATA_BIAS", "FAIRNESS", "JAILBREAK", "PRIVACY",
    "REFUSAL", "TC260_CONTENT", "TC260_REFUSAL", "ChatCheck", "Check", "CheckOutput", "ComputedCheck", "Scored",
    "Selection", "check_session", "chat_checks", "computed_checks", "registered_checks",
]
