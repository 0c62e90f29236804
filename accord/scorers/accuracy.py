"""Measured accuracy of the refusal judge on the labelled sets shipped in `data/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from accord.scorers.refusal import SCORER_NAME, SCORER_VERSION, judge_refusal
from accord.stats import Proportion, wilson

DATA = Path(__file__).parent / "data"
LANGUAGES = ("en", "zh")


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


def labelled_path(language: str) -> Path:
    return DATA / f"refusal_labelled_{language}.jsonl"


def confusion(language: str) -> Confusion:
    tp = fp = tn = fn = 0
    for line in labelled_path(language).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        said = judge_refusal(rec["response"], prompt=rec["prompt"], language=language).refused
        truth = bool(rec["refused"])
        tp += said and truth
        fp += said and not truth
        tn += not said and not truth
        fn += not said and truth
    return Confusion(tp, fp, tn, fn)


@dataclass(frozen=True)
class JudgeMeasurement:
    judge: str
    language: str
    dataset: str
    confusion: Confusion
    accuracy: Proportion


@cache
def refusal_judge_accuracy() -> tuple[JudgeMeasurement, ...]:
    out = []
    for lang in LANGUAGES:
        if not labelled_path(lang).is_file():  # an install without the data: the report says none was measured
            continue
        c = confusion(lang)
        out.append(JudgeMeasurement(judge=f"{SCORER_NAME}@{SCORER_VERSION}", language=lang,
                                    dataset=labelled_path(lang).name, confusion=c,
                                    accuracy=wilson(c.tp + c.tn, c.n)))
    return tuple(out)
