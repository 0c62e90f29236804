"""The pre-registered test plan: what an audit will measure and how, frozen before any probe is sent.

`make_plan` records the applicable requirements with their rules, the checks and their settings, each probe
bank's digest, the sampling seed and sizes, every planned item's digest, the judges with the digests of their
labelled sets, the catalog's digest, Accord's version and the targets' descriptions (never a secret: a target's
description and the config name the environment variable that holds a key, not the key). `differences` names
each field in which a plan and the plan an audit would make now disagree; `accord audit --plan` refuses to start
on any.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import rfc8785
from pydantic import BaseModel, ConfigDict, ValidationError

from accord import __version__
from accord.catalog import applicable, load_catalog
from accord.config import AuditConfig
from accord.errors import ConfigError
from accord.run.judges import JudgeRecord, measure_judges
from accord.run.plan import PlannedItems, RunRequest, plan_items

PLAN_VERSION = 1


class _M(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlannedTarget(_M):
    name: str
    type: str
    description: str


class PlannedCheck(_M):
    """One check on one target: how many items it will send and the digest of exactly those items."""

    target: str
    check: str
    items: int
    items_sha256: str


class PlannedRequirement(_M):
    """A requirement that applies to a target, with the rule that will decide it (if a measurement does)."""

    target: str
    requirement: str
    applicability: str
    metric: str | None = None
    op: str | None = None
    threshold: float | None = None
    min_n: int | None = None
    attestation: bool = False


class PlannedJudge(_M):
    judge: str  # name@version
    language: str
    dataset: str
    split: str
    labelled_sha256: str


class Selection(_M):
    limit: int | None = None
    sample: int | None = None
    seed: int = 0


class TestPlan(_M):
    __test__ = False  # not a pytest class

    plan_version: int = PLAN_VERSION
    created_at: str
    accord_version: str
    name: str
    config_sha256: str
    catalog_sha256: str
    as_of: str  # the date applicability was judged against
    selection: Selection
    sampling: dict[str, float | int | None]
    targets: list[PlannedTarget]
    checks: list[PlannedCheck]
    check_settings: dict[str, dict]
    banks: list[str]  # name@version#digest
    requirements: list[PlannedRequirement]
    judges: list[PlannedJudge]


def canonical(data: Any) -> bytes:
    """RFC 8785 (JSON Canonicalization Scheme) bytes."""
    return rfc8785.dumps(data)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def catalog_sha256() -> str:
    """The digest of the catalog this Accord judges with (every framework, as loaded)."""
    return sha256(canonical([f.model_dump(mode="json") for f in load_catalog()]))


def items_sha256(items: Iterable[tuple[str, str]]) -> str:
    return sha256(canonical([[item_id, payload] for item_id, payload in items]))


def config_sha256(config: AuditConfig) -> str:
    return sha256(config.model_dump_json().encode())


def planned_judges(records: Iterable[JudgeRecord]) -> list[PlannedJudge]:
    return [PlannedJudge(judge=r.judge, language=r.language, dataset=r.dataset, split=r.split,
                         labelled_sha256=r.labelled_sha256) for r in records]


def planned_checks(plan: PlannedItems) -> list[PlannedCheck]:
    return [PlannedCheck(target=t, check=c, items=len(items), items_sha256=items_sha256(items))
            for t, c, items in plan]


def planned_requirements(config: AuditConfig, on: dt.date) -> list[PlannedRequirement]:
    out = []
    for target in config.targets:
        profile = config.profile_for(target)
        for a in applicable(load_catalog(), profile, profile.as_of or on, only=config.frameworks):
            r, e = a.requirement, a.requirement.evidence
            out.append(PlannedRequirement(
                target=target.name, requirement=r.id, applicability=a.status,
                metric=e.metric if e else None, op=e.op if e else None, threshold=e.threshold if e else None,
                min_n=e.min_n if e else None, attestation=r.attestation is not None))
    return out


def make_plan(config: AuditConfig, selection: Selection, on: dt.date | None = None) -> TestPlan:
    """The plan a new audit of `config` with `selection` would run today (or `on`). Sends nothing."""
    day = on or dt.datetime.now(dt.UTC).date()
    options, items = plan_items(config, RunRequest(limit=selection.limit, sample=selection.sample,
                                                   seed=selection.seed))
    if not items:
        raise ConfigError("no check applies to the targets in this config: enable a check that measures them")
    return TestPlan(
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), accord_version=__version__,
        name=config.name, config_sha256=config_sha256(config), catalog_sha256=catalog_sha256(),
        as_of=day.isoformat(), selection=selection, sampling=config.sampling.model_dump(),
        targets=[PlannedTarget(name=t.name, type=t.type, description=t.describe()) for t in config.targets],
        checks=planned_checks(items),
        check_settings={k: v.model_dump(mode="json") for k, v in sorted(config.checks.items())},
        banks=list(options.banks), requirements=planned_requirements(config, day),
        judges=planned_judges(measure_judges()),
    )


def plan_bytes(plan: TestPlan) -> bytes:
    return canonical(plan.model_dump(mode="json"))


def write_plan(plan: TestPlan, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(plan_bytes(plan))
    except OSError as exc:
        raise ConfigError(f"cannot write the plan {path}: {exc.strerror or exc}") from None


def parse_plan(data: bytes, source: str) -> TestPlan:
    try:
        plan = TestPlan.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise ConfigError(f"{source} is not an Accord test plan: {where}: {first['msg']}") from None
    if plan.plan_version > PLAN_VERSION:
        raise ConfigError(f"{source} was written by a newer Accord (plan version {plan.plan_version}); upgrade")
    return plan


def read_plan(path: Path) -> TestPlan:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the plan {path}: {exc.strerror or exc}") from None
    return parse_plan(data, str(path))


# the fields that must agree for a run to be the plan's (not when it was written, nor the day it is run on)
COMPARED = ("accord_version", "name", "config_sha256", "catalog_sha256", "selection", "sampling", "targets",
            "checks", "check_settings", "banks", "requirements", "judges")


def differences(plan: TestPlan, now: TestPlan) -> list[str]:
    """One line per field where `now` (what an audit would use) departs from `plan`, naming what differs."""
    out = []
    for name in COMPARED:
        a, b = getattr(plan, name), getattr(now, name)
        if a == b:
            continue
        if isinstance(a, list):
            dump = lambda x: canonical(x.model_dump(mode="json") if isinstance(x, BaseModel) else x)  # noqa: E731
            gone = [x for x in a if dump(x) not in {dump(y) for y in b}]
            new = [y for y in b if dump(y) not in {dump(x) for x in a}]
            parts = ([f"planned but not now: {_short(gone)}"] if gone else []) + (
                [f"now but not planned: {_short(new)}"] if new else [])
            out.append(f"{name}: " + ("; ".join(parts) or "order differs"))
        else:
            plain = lambda x: x.model_dump(mode="json") if isinstance(x, BaseModel) else x  # noqa: E731
            out += [f"{name}{path}: plan {_one(x)}, now {_one(y)}" for path, x, y in _paths(plain(a), plain(b))]
    return out


def _paths(a: object, b: object, path: str = "") -> list[tuple[str, object, object]]:
    """(.key.path, planned, now) for each leaf where two JSON values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in _paths(a.get(k), b.get(k), f"{path}.{k}")
                if a.get(k) != b.get(k)]
    return [] if a == b else [(path, a, b)]


def _one(v: object) -> str:
    if isinstance(v, BaseModel):
        d = v.model_dump(exclude_defaults=True)
        return "{" + ", ".join(f"{k}={_one(x)}" for k, x in d.items()) + "}"
    if isinstance(v, str) and len(v) == 64 and all(c in "0123456789abcdef" for c in v):
        return v[:12] + "…"  # a digest
    return str(v)


def _short(values: list) -> str:
    text = ", ".join(_one(v) for v in values[:3])
    return text + (f" and {len(values) - 3} more" if len(values) > 3 else "")
