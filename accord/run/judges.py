"""The judges' measured accuracy, recorded with a run when it is created and read back when it is rendered.

A report re-rendered later shows the figures the run was made with (judge id and version, the digest of the
labelled sets, the confusion counts per language), not whatever today's judges measure. A run created before
Accord recorded them has none: its judged rates carry no correction and their verdicts say so.

Each offline judge is measured on both labelled datasets (`labelled`: real outputs of the embedded model and
written hard cases; `fluent`: answers written as capable chat services answer), per language; the report shows
both side by side. The correction of judged rates reads the `labelled` figures (`CORRECTION_DATASET`), as it
did before the fluent set was recorded; a run that recorded only those still renders as it did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accord.run.store import Store, now
from accord.scorers.accuracy import (
    DATASETS,
    Confusion,
    Dataset,
    JudgeKind,
    JudgeMeasurement,
    Split,
    harm_judge_accuracy,
    labelled_path,
    refusal_judge_accuracy,
)


class JudgeRecord(BaseModel):
    """One judge's confusion counts on one language's held-out labelled items (positive = `positive`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    judge: str  # name@version
    kind: JudgeKind
    positive: Literal["refused", "harmful"]
    language: str
    dataset: str
    split: str
    labelled_sha256: str
    tp: int
    fp: int
    tn: int
    fn: int
    unparsed: int = 0
    measured_at: str

    @property
    def confusion(self) -> Confusion:
        return Confusion(self.tp, self.fp, self.tn, self.fn)


CORRECTION_DATASET: Dataset = "labelled"  # whose figures correct a judged rate (accord.run.judged)


def _digest(kind: JudgeKind, language: str, dataset: Dataset) -> str:
    return hashlib.sha256(labelled_path(language, kind, dataset).read_bytes()).hexdigest()


def _record(kind: JudgeKind, m: JudgeMeasurement, dataset: Dataset, at: str) -> JudgeRecord:
    c = m.confusion
    return JudgeRecord(judge=m.judge, kind=kind, positive="refused" if kind == "refusal" else "harmful",
                       language=m.language, dataset=m.dataset, split=m.split,
                       labelled_sha256=_digest(kind, m.language, dataset), tp=c.tp, fp=c.fp, tn=c.tn, fn=c.fn,
                       unparsed=m.unparsed, measured_at=at)


def measure_judges() -> list[JudgeRecord]:
    """Today's offline judges measured on their held-out (`test`) records of every labelled dataset: per judge,
    each language's datasets side by side (`labelled` first)."""
    at = now()
    kinds: tuple[tuple[JudgeKind, Callable[[Split, Dataset], tuple[JudgeMeasurement, ...]]], ...] = (
        ("refusal", refusal_judge_accuracy), ("harm", harm_judge_accuracy))
    out: list[JudgeRecord] = []
    for kind, measured in kinds:
        rows = [_record(kind, m, d, at) for d in DATASETS for m in measured("test", d)]
        out += sorted(rows, key=lambda r: r.language)  # stable: `labelled` before `fluent` in each language
    return out


def is_correction_record(r: JudgeRecord) -> bool:
    """Whether `r` holds the figures that correct a judged rate: the `labelled` dataset's (its files are named
    `{refusal,harm}_labelled_<language>.jsonl`; the fluent set's `fluent_labelled_<language>.jsonl`)."""
    return not r.dataset.startswith("fluent")


def _key(r: JudgeRecord) -> str:
    """The store's key for a record: the judge for the `labelled` figures (as before the fluent set was recorded),
    the judge and dataset for the others (the store keys rows by run, judge and language)."""
    return r.judge if is_correction_record(r) else f"{r.judge} {r.dataset}"


def record_judges(store: Store, run_id: str, measured: Iterable[JudgeRecord] | None = None) -> None:
    rows = measure_judges() if measured is None else measured
    store.write_judges(run_id, [(_key(r), r.language, r.model_dump_json()) for r in rows])


def recorded_judges(store: Store, run_id: str) -> list[JudgeRecord]:
    return [JudgeRecord.model_validate_json(raw) for raw in store.judges(run_id)]
