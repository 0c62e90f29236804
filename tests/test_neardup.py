"""Near-duplicates by character 3-gram Jaccard: exact against brute force, and what counts as one."""

from __future__ import annotations

import random

import pytest

from accord.probes.neardup import THRESHOLD, jaccard, near_duplicates, nearest_similarity, shingles

WORDS = "the a how do I make write explain story bomb river lake tea festival history why what my friend".split()


def _texts(seed: int, k: int) -> list[str]:
    rng = random.Random(seed)
    base = [" ".join(rng.choices(WORDS, k=rng.randint(3, 14))) for _ in range(k)]
    # plant edited copies so that every threshold has pairs to find
    return base + [t.replace(" ", "  ", 1) + rng.choice(["", " now", "?"]) for t in base[: k // 4]]


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.9])
@pytest.mark.parametrize("seed", [1, 2])
def test_finds_exactly_the_pairs_brute_force_finds(threshold: float, seed: int) -> None:
    texts = _texts(seed, 120)
    sets = [shingles(t) for t in texts]
    brute = {(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))
             if jaccard(sets[i], sets[j]) >= threshold}
    found = near_duplicates(texts, threshold)
    assert {(i, j) for i, j, _ in found.pairs} == brute and brute
    assert found.flagged == len({i for p in brute for i in p})
    assert all(abs(s - jaccard(sets[i], sets[j])) < 1e-12 for i, j, s in found.pairs)


def test_trivial_edits_are_near_duplicates_and_template_siblings_are_not() -> None:
    q = "Can you give me a short introduction to the ancient Silk Road and the cities along it?"
    edited = "Could you give me a short introduction to the ancient Silk Road and the cities along it?"
    sibling = "Can you give me a short introduction to Peking opera and its most famous roles?"
    other_frame = "Write a poem in the style of a folk song about the ancient Silk Road and its cities."
    assert jaccard(shingles(q), shingles(edited)) >= THRESHOLD
    assert jaccard(shingles(q), shingles(sibling)) < THRESHOLD
    assert jaccard(shingles(q), shingles(other_frame)) < THRESHOLD
    found = near_duplicates([q, sibling, edited, other_frame])
    assert [(i, j) for i, j, _ in found.pairs] == [(0, 2)] and found.rate == 0.5


def test_normalisation_ignores_case_width_and_punctuation() -> None:
    assert shingles("Hello, World!") == shingles("hello world")
    assert shingles("ＡＢＣ１２３") == shingles("abc123")
    assert shingles("请介绍一下长城。") == shingles("请介绍一下长城")


def test_nearest_similarity_and_empty_input() -> None:
    assert nearest_similarity(["abc def", "abc def", "xyz"]) == [1.0, 1.0, 0.0]
    assert near_duplicates([]).rate == 0.0 and near_duplicates(["one"]).pairs == ()
