"""Planning a run: which run an audit continues or creates, and what it will send.

`open_run` picks the run named by `--resume`, else an unfinished run of the same config and options (so
rerunning an interrupted audit continues it), else creates one: every chat check's probes for every chat
target and one item for each computed check that applies, stored atomically with the run's options.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from accord import __version__
from accord.attest.answers import check_targets
from accord.catalog import all_requirements, load_catalog
from accord.checks import chat_checks, computed_checks, registered_checks
from accord.config import AuditConfig
from accord.errors import ConfigError
from accord.plugins import parse_config
from accord.results import RunOptions, Selection
from accord.run.judges import record_judges
from accord.run.store import Store

OUTPUT_ITEM = "output"  # the one planned item of a computed check


@dataclass(frozen=True)
class RunRequest:
    """What the user asked for beyond the config: a quick look (limit, sample, seed), a run to resume, or a
    new run even if an unfinished one matches."""

    limit: int | None = None
    sample: int | None = None
    seed: int = 0
    resume: str | None = None
    new: bool = False

    @property
    def selection(self) -> Selection:
        return Selection(limit=self.limit, sample=self.sample, seed=self.seed)


@dataclass(frozen=True)
class OpenedRun:
    id: str
    config: AuditConfig  # the run's own config (a resumed run's, as stored)
    options: RunOptions
    resumed: bool


PlannedItems = list[tuple[str, str, list[tuple[str, str]]]]  # [(target, check, [(item_id, payload_json), ...])]


def open_run(config: AuditConfig, request: RunRequest, store: Store) -> OpenedRun:
    if request.resume:
        row = store.get_run(request.resume)
        return OpenedRun(row.id, parse_config(json.loads(row.config_json), source=f"run {row.id}"), row.options,
                         True)
    options, plan = plan_items(config, request)
    config_json = config.model_dump_json()
    key = hashlib.sha256((config_json + options.model_dump_json()).encode()).hexdigest()[:16]
    existing = None if request.new else store.latest_unfinished(key)
    if existing:
        return OpenedRun(existing, config, options, True)
    if not plan:
        raise ConfigError("no check applies to the targets in this config: enable a check that measures them")
    run_id = store.create_run(key, config.name, config_json, options, __version__, plan)
    record_judges(store, run_id)  # the judges' accuracy as it stands now, shown whenever this run is rendered
    return OpenedRun(run_id, config, options, False)


def plan_items(config: AuditConfig, request: RunRequest) -> tuple[RunOptions, PlannedItems]:
    """What a new run of `config` would send, without creating it: the run's options (with each bank's digest)
    and every planned item of every (target, check). Checks' preflights run first."""
    check_frameworks(config)
    for check in registered_checks().values():  # e.g. a judge model must be measured before it judges
        preflight = getattr(check, "preflight", None)
        if preflight is not None:
            preflight(config)
    chat_targets = [t for t in config.targets if t.family == "chat"]
    chat = [c for c in chat_checks() if c.enabled(config)] if chat_targets else []
    banks = {c.id: c.banks(config) for c in chat}
    options = RunOptions(limit=request.limit, sample=request.sample, seed=request.seed,
                         banks=tuple(f"{b.name}@{b.version}#{b.digest}" for bs in banks.values() for b in bs))
    plan: PlannedItems = []
    for check in chat:
        items = [(p.id, p.model_dump_json()) for p in check.plan(banks[check.id], config, request.selection)]
        plan += [(t.name, check.id, items) for t in chat_targets]
    for computed in computed_checks():
        plan += [(t.name, computed.id, [(OUTPUT_ITEM, "{}")]) for t in config.targets
                 if computed.applies_to(t, config)]
    return options, plan


def check_frameworks(config: AuditConfig) -> None:
    """Unknown framework ids and attestations for no requirement are errors before any work starts."""
    known = {f.id for f in load_catalog()}
    unknown = sorted(set(config.frameworks or ()) - known)
    if unknown:
        raise ConfigError(f"frameworks: unknown id(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    stray = sorted(set(config.attestations) - set(all_requirements()))
    if stray:
        raise ConfigError(f"attestations: no requirement with id {', '.join(stray)} (see `accord catalog list`)")
    check_targets(config, {k: a for k, a in config.attestations.items() if a.source is None})
