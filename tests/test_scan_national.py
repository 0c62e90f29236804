"""National identifiers (issue 20): at least 40 jurisdictions, validated by python-stdnum; recall with a context
word and precision against same-shape decoys on the generated benchmark (tests/support/national_corpus.py)."""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from functools import cache

from accord.scan import ENTITY_TYPES, Scanner, scan_text
from accord.scan.schemes import COUNTRIES, NATIONAL_TYPES, SCHEMES
from tests.support.national_corpus import generate_national
from tests.support.pii_corpus import LabelledDoc


@cache
def corpus() -> list[LabelledDoc]:
    return generate_national(30, seed=1)


def test_at_least_40_jurisdictions_each_with_a_stdnum_validator() -> None:
    assert len(COUNTRIES) >= 40, sorted(COUNTRIES)
    eu_eea = set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO".split())
    assert eu_eea <= COUNTRIES, eu_eea - COUNTRIES
    for s in SCHEMES:
        assert callable(importlib.import_module(f"stdnum.{s.module}").is_valid), s.module
        assert s.words and all(w == w.lower() for w in s.words), s.type
    assert set(NATIONAL_TYPES) <= set(ENTITY_TYPES)


def test_digit_only_numbers_need_their_word() -> None:
    assert [s.type for s in scan_text("PESEL: 44051401359")] == ["PL_PESEL"]
    assert scan_text("Reference 44051401359 was closed.") == []  # the same number, no word
    assert scan_text("PESEL: 44051401358") == []  # check digit fails
    assert [s.type for s in scan_text("Codice fiscale RSSMRA85T10A562S")] == ["IT_CF"]
    assert [s.type for s in scan_text("ref RSSMRA85T10A562S")] == ["IT_CF"]  # distinctive: no word needed


def _outcomes() -> tuple[dict[tuple[str, str], list[int]], int, int]:
    docs = corpus()
    found = Scanner().scan_many([d.text for d in docs])
    per: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    tp = fp = 0
    national = set(NATIONAL_TYPES)
    for d, spans in zip(docs, found, strict=True):
        way, scheme = d.language.split(":")
        for s in spans:
            if s.type not in national:
                continue
            if d.spans and s.type == d.spans[0][2] and s.start < d.spans[0][1] and d.spans[0][0] < s.end:
                tp += 1
            else:
                fp += 1
        if d.spans:
            start, end, kind = d.spans[0]
            per[(scheme, way)][0] += any(s.type == kind and s.start < end and start < s.end for s in spans)
            per[(scheme, way)][1] += 1
    return per, tp, fp


def test_recall_with_a_context_word_and_precision_against_decoys() -> None:
    per, tp, fp = _outcomes()
    low = {k: v for k, v in per.items() if k[1] in ("context", "glued") and v[0] / v[1] < 0.95}
    assert not low, low
    assert tp / (tp + fp) >= 0.95



def test_distinctive_shapes_are_found_without_a_word() -> None:
    docs = [d for d in corpus() if d.language.startswith("bare:")]
    found = Scanner().scan_many([d.text for d in docs])
    schemes = {s.type: s for s in SCHEMES}
    distinctive = missed = 0
    for d, spans in zip(docs, found, strict=True):
        start, end, kind = d.spans[0]
        scheme = schemes[d.language.split(":")[1]]
        if any(re.fullmatch(shape, d.text[start:end]) for shape in scheme.bare):
            distinctive += 1
            missed += not any(s.type == kind and s.start < end and start < s.end for s in spans)
    assert distinctive >= 300 and missed / distinctive <= 0.05, (distinctive, missed)
