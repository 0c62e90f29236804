"""Finding national identifiers (accord.scan.schemes) in text, in two passes that cost little where none are:

- after a context word: one regular expression finds the schemes' words (in lower-cased text); after each, the
  rest of the sentence (at most 48 characters) is searched for that word's schemes' shapes, and a match counts
  when python-stdnum says it is valid. The number may be glued to letters on either side (`PESEL85010112345`);
  digits on either side extend it and so make it another number;
- distinctive shapes (`Scheme.bare`) anywhere, between non-alphanumeric characters, also validated by stdnum.

Spans are (start, end, type, score) tuples, as the engine's; overlapping spans keep the longest, then the first.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from functools import cache

from accord.scan.schemes import SCHEMES, VAT_TYPES, Scheme

CONTEXT_CHARS = 48
CONTEXT_SCORE = 0.95
BARE_SCORE = 0.9
_BREAK = re.compile("\x00|\n|。|！|？|! |\\? |; |；")
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_Raw = tuple[int, int, str, float]


@cache
def validator(module: str) -> Callable[[str], bool]:
    """python-stdnum's `is_valid` of `module` (e.g. "pl.pesel"), imported on first use."""
    found: Callable[[str], bool] = importlib.import_module(f"stdnum.{module}").is_valid
    return found


def _type_of(scheme: Scheme, value: str) -> str:
    if scheme.type != "EU_VAT":
        return scheme.type
    prefix = value.lstrip()[:2].upper()
    return "GR_VAT" if prefix == "EL" else f"{prefix}_VAT"


def _bounded(shape: str, glued: bool) -> str:
    """`shape` that does not start or end inside a longer number (nor, unless `glued`, inside a word)."""
    inner = "0-9" if glued else "0-9A-Za-z"
    return f"(?<![{inner}])(?:{shape})(?![{inner}]|[.,/-][0-9])"


class NationalFinder:
    """The national schemes whose entity types are in `types`."""

    def __init__(self, types: Iterable[str]) -> None:
        wanted = set(types)
        self.schemes = tuple(s for s in SCHEMES if s.type in wanted or (s.type == "EU_VAT" and wanted & set(VAT_TYPES)))
        self._wanted = frozenset(wanted)
        by_word: dict[str, list[tuple[Scheme, re.Pattern[str]]]] = {}
        for s in self.schemes:
            shape = re.compile("|".join(_bounded(p, glued=True) for p in s.shapes))
            for w in s.words:
                by_word.setdefault(w, []).append((s, shape))
        self._by_word = {w: tuple(v) for w, v in by_word.items()}
        self._words = re.compile(_trie(by_word)) if by_word else None
        self._words_ci = re.compile(self._words.pattern, re.IGNORECASE) if self._words else None
        bare = [s for s in self.schemes if s.bare]
        self._bare_schemes = tuple(bare)
        self._bare = re.compile("|".join(f"(?P<b{i}>{_bounded('|'.join(s.bare), glued=False)})"
                                         for i, s in enumerate(bare))) if bare else None

    def spans(self, text: str) -> list[_Raw]:
        found: dict[tuple[int, int], _Raw] = {}
        for raw in (*self._after_words(text), *self._bare_spans(text)):
            found.setdefault((raw[0], raw[1]), raw)
        return _non_overlapping(found.values())

    def _accept(self, scheme: Scheme, value: str) -> str | None:
        if not validator(scheme.module)(value):
            return None
        kind = _type_of(scheme, value)
        return kind if kind in self._wanted else None

    def _after_words(self, text: str) -> Iterable[_Raw]:
        if self._words is None or self._words_ci is None:
            return
        low = text.lower()
        hits = self._words.finditer(low) if len(low) == len(text) else self._words_ci.finditer(text)
        for hit in hits:
            word = hit.group().lower()
            start, end = hit.span()
            if word.isascii() and ((start > 0 and text[start - 1] in _ASCII_ALNUM)
                                   or (len(word) <= 4 and end < len(text) and text[end].isalpha()
                                       and text[end].isascii())):
                continue  # an ASCII word starts a word; a short one (nip, sin, pan) is a whole word
            window = text[end:end + CONTEXT_CHARS]
            cut = _BREAK.search(window)
            if cut is not None:
                window = window[:cut.start()]
            for scheme, shape in self._by_word.get(word, ()):
                for m in shape.finditer(window):
                    value = m.group()
                    kind = self._accept(scheme, value)
                    # glued to a following word, a shape that may end in letters took that word's first ones
                    while kind is None and len(value) > 1 and value[-1].isalpha() and value[-2].isalnum():
                        value = value[:-1]
                        kind = self._accept(scheme, value)
                    if kind is not None:
                        yield (end + m.start(), end + m.start() + len(value), kind, CONTEXT_SCORE)

    def _bare_spans(self, text: str) -> Iterable[_Raw]:
        """Distinctive shapes, tried only where a locator (a narrow first character class, so `re` skips the
        rest in C) finds a token that could start one."""
        if self._bare is None:
            return
        match = self._bare.match
        for loc in _BARE_LOCATORS:
            for hit in loc.finditer(text):
                m = match(text, hit.start())
                if m is None:
                    continue
                scheme = self._bare_schemes[int(m.lastgroup[1:])]  # type: ignore[index]
                kind = self._accept(scheme, m.group())
                if kind is not None:
                    yield (m.start(), m.end(), kind, BARE_SCORE)


# where a distinctive shape may start: a digit token with a separator or letter within its first 9 characters,
# or a capital starting a word, followed by up to five more capitals and then a digit
_BARE_LOCATORS = (re.compile(r"[0-9](?<![0-9A-Za-z][0-9])(?=[0-9]{0,8}[-+./A-Z])"),
                  re.compile(r"[A-Z](?<![0-9A-Za-z][A-Z])(?=[A-Z]{0,5}[ -]?[0-9A-Za-z]?[0-9])"))


def _trie(words: Iterable[str]) -> str:
    """One regular expression for `words`, shaped as their prefix tree, so that each position costs one test
    per character instead of one per word."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def rx(node: dict) -> str:  # type: ignore[type-arg]
        alts = [re.escape(k) + rx(v) for k, v in sorted(node.items()) if k]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")
    return rx(root)


def _non_overlapping(spans: Iterable[_Raw]) -> list[_Raw]:
    out: list[_Raw] = []
    for raw in sorted(spans, key=lambda r: (r[0], r[0] - r[1])):
        if out and raw[0] < out[-1][1]:
            continue
        out.append(raw)
    return out


def merge(main: list[_Raw], national: list[_Raw]) -> list[_Raw]:
    """The engine's spans with the national ones; where they overlap the national span wins (its scheme's word
    or its distinctive shape and check digit say more than a phone number's or a passport's shape)."""
    if not national:
        return main
    kept, j = [], 0
    for raw in main:
        while j < len(national) and national[j][1] <= raw[0]:
            j += 1
        if j < len(national) and national[j][0] < raw[1]:
            continue
        kept.append(raw)
    return sorted(kept + national)
