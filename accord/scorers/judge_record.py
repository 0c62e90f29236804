"""Measure a judge model on Accord's labelled harm sets, record the measurement, and hold an audit to it.

`accord judge accuracy --judge-config accord.toml --save FILE` measures the configured judge on the harm sets
(`harm_labelled_*`: real outputs of a small model and written hard cases; `fluent_labelled_*`: fluent answers
written for this purpose) and writes FILE. An audit that uses the judge reads FILE (`[judge] measurement`) and
refuses the judge unless, for every language it judges, Cohen's kappa over both sets is at least `[judge]
min_kappa`, the measurement covers the whole held-out test split, and it was made for this judge (same kind,
model and settings) on the labelled data as they are now. `[judge] allow_unmeasured = true` overrides.
Unparsed answers are counted apart: kappa is computed on the answers the judge labelled.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from accord.config import JudgeConfig
from accord.errors import ConfigError
from accord.scorers.accuracy import DATA, LANGUAGES, JudgeMeasurement, Split, tally
from accord.scorers.judges import Judge, judge_identity
from accord.stats import wilson

SETS = ("harm", "fluent")  # data/{set}_labelled_{language}.jsonl, truth in `harmful`
POOLED = "harm+fluent"
SCHEMA_VERSION = 1
HOW = ("run `accord judge accuracy --judge-config CONFIG --save FILE` and set [judge] measurement = FILE, "
       "or set [judge] allow_unmeasured = true")


def _path(name: str, language: str) -> Path:
    return DATA / f"{name}_labelled_{language}.jsonl"


def _records(name: str, language: str, split: Split) -> list[dict]:
    path = _path(name, language)
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r for r in rows if split == "all" or r.get("split", "dev") == split]


def _digest(name: str, language: str) -> str:
    return hashlib.sha256(_path(name, language).read_bytes()).hexdigest()


def _measurement(judge: str, language: str, dataset: str, split: Split,
                 pairs: Sequence[tuple[bool, bool | None]]) -> JudgeMeasurement:
    c, unparsed = tally(pairs)
    return JudgeMeasurement(judge=judge, language=language, dataset=dataset, split=split, confusion=c,
                            accuracy=wilson(c.tp + c.tn, c.n), unparsed=unparsed)


async def measure_judge(judge: Judge, *, split: Split = "test", limit: int | None = None,
                        sets: Sequence[str] = SETS) -> tuple[JudgeMeasurement, ...]:
    """Per language: one measurement per labelled set (first `limit` records of each), then, with several sets,
    one over all of them (dataset "harm+fluent"), the figure the audit's floor reads."""
    out = []
    for lang in LANGUAGES:
        pooled: list[tuple[bool, bool | None]] = []
        for name in sets:
            rows = _records(name, lang, split)[:limit]
            found = await asyncio.gather(*(judge.judge(r["response"], prompt=r["prompt"], concern=r["concern"],
                                                       language=lang) for r in rows))
            pairs = [(bool(r["harmful"]), None if j.label == "unparsed" else j.label == "harmful")
                     for r, j in zip(rows, found, strict=True)]
            pooled += pairs
            out.append(_measurement(judge.name, lang, _path(name, lang).name, split, pairs))
        if len(sets) > 1:
            out.append(_measurement(judge.name, lang, POOLED, split, pooled))
    return tuple(out)


class MeasuredLine(BaseModel):
    language: str
    dataset: str
    n: int
    unparsed: int
    accuracy: float
    precision: float
    recall: float
    kappa: float


class JudgeRecord(BaseModel):
    """A judge's recorded measurement (`accord judge accuracy --save`)."""

    schema_version: Literal[1] = 1  # SCHEMA_VERSION
    identity: dict[str, str]
    split: str
    limit: int | None
    measured_at: dt.datetime
    datasets: dict[str, str]  # labelled file -> sha256 of its bytes when measured
    lines: list[MeasuredLine]


def record_of(config: JudgeConfig, measured: Sequence[JudgeMeasurement], *, split: str,
              limit: int | None) -> JudgeRecord:
    lines = [MeasuredLine(language=m.language, dataset=m.dataset, n=m.confusion.n, unparsed=m.unparsed,
                          accuracy=round(m.confusion.accuracy, 4), precision=round(m.confusion.precision, 4),
                          recall=round(m.confusion.recall, 4), kappa=round(m.confusion.kappa, 4)) for m in measured]
    return JudgeRecord(identity=judge_identity(config), split=split, limit=limit,
                       measured_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
                       datasets={_path(s, lang).name: _digest(s, lang) for lang in LANGUAGES for s in SETS},
                       lines=lines)


def save_record(record: JudgeRecord, path: Path) -> None:
    path.write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")


def load_record(path: Path) -> JudgeRecord:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the judge's measurement {path} ({type(exc).__name__}): {HOW}") from None
    if isinstance(raw, dict) and isinstance(raw.get("schema_version"), int) and raw["schema_version"] > SCHEMA_VERSION:
        raise ConfigError(f"{path} was written by a newer Accord (schema {raw['schema_version']}): update Accord")
    try:
        return JudgeRecord.model_validate(raw)
    except ValidationError:
        raise ConfigError(f"{path} is not a judge measurement: {HOW}") from None


def require_measured(config: JudgeConfig, languages: Sequence[str]) -> None:
    """Raise ConfigError (one line, saying what to do) unless the judge may label answers in `languages`."""
    identity = judge_identity(config)  # also refuses settings the judge's kind cannot take
    if config.allow_unmeasured:
        return
    if config.measurement is None:
        raise ConfigError(f"the judge model ([judge]) has no recorded measurement: {HOW}")
    rec = load_record(config.measurement)
    where = config.measurement
    if rec.identity != identity:
        raise ConfigError(f"{where} measured another judge ({_brief(rec.identity)}), not this one "
                          f"({_brief(identity)}): {HOW}")
    if rec.split != "test" or rec.limit is not None:
        part = f"the first {rec.limit} records" if rec.limit is not None else f"the {rec.split} split"
        raise ConfigError(f"{where} measured the judge on {part}; measure it on the whole test split "
                          f"(no --limit): {HOW}")
    now = {_path(s, lang).name: _digest(s, lang) for lang in LANGUAGES for s in SETS}
    if rec.datasets != now:
        raise ConfigError(f"Accord's labelled sets changed since {where} was measured: {HOW}")
    pooled = {line.language: line for line in rec.lines if line.dataset == POOLED}
    for lang in languages:
        line = pooled.get(lang)
        if line is None:
            raise ConfigError(f"{where} has no measurement in {lang!r}: {HOW}")
        if line.n == 0 or line.kappa < config.min_kappa:
            raise ConfigError(
                f"the judge's measured Cohen's kappa in {lang} is {line.kappa:.3f} (n={line.n}, {line.unparsed} "
                f"unparsed), below [judge] min_kappa = {config.min_kappa}: use a judge that agrees better with the "
                f"labels, or set [judge] allow_unmeasured = true to use it anyway")


def _brief(identity: dict[str, str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in identity.items())
