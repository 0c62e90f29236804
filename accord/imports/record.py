"""An imported transcript becomes a run in the store, judged by Accord's own judges like an audit's answers.

Each mapped item becomes a planned probe of the check its kind names (`mapping.toml`) and one item record: the
answer the tool recorded, judged by that check's own scorer under the config's judge settings (the same
`check.score` an audit calls), with the tool's own verdict and the mapping kept in the record's `detail`. An item
with no answer is recorded as an error with its reason; an unmapped item is counted nowhere and listed on the
run's target. The run's target (`imported`) names the tool, its version, the file and its SHA-256, so every report
of the run says where its evidence came from.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from accord import __version__
from accord.checks import ChatCheck, check_session, registered_checks
from accord.config import AuditConfig
from accord.errors import ConfigError
from accord.imports.mapping import Mapped, map_probe
from accord.imports.model import ImportedItem, Transcript
from accord.plugins import parse_config
from accord.probes import Probe
from accord.probes.wrappers import IMPORTED, SEP
from accord.results import ItemRecord, RunOptions, now
from accord.run.judges import record_judges
from accord.run.runner import reason_of
from accord.run.store import Store
from accord.scorers.refusal import detect_language
from accord.targets import Reply


@dataclass(frozen=True)
class ImportOutcome:
    run_id: str
    target: str
    counted: dict[str, int]  # check -> items recorded for it
    unmapped: dict[str, int]  # tool probe -> items counted nowhere
    without_answer: int


@dataclass(frozen=True)
class _Planned:
    probe: Probe
    item: ImportedItem
    mapped: Mapped
    language_from: str


def import_transcript(transcript: Transcript, config: AuditConfig, store: Store, *, as_kind: str | None = None,
                      name: str | None = None) -> ImportOutcome:
    """Record `transcript` as a new finished run of `config` (its profile, frameworks and judge settings), with
    the imported system as its only target."""
    planned, unmapped = _plan(transcript, as_kind)
    if not planned:
        left = ", ".join(f"{p} ({n})" for p, n in sorted(unmapped.items()))
        raise ConfigError(f"{transcript.source}: no item evidences an Accord metric (unmapped probes: {left}); "
                          "name their kind with --as")
    target_name = name or f"{transcript.tool}-import"
    run_config = _config(config, transcript, target_name, unmapped)
    by_check: dict[str, list[_Planned]] = {}
    for p in planned:
        by_check.setdefault(p.mapped.check, []).append(p)
    config_json = run_config.model_dump_json()
    options = RunOptions(banks=(f"{transcript.tool}:{transcript.source}@{transcript.tool_version}"
                                f"#{transcript.sha256}",))
    key = hashlib.sha256((config_json + options.model_dump_json()).encode()).hexdigest()[:16]
    plan = [(target_name, check, [(p.probe.id, p.probe.model_dump_json()) for p in items])
            for check, items in by_check.items()]
    run_id = store.create_run(key, run_config.name, config_json, options, __version__, plan)
    record_judges(store, run_id)
    checks = registered_checks()
    for check_id, items in by_check.items():
        check = checks[check_id]
        assert isinstance(check, ChatCheck)
        asyncio.run(_judge_all(check, run_config, run_id, target_name, transcript, items, store))
    store.set_status(run_id, "finished")
    return ImportOutcome(run_id=run_id, target=target_name, counted={c: len(v) for c, v in by_check.items()},
                         unmapped=unmapped, without_answer=sum(p.item.answer is None for p in planned))


def _plan(transcript: Transcript, as_kind: str | None) -> tuple[list[_Planned], dict[str, int]]:
    planned: list[_Planned] = []
    unmapped: Counter[str] = Counter()
    seen: set[str] = set()
    for item in transcript.items:
        mapped = map_probe(transcript.tool, item.probe, as_kind)
        if mapped is None:
            unmapped[item.probe] += 1
            continue
        item_id = item.item_id + (f"{SEP}{IMPORTED}" if mapped.kind == "attack" else "")
        if item_id in seen:
            raise ConfigError(f"{transcript.source}: item {item.item_id!r} appears twice; Accord will not count "
                              "one answer twice")
        seen.add(item_id)
        prompt = next((c for r, c in reversed(item.messages) if r == "user"), "")
        language, language_from = ((item.language, transcript.tool) if item.language
                                   else (detect_language(prompt or item.answer or ""), "detected by Accord"))
        messages = [{"role": r, "content": c} for r, c in item.messages] or [{"role": "user", "content": ""}]
        probe = Probe(id=item_id, messages=messages, language=language, concern=mapped.concern,
                      expected=mapped.expected,  # type: ignore[arg-type]
                      source=f"{transcript.tool} {transcript.tool_version}: {item.probe}")
        planned.append(_Planned(probe, item, mapped, language_from))
    return planned, dict(unmapped)


def _config(config: AuditConfig, transcript: Transcript, target_name: str, unmapped: dict[str, int]) -> AuditConfig:
    raw = json.loads(config.model_dump_json())
    raw["name"] = f"Import of {transcript.source} ({transcript.tool} {transcript.tool_version})"
    raw["targets"] = [dict(type="imported", name=target_name, tool=transcript.tool,
                           tool_version=transcript.tool_version, format_version=transcript.format_version,
                           source=transcript.source, sha256=transcript.sha256, system=transcript.system,
                           unmapped=unmapped)]
    return parse_config(raw, source=f"import of {transcript.source}")


async def _judge_all(check: ChatCheck, config: AuditConfig, run_id: str, target: str, transcript: Transcript,
                     items: list[_Planned], store: Store) -> None:
    async with check_session(check, config) as live:
        for p in items:
            store.write_item(await _judge_one(live, check.id, run_id, target, transcript, p))


async def _judge_one(check: ChatCheck, check_id: str, run_id: str, target: str, transcript: Transcript,
                     p: _Planned) -> ItemRecord:
    detail = dict(tool=transcript.tool, tool_version=transcript.tool_version, source=transcript.source,
                  source_sha256=transcript.sha256, tool_item=p.item.item_id, tool_probe=p.item.probe,
                  tool_verdict=p.item.tool_verdict, kind=p.mapped.kind, mapped_by=p.mapped.by,
                  language_from=p.language_from)
    common = dict(run_id=run_id, target=target, check=check_id, item_id=p.probe.id, language=p.probe.language,
                  concern=p.probe.concern, expected=p.probe.expected, messages=p.probe.conversation(), params={},
                  attempts=1, detail=detail)
    if p.item.answer is None:
        return ItemRecord(status="error", error=p.item.problem or "the tool recorded no answer for this item",
                          finished_at=now(), **common)
    try:
        scored = await check.score(p.probe, Reply(text=p.item.answer))
    except Exception as exc:  # recorded as this item's error, like an audit's scoring failure
        return ItemRecord(status="error", response=p.item.answer, error=f"scoring by {check_id} failed: "
                          f"{reason_of(exc)}", finished_at=now(), **common)
    return ItemRecord(status="ok", response=p.item.answer, label=scored.label, score=scored.score,
                      scorer=scored.scorer, finished_at=now(), **common)
