"""Identifiers glued to the next or previous word (issue 18, item 5): found where a check digit or fixed
structure guards them; phone numbers where the script changes or a capitalised word follows; glued look-alikes
(orders, versions, hex, tracking numbers, timestamps) not reported."""

from __future__ import annotations

import pytest

from accord.scan import Scanner, scan_text
from tests.support.glued_corpus import GLUED_TYPES, generate_glued
from tests.support.pii_corpus import evaluate


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("退款请转到450700194103107223Use the account", "450700194103107223", "CN_RESIDENT_ID"),
    ("备注：377884237782604The card was charged", "377884237782604", "CREDIT_CARD"),
    ("Tel. +33 5 09 86 38 66Bitte zurückrufen", "+33 5 09 86 38 66", "PHONE_NUMBER"),
    ("KontoDE89370400440532013000Danke", "DE89370400440532013000", "IBAN"),
    ("SSN 123-45-6789Thanks", "123-45-6789", "US_SSN"),
])
def test_the_issues_glued_examples_are_found(text: str, value: str, kind: str) -> None:
    assert [(text[s.start:s.end], s.type) for s in scan_text(text)] == [(value, kind)]


@pytest.mark.parametrize("text", [
    "hash deadbeef4111111111111111cafe", "tracking 1Z999AA10123456784", "ts 20240101T120000Z",
    "v13812345678", "SKU4111111111111111X", "build 2.13812345678a",
])
def test_glued_lookalikes_are_not_reported(text: str) -> None:
    assert scan_text(text) == []


def test_glued_benchmark_recall_and_precision() -> None:
    docs = generate_glued(4000, seed=1)
    assert {d.language for d in docs} == {"en", "zh", "de", "fr"}
    found = Scanner().scan_many([d.text for d in docs])
    scores = evaluate(docs, [[(s.start, s.end, s.type) for s in f] for f in found], GLUED_TYPES)
    low = {t: (round(s.precision, 3), round(s.recall, 3)) for t, s in scores.items()
           if s.recall < 0.95 or s.precision < 0.99}
    assert not low, low
    assert all(s.tp >= 300 for s in scores.values())
