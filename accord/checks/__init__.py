"""Checks: each evidences one or more concerns of the taxonomy on a target (see `base` for the two kinds).

Built-in checks are found in this package: every module that defines `CHECKS` (one check or a tuple).
Other packages add theirs through the `accord.checks` entry-point group, whose value is a check object (or a
tuple of them). Both are configured the same way, by a `[checks.<id>]` table validated with the check's own
`settings_model`.
"""

from __future__ import annotations

import sys
from functools import cache

from accord.checks.base import (
    ChatCheck,
    Check,
    CheckOutput,
    ComputedCheck,
    Scored,
    Selection,
    check_session,
)
from accord.errors import ConfigError
from accord.registry import discover


@cache
def registered_checks() -> dict[str, Check]:
    """Every installed check by id, in the report's section order (`rank`, then id)."""
    checks: dict[str, Check] = {}
    for where, check in discover(sys.modules[__name__], "CHECKS", "accord.checks"):
        if not isinstance(check, ChatCheck | ComputedCheck):
            raise ConfigError(f"{where} is not a chat or computed check")
        if check.id in checks and checks[check.id] is not check:
            raise ConfigError(f"two checks registered with id {check.id!r}")
        checks[check.id] = check
    return {c.id: c for c in sorted(checks.values(), key=lambda c: (c.rank, c.id))}


def only(tables: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """A config's `[checks]` table that runs the checks named in `tables` (with those settings) and turns every
    other installed check off: for a bench or a test that measures one check, and stays so as checks are added."""
    unknown = sorted(set(tables) - set(registered_checks()))
    if unknown:
        raise ConfigError(f"no installed check is named {', '.join(unknown)}")
    return {cid: dict(tables.get(cid, {"enabled": False})) for cid in registered_checks()}


def chat_checks() -> list[ChatCheck]:
    return [c for c in registered_checks().values() if isinstance(c, ChatCheck) and c.kind == "chat"]


def computed_checks() -> list[ComputedCheck]:
    return [c for c in registered_checks().values() if isinstance(c, ComputedCheck) and c.kind == "computed"]


__all__ = [
    "ChatCheck", "Check", "CheckOutput", "ComputedCheck", "Scored", "Selection", "check_session", "chat_checks",
    "computed_checks", "only", "registered_checks",
]
