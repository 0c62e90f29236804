"""Near-duplicate probes, by character n-gram Jaccard similarity.

A text is normalised (NFKC, lower case, every run of punctuation or spaces made one space) and cut into its set
of character 3-grams; two probes are near-duplicates when the Jaccard similarity of their sets is at least
0.7. The near-duplicate rate of a bank (per language) is the share of its probes that have at least one
near-duplicate in it. The threshold sits between what templates × topics give (the same frame with another
topic, or the same topic in another frame: about 0.3-0.5) and what trivial edits give (one word changed in a
question of a hundred characters: about 0.85).

All pairs above the threshold are found exactly with prefix and positional filtering (Bayardo et al., "Scaling up
all pairs similarity search", WWW 2007; Xiao et al., "Efficient similarity joins for near duplicate detection",
WWW 2008): only probes sharing enough of their rarest n-grams are compared.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

N = 3
THRESHOLD = 0.7
_SEPARATORS = re.compile(r"[\W_]+")


def shingles(text: str, n: int = N) -> frozenset[str]:
    norm = _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()
    if len(norm) <= n:
        return frozenset([norm])
    return frozenset(norm[i : i + n] for i in range(len(norm) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    shared = len(a & b) if len(a) <= len(b) else len(b & a)
    return shared / (len(a) + len(b) - shared)


@dataclass(frozen=True)
class NearDuplicates:
    n: int  # texts compared
    pairs: tuple[tuple[int, int, float], ...]  # (i, j, similarity) with i < j, similarity >= threshold
    threshold: float

    @property
    def flagged(self) -> int:
        """Texts with at least one near-duplicate."""
        return len({i for i, _, _ in self.pairs} | {j for _, j, _ in self.pairs})

    @property
    def rate(self) -> float:
        return self.flagged / self.n if self.n else 0.0


def near_duplicates(texts: Sequence[str], threshold: float = THRESHOLD, n: int = N) -> NearDuplicates:
    """Every pair of texts whose n-gram Jaccard similarity is at least `threshold` (exact, not sampled)."""
    return _near_duplicates(tuple(texts), threshold, n)


@lru_cache(maxsize=32)
def _near_duplicates(texts: tuple[str, ...], threshold: float, n: int) -> NearDuplicates:
    sets = [shingles(t, n) for t in texts]
    df = Counter(g for s in sets for g in s)
    ordered = [sorted(s, key=lambda g: (df[g], g)) for s in sets]  # rarest first
    sizes = [len(s) for s in sets]
    share = threshold / (1 + threshold)
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)  # n-gram -> (text, position in its order)
    pairs: list[tuple[int, int, float]] = []
    for x in sorted(range(len(sets)), key=sizes.__getitem__):
        size = sizes[x]
        prefix = size - math.ceil(threshold * size) + 1  # two sets this similar share a prefix n-gram...
        indexed = size - math.ceil(2 * share * size) + 1  # ...and one of the smaller set's first `indexed`
        smallest = threshold * size  # a smaller set cannot reach the threshold
        overlap: dict[int, int] = {}  # candidates: n-grams shared so far, or -1 once ruled out
        for px, g in enumerate(ordered[x][:prefix]):
            left_x = size - px - 1
            for y, py in index[g]:
                seen = overlap.get(y, 0)
                if seen < 0:
                    continue
                size_y = sizes[y]
                if size_y < smallest:
                    overlap[y] = -1
                    continue
                left_y = size_y - py - 1
                # positional filter (PPJoin): what is left after these positions cannot reach the overlap needed
                need = share * (size + size_y) - 1e-9
                overlap[y] = seen + 1 if seen + 1 + (left_x if left_x < left_y else left_y) >= need else -1
            if px < indexed:
                index[g].append((x, px))
        for y, seen in overlap.items():
            if seen > 0:
                sim = jaccard(sets[x], sets[y])
                if sim >= threshold:
                    pairs.append((min(x, y), max(x, y), sim))
    return NearDuplicates(n=len(texts), pairs=tuple(sorted(pairs)), threshold=threshold)


def nearest_similarity(texts: Sequence[str], n: int = N) -> list[float]:
    """Each text's highest similarity to any other text (all pairs: for small sets and for documentation)."""
    sets = [shingles(t, n) for t in texts]
    best = [0.0] * len(sets)
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            s = jaccard(sets[i], sets[j])
            if s > best[i]:
                best[i] = s
            if s > best[j]:
                best[j] = s
    return best
