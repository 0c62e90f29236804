"""Accuracy of the scanner on the generated multi-locale benchmark (tests/support/pii_corpus.py): precision
and recall of every entity type at least 0.97, on two seeds. The ground truth is checked first."""

from __future__ import annotations

from functools import cache

import phonenumbers
import pytest

from accord.scan import Scanner
from tests.support.pii_corpus import (
    TYPES,
    LabelledDoc,
    cn_id_valid,
    evaluate,
    generate,
    luhn_valid,
    mod97_valid,
)

N_DOCS = 4000


@cache
def corpus(seed: int) -> list[LabelledDoc]:
    return generate(N_DOCS, seed=seed)


@pytest.mark.parametrize("seed", [0, 1])
def test_ground_truth_is_valid(seed: int) -> None:
    docs = corpus(seed)
    languages = {d.language for d in docs}
    assert languages == {"en", "zh", "de", "fr"}
    counts = {t: 0 for t in TYPES}
    for d in docs:
        for start, end, kind in d.spans:
            value = d.text[start:end]
            counts[kind] += 1
            digits = "".join(c for c in value if c.isdigit())
            if kind in ("CREDIT_CARD", "CN_BANK_CARD"):
                assert luhn_valid(digits), value
            elif kind == "IBAN":
                assert mod97_valid(value.replace(" ", "")), value
            elif kind == "CN_RESIDENT_ID":
                assert cn_id_valid(value), value
            elif kind == "PHONE_NUMBER":
                assert any(phonenumbers.is_valid_number(phonenumbers.parse(value, r))
                           for r in ("US", "GB", "DE", "FR", "CN")), value
    assert min(counts.values()) >= 300, counts  # every type is well represented


@pytest.mark.parametrize("seed", [0, 1])
def test_precision_and_recall_per_type(seed: int) -> None:
    docs = corpus(seed)
    spans = Scanner().scan_many([d.text for d in docs])
    scores = evaluate(docs, [[(s.start, s.end, s.type) for s in found] for found in spans])
    low = {t: (round(s.precision, 3), round(s.recall, 3)) for t, s in scores.items()
           if s.precision < 0.97 or s.recall < 0.97}
    assert not low, low
    assert all(s.tp >= 300 for s in scores.values())


def test_decoys_are_not_reported() -> None:
    docs = corpus(0)
    decoy_docs = [d for d in docs if not d.spans]
    found = Scanner().scan_many([d.text for d in decoy_docs])
    flagged = sum(1 for f in found if f)
    assert len(decoy_docs) > 200 and flagged / len(decoy_docs) < 0.03
