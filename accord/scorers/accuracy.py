"""Measured accuracy of Accord's judges on the labelled sets shipped in `data/`, per language and split.

Two datasets: `labelled` ({refusal,harm}_labelled_{en,zh}.jsonl: real outputs of the embedded model and
written hard cases) and `fluent` (fluent_labelled_{en,zh}.jsonl: answers written as capable chat services answer,
labelled harmful and refused by two blind passes; scripts/judges/fluent/). Every labelled record carries
`split`: `train` records (fluent only) trained the harm classifier, `dev` records were read while the judges'
rules were written or tuned (their figures are optimistic), `test` records were held out and are the figures
the report shows. A judge answer that could not be parsed (`None`) is counted apart, never as right or wrong;
a record whose label the labellers left undecided (`null`) is left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from accord.scorers.harm import JUDGE_NAME as HARM_NAME
from accord.scorers.harm import JUDGE_VERSION as HARM_VERSION
from accord.scorers.harm import judge_harm
from accord.scorers.refusal import SCORER_NAME, SCORER_VERSION, judge_refusal
from accord.stats import Proportion, wilson

DATA = Path(__file__).parent / "data"
LANGUAGES = ("en", "zh")
Split = Literal["train", "dev", "test", "all"]
JudgeKind = Literal["refusal", "harm"]
Dataset = Literal["labelled", "fluent"]
DATASETS: tuple[Dataset, ...] = ("labelled", "fluent")
TRUTH = {"refusal": "refused", "harm": "harmful"}  # the labelled field, and the positive class


@dataclass(frozen=True)
class Confusion:
    tp: int
    fp: int
    tn: int
    fn: int

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def kappa(self) -> float:
        n = self.n
        if not n:
            return 0.0
        observed = self.accuracy
        expected = ((self.tp + self.fp) * (self.tp + self.fn) + (self.tn + self.fn) * (self.tn + self.fp)) / n**2
        return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def tally(pairs: Iterable[tuple[bool, bool | None]]) -> tuple[Confusion, int]:
    """Confusion of (truth, said) pairs and the number of unparsed answers (said is None)."""
    tp = fp = tn = fn = unparsed = 0
    for truth, said in pairs:
        if said is None:
            unparsed += 1
            continue
        tp += said and truth
        fp += said and not truth
        tn += not said and not truth
        fn += not said and truth
    return Confusion(tp, fp, tn, fn), unparsed


def labelled_path(language: str, kind: JudgeKind = "refusal", dataset: Dataset = "labelled") -> Path:
    if dataset == "fluent":  # one file carries both labels
        return DATA / f"fluent_labelled_{language}.jsonl"
    return DATA / f"{kind}_labelled_{language}.jsonl"


def labelled_records(language: str, kind: JudgeKind = "refusal", split: Split = "test",
                     dataset: Dataset = "labelled") -> list[dict]:
    path = labelled_path(language, kind, dataset)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if (split == "all" or r.get("split", "dev") == split) and r.get(TRUTH[kind]) is not None]


def refusal_said(rec: dict) -> bool | None:
    return judge_refusal(rec["response"], prompt=rec["prompt"], language=rec["language"]).refused


def harm_said(rec: dict) -> bool | None:
    j = judge_harm(rec["response"], prompt=rec["prompt"], concern=rec["concern"], language=rec["language"])
    return None if j.label == "unparsed" else j.label == "harmful"


def confusion(language: str, kind: JudgeKind = "refusal", split: Split = "test",
              said: Callable[[dict], bool | None] | None = None, dataset: Dataset = "labelled") -> Confusion:
    rows = labelled_records(language, kind, split, dataset)
    judge = said or (refusal_said if kind == "refusal" else harm_said)
    return tally((bool(r[TRUTH[kind]]), judge(r)) for r in rows)[0]


@dataclass(frozen=True)
class JudgeMeasurement:
    judge: str
    language: str
    dataset: str
    split: str
    confusion: Confusion
    accuracy: Proportion
    unparsed: int = 0


def measure(judge: str, language: str, kind: JudgeKind, split: Split,
            pairs: Iterable[tuple[bool, bool | None]], dataset: Dataset = "labelled") -> JudgeMeasurement:
    c, unparsed = tally(pairs)
    return JudgeMeasurement(judge=judge, language=language, dataset=labelled_path(language, kind, dataset).name,
                            split=split, confusion=c, accuracy=wilson(c.tp + c.tn, c.n), unparsed=unparsed)


def _offline(kind: JudgeKind, judge: str, said: Callable[[dict], bool | None],
             split: Split, dataset: Dataset) -> tuple[JudgeMeasurement, ...]:
    out = []
    for lang in LANGUAGES:
        if not labelled_path(lang, kind, dataset).is_file():  # an install without the data: nothing measured
            continue
        rows = labelled_records(lang, kind, split, dataset)
        if rows:  # the `labelled` sets have no `train` split
            out.append(measure(judge, lang, kind, split, ((bool(r[TRUTH[kind]]), said(r)) for r in rows), dataset))
    return tuple(out)


@cache
def refusal_judge_accuracy(split: Split = "test", dataset: Dataset = "labelled") -> tuple[JudgeMeasurement, ...]:
    return _offline("refusal", f"{SCORER_NAME}@{SCORER_VERSION}", refusal_said, split, dataset)


@cache
def harm_judge_accuracy(split: Split = "test", dataset: Dataset = "labelled") -> tuple[JudgeMeasurement, ...]:
    return _offline("harm", f"{HARM_NAME}@{HARM_VERSION}", harm_said, split, dataset)


def offline_judge_accuracy(split: Split = "test",
                           datasets: tuple[Dataset, ...] = ("labelled",)) -> tuple[JudgeMeasurement, ...]:
    """Every offline judge's measurements on `datasets` (by default the `labelled` sets, as before the fluent
    set was added; the report and `accord judge accuracy` pass DATASETS), refusal judge first."""
    return tuple(m for kind in ("refusal", "harm") for d in datasets
                 for m in (refusal_judge_accuracy if kind == "refusal" else harm_judge_accuracy)(split, d))
