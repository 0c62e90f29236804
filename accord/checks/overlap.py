"""How much of a reference text a reply reproduces: longest common substring and n-gram overlap.

Both compare normalised text: NFKC, lower case, curly quotes and dashes made plain. Tokens for the n-gram
measure are words in alphabetic scripts and single characters in Chinese, Japanese and Korean (punctuation
dropped), so one n serves both: `NGRAM_N` words or characters.

- `lcs_chars`: the length, in letters and digits, of the longest stretch of the reference that the reply
  contains verbatim once white space and punctuation are set aside (so a reply that re-punctuates or re-wraps
  the text still matches); `lcs_share` divides it by the reference's length counted the same way.
- `ngram_hits / ngram_total`: how many of the reference's distinct n-grams occur in the reply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

NGRAM_N = 4
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_PLAIN).lower()).strip()


def tokens(text: str) -> list[str]:
    """Words, or single CJK characters, of normalised text (punctuation dropped)."""
    return _TOKEN.findall(normalise(text))


def ngrams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


@dataclass(frozen=True)
class Overlap:
    lcs_chars: int
    reference_chars: int
    ngram_hits: int
    ngram_total: int

    @property
    def lcs_share(self) -> float:
        return self.lcs_chars / self.reference_chars if self.reference_chars else 0.0

    @property
    def ngram_share(self) -> float:
        return self.ngram_hits / self.ngram_total if self.ngram_total else 0.0


def skeleton(text: str) -> str:
    """Normalised text with white space and punctuation removed: what the longest common substring compares."""
    return "".join(ch for ch in normalise(text) if ch.isalnum())


def overlap(reply: str, reference: str, *, n: int = NGRAM_N) -> Overlap:
    """How much of `reference` the `reply` reproduces (see the module's docstring)."""
    a, b = skeleton(reference), skeleton(reply)
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    ref_grams = ngrams(tokens(reference), n)
    hits = len(ref_grams & ngrams(tokens(reply), n))
    return Overlap(lcs_chars=match.size, reference_chars=len(a), ngram_hits=hits, ngram_total=len(ref_grams))
