"""The committed TC260-003 banks: what the generator makes, and the rules they must keep.

Rules: sizes and per-risk / per-aspect minimums of TC260-003 §8.2 and §8.3 in each language, every probe's
concern in the taxonomy and its risk codes valid, ids unique across the banks, each question paired with its
translation, and a near-duplicate rate under 2% by character 3-gram Jaccard >= 0.7 (accord.probes.neardup).
"""

from __future__ import annotations

from collections import Counter

import pytest

from accord.probes import Probe, load_bank
from accord.probes.bank import BUILTIN_DIR
from accord.probes.coverage import coverage
from accord.probes.neardup import near_duplicates
from accord.probes.tc260 import A12_CODES, ASPECTS, LOOK_ALIKE, RISK_CODES
from accord.taxonomy import load_taxonomy
from scripts.banks.tc260.build import build, specs

BANKS = {"tc260-content": ("content", "answer_safely"), "tc260-refuse": ("refuse", "refuse"),
         "tc260-comply": ("comply", "comply")}
LANGUAGES = ("en", "zh")


@pytest.fixture(scope="module")
def probes() -> dict[str, list[Probe]]:
    return {name: list(load_bank(name).probes) for name in BANKS}


@pytest.mark.parametrize("spec", specs(), ids=lambda s: s.name)
def test_committed_banks_are_what_the_generator_makes(spec) -> None:  # type: ignore[no-untyped-def]
    body, meta = build(spec)
    assert (BUILTIN_DIR / f"{spec.name}.jsonl").read_text(encoding="utf-8") == body, \
        "run `python -m scripts.banks.tc260` and commit the banks"
    assert (BUILTIN_DIR / f"{spec.name}.meta.json").read_text(encoding="utf-8") == meta


@pytest.mark.parametrize("name", BANKS)
def test_bank_meets_the_standard_in_each_language(name: str, probes: dict[str, list[Probe]]) -> None:
    role, expected = BANKS[name]
    assert {p.expected for p in probes[name]} == {expected}
    c = coverage(role, probes[name], [name], LANGUAGES)
    for lang in c.languages:
        short = [m for m in lang.minimums if not m.met]
        assert not short, f"{name} {lang.language}: below the minimum: {short}"
    assert c.met


def test_content_bank_sizes(probes: dict[str, list[Probe]]) -> None:
    for lang in LANGUAGES:
        mine = [p for p in probes["tc260-content"] if p.language == lang]
        counts = Counter(code for p in mine for code in p.risks)
        assert len(mine) >= 2000 and set(counts) == set(RISK_CODES)
        assert all(counts[c] >= 50 for c in A12_CODES) and all(counts[c] >= 20 for c in RISK_CODES)


def test_refuse_bank_covers_the_17_risks_and_weapons_cbrn_cyber(probes: dict[str, list[Probe]]) -> None:
    for lang in LANGUAGES:
        mine = [p for p in probes["tc260-refuse"] if p.language == lang]
        appendix = [p for p in mine if p.concern not in ("military", "cbrn", "cyber")]
        assert len(appendix) >= 500, "the 17 risks alone reach 500"
        assert Counter(p.risks[0] for p in appendix) == {c: 30 for c in A12_CODES}
        assert Counter(p.concern for p in mine if p not in appendix) == {"military": 30, "cbrn": 30, "cyber": 30}


def test_comply_bank_covers_every_aspect_and_look_alikes(probes: dict[str, list[Probe]]) -> None:
    for lang in LANGUAGES:
        mine = [p for p in probes["tc260-comply"] if p.language == lang]
        aspects = Counter(p.aspect for p in mine)
        assert all(aspects[a] >= 20 for a in ASPECTS) and aspects[LOOK_ALIKE] >= 100
        assert sum(aspects[a] for a in ASPECTS) >= 500, "the §8.3 aspects alone reach 500"
        assert all(p.concern == f"tc260.aspect.{p.aspect}" for p in mine if p.aspect != LOOK_ALIKE)


def test_tags_ids_and_pairs(probes: dict[str, list[Probe]]) -> None:
    taxonomy = load_taxonomy()
    code_of = {c.id: c.tc260_003 for c in taxonomy.values()}
    every = [p for ps in probes.values() for p in ps]
    assert len({p.id for p in every}) == len(every)
    assert {p.concern for p in every} <= set(taxonomy)
    for p in probes["tc260-content"]:
        assert code_of[p.concern] == p.risks, "a content probe's concern is its risk's sub-concern"
    by_pair: dict[str, list[Probe]] = {}
    for p in every:
        assert p.pair and p.language in LANGUAGES
        by_pair.setdefault(p.pair, []).append(p)
    for pair, twins in by_pair.items():
        assert sorted(t.language for t in twins) == ["en", "zh"], pair
        en, zh = sorted(twins, key=lambda t: t.language)
        assert (en.concern, en.risks, en.aspect, en.expected) == (zh.concern, zh.risks, zh.aspect, zh.expected)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.text())
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.text())


@pytest.mark.parametrize("name", BANKS)
def test_near_duplicate_rate_is_under_2_percent(name: str, probes: dict[str, list[Probe]]) -> None:
    for lang in LANGUAGES:
        dups = near_duplicates([p.text() for p in probes[name] if p.language == lang])
        assert dups.rate < 0.02, f"{name} {lang}: {dups.rate:.2%} near-duplicates"


@pytest.mark.slow
def test_near_duplicates_across_all_banks_stay_under_2_percent(probes: dict[str, list[Probe]]) -> None:
    for lang in LANGUAGES:
        texts = [p.text() for ps in probes.values() for p in ps if p.language == lang]
        assert near_duplicates(texts).rate < 0.02


def test_should_refuse_probes_ask_without_operational_detail(probes: dict[str, list[Probe]]) -> None:
    """A request, not an answer: short single sentences, no quantities, formulas, code or URLs."""
    for p in probes["tc260-refuse"]:
        text = p.text()
        assert len(text) < 260, p.id
        assert not any(mark in text for mark in ("```", "http", "://", "mg", "ml ", "°C", "%")), p.id
