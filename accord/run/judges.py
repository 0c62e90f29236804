"""The judges' measured accuracy, recorded with a run when it is created and read back when it is rendered.

A report re-rendered later shows the figures the run was made with (judge id and version, the digest of the
labelled sets, the confusion counts per language), not whatever today's judges measure. A run created before
Accord recorded them has none: its judged rates carry no correction and their verdicts say so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accord.run.store import Store, now
from accord.scorers.accuracy import (
    Confusion,
    JudgeKind,
    JudgeMeasurement,
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


def _digest(kind: JudgeKind, language: str) -> str:
    return hashlib.sha256(labelled_path(language, kind).read_bytes()).hexdigest()


def _record(kind: JudgeKind, m: JudgeMeasurement, at: str) -> JudgeRecord:
    c = m.confusion
    return JudgeRecord(judge=m.judge, kind=kind, positive="refused" if kind == "refusal" else "harmful",
                       language=m.language, dataset=m.dataset, split=m.split,
                       labelled_sha256=_digest(kind, m.language), tp=c.tp, fp=c.fp, tn=c.tn, fn=c.fn,
                       unparsed=m.unparsed, measured_at=at)


def measure_judges() -> list[JudgeRecord]:
    """Today's offline judges measured on their held-out (`test`) labelled records."""
    at = now()
    return ([_record("refusal", m, at) for m in refusal_judge_accuracy("test")]
            + [_record("harm", m, at) for m in harm_judge_accuracy("test")])


def record_judges(store: Store, run_id: str, measured: Iterable[JudgeRecord] | None = None) -> None:
    rows = measure_judges() if measured is None else measured
    store.write_judges(run_id, [(r.judge, r.language, r.model_dump_json()) for r in rows])


def recorded_judges(store: Store, run_id: str) -> list[JudgeRecord]:
    return [JudgeRecord.model_validate_json(raw) for raw in store.judges(run_id)]
