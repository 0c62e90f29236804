"""Which requirements apply to a system: its profile and a date against each requirement's conditions.

Three answers: `applies` (every condition holds), `does not apply` (one fails, or the date is not reached),
`may apply` (the profile leaves out a field a condition needs). Every answer carries its reasons in words.
Pure functions.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from accord.catalog.model import Applicability, Condition, Framework, Requirement
from accord.config import Profile

Status = Literal["applies", "does not apply", "may apply"]
_Truth = Literal["true", "false", "unknown"]
_STATUS: dict[str, Status] = {"true": "applies", "false": "does not apply", "unknown": "may apply"}
_COMPARE = {"gte": ("≥", operator.ge), "lte": ("≤", operator.le), "gt": (">", operator.gt), "lt": ("<", operator.lt)}


@dataclass(frozen=True)
class Applicable:
    requirement: Requirement
    status: Status
    reasons: tuple[str, ...]


def _region_match(held: str, wanted: str) -> bool:
    return held == wanted or held.startswith(wanted + "-")


def _fmt(value: object) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, float) and (value >= 1e6 or 0 < value < 1e-3):
        return f"{value:.0e}".replace("e+", "e")
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).lower() if isinstance(value, bool) else str(value)


def check_condition(cond: Condition, profile: Profile) -> tuple[_Truth, str]:
    held = getattr(profile, cond.field)
    name = cond.field
    if held is None:
        return "unknown", f"the profile does not give `{name}`"
    v = cond.value
    ok: bool
    if cond.op == "eq":
        ok = held == v
        text = f"{name} is {_fmt(held)}" if ok else f"{name} is {_fmt(held)}, not {_fmt(v)}"
    elif cond.op == "in":
        ok = held in tuple(v) if isinstance(v, tuple) else held == v
        text = f"{name} is {_fmt(held)}" + ("" if ok else f", not one of {_fmt(v)}")
    elif cond.op in ("includes", "includes_any"):
        wanted = v if isinstance(v, tuple) else (v,)
        match = _region_match if name in ("regions", "exports_personal_data_from") else (lambda a, b: a == b)
        hits = [w for w in wanted if any(match(str(h), str(w)) for h in held)]
        ok = bool(hits)
        text = f"{name} include {_fmt(hits)}" if ok else f"{name} ({_fmt(held) or 'none'}) do not include {_fmt(v)}"
    elif cond.op in _COMPARE:
        sign, compare = _COMPARE[cond.op]
        ok = compare(held, v)
        text = f"{name} {_fmt(held)} {sign} {_fmt(v)}" if ok else f"{name} {_fmt(held)} is not {sign} {_fmt(v)}"
    else:  # "is"
        ok = held is v
        text = f"{name} is {_fmt(held)}" if ok else f"{name} is {_fmt(held)}, not {_fmt(v)}"
    return ("true" if ok else "false"), text


def _combine(app: Applicability, profile: Profile) -> tuple[_Truth, list[str]]:
    results = [check_condition(c, profile) for c in app.all]
    if app.any:
        anys = [check_condition(c, profile) for c in app.any]
        hit = [r for r in anys if r[0] == "true"]
        if hit:
            results.append(hit[0])
        elif any(r[0] == "unknown" for r in anys):
            results.append(("unknown", "; or ".join(r[1] for r in anys if r[0] == "unknown")))
        else:
            results.append(("false", "none of: " + "; ".join(r[1] for r in anys)))
    for truth in ("false", "unknown"):
        picked = [text for t, text in results if t == truth]
        if picked:
            return truth, picked  # type: ignore[return-value]
    return "true", [text for _, text in results]


def assess(requirement: Requirement, framework: Framework, profile: Profile, as_of: dt.date) -> Applicable:
    truth, reasons = _combine(
        Applicability(all=framework.applies_when.all + requirement.applies_when.all,
                      any=requirement.applies_when.any or framework.applies_when.any),
        profile,
    )
    dates = []
    start, basis = effective_start(requirement)
    if start is not None:
        started = as_of >= start
        dates.append(f"{'applies' if started else 'applies only'} from {start.isoformat()} ({basis})")
        if not started and truth != "false":
            truth, reasons = "false", []
    if start != requirement.applies_from and requirement.applies_from is not None:
        dates.append(f"moved from {requirement.applies_from.isoformat()} ({requirement.applies_from_basis})")
    dates += [f"proposed change: from {c.applies_from.isoformat()} ({c.basis})"
              for c in requirement.date_changes if c.status == "proposed"]
    if not reasons and truth == "true":
        reasons = ["no conditions: applies to every system"]
    status = _STATUS[truth]
    return Applicable(requirement, status, tuple(reasons + dates))


def effective_start(requirement: Requirement) -> tuple[dt.date | None, str | None]:
    """The date a requirement applies from: the last adopted date change, else `applies_from`."""
    adopted = [c for c in requirement.date_changes if c.status == "adopted"]
    if adopted:
        return adopted[-1].applies_from, adopted[-1].basis
    return requirement.applies_from, requirement.applies_from_basis


def applicable(frameworks: Sequence[Framework], profile: Profile, as_of: dt.date | None = None,
               only: Iterable[str] | None = None) -> list[Applicable]:
    """Every requirement of the chosen frameworks (all when `only` is None), with its status and reasons."""
    day = as_of or profile.as_of or dt.date.today()
    chosen = set(only) if only is not None else None
    return [assess(r, f, profile, day) for f in frameworks if chosen is None or f.id in chosen for r in f.requirements]
