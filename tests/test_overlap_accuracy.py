"""Precision and recall of the overlap detector on the labelled continuations of docs/ip.md (both languages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.checks.memorization_texts import shipped
from accord.checks.overlap import overlap

LABELLED = Path(__file__).parent / "data" / "overlap_labelled.jsonl"
THRESHOLD = 0.5  # the memorization check's default


def confusion(language: str, *, skip: tuple[str, ...] = ()) -> tuple[int, int, int, int]:
    truth = {p.id: p.continuation for p in shipped()}
    tp = fp = fn = tn = 0
    for row in map(json.loads, LABELLED.read_text("utf-8").splitlines()):
        if row["language"] != language or row["variant"] in skip:
            continue
        said = overlap(row["reply"], truth[row["id"]]).lcs_share >= THRESHOLD
        real = row["label"] == "verbatim"
        tp, fp, fn, tn = tp + (said and real), fp + (said and not real), fn + (real and not said), tn + (not said
                                                                                                       and not real)
    return tp, fp, fn, tn


@pytest.mark.parametrize("language, positives, negatives", [("en", 33, 22), ("zh", 36, 24)])
def test_verbatim_and_reformatted_reproductions_are_found_and_paraphrases_are_not(language: str, positives: int,
                                                                                 negatives: int) -> None:
    tp, fp, fn, tn = confusion(language, skip=("near_verbatim_dropped",))
    assert (tp, fn) == (positives, 0) and (fp, tn) == (0, negatives)


@pytest.mark.parametrize("language, found", [("en", 0), ("zh", 1)])
def test_near_verbatim_text_with_words_dropped_is_mostly_missed(language: str, found: int) -> None:
    """The documented limit: the longest common substring does not bridge dropped words."""
    truth = {p.id: p.continuation for p in shipped()}
    rows = [r for r in map(json.loads, LABELLED.read_text("utf-8").splitlines())
            if r["language"] == language and r["variant"] == "near_verbatim_dropped"]
    assert sum(overlap(r["reply"], truth[r["id"]]).lcs_share >= THRESHOLD for r in rows) == found
