"""The scanning loop: cheap locators find candidate starts, the recognizers of that locator are tried at
each start, the longest accepted match wins (ties: the recognizer listed first), and overlapping matches
from different locators are resolved the same way.

Locators are regular expressions whose first item is a narrow character class, so Python's `re` skips
most of the text in C; the per-candidate work runs only where a digit, an upper-case letter followed by a
digit, a colon or an at sign occurs, and (for addresses) where a digit is followed by a street or preceded by
one: the address locator checks the street part in its lookarounds, still in C.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from accord.scan.addresses import LOCATOR as ADDRESS_LOCATOR
from accord.scan.addresses import address_start
from accord.scan.national import NationalFinder, merge
from accord.scan.recognizers import ENTITY_TYPES, RECOGNIZERS, Recognizer
from accord.scan.schemes import NATIONAL_TYPES

SEPARATOR = "\x00"  # between documents of a batch; no pattern matches it and contexts stop at it
_CONTEXT_CHARS = 48
_BLOCK_CHARS = 20
_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_HEX_COLON = frozenset("0123456789ABCDEFabcdef:")
_DIGITS = frozenset("0123456789")
_LOCAL_PART = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._%+-")


class Span(NamedTuple):
    start: int
    end: int
    type: str
    score: float


def _back(chars: frozenset[str], limit: int) -> Callable[[str, int], int]:
    def start_of(text: str, pos: int) -> int:
        lo = max(0, pos - limit)
        while pos > lo and text[pos - 1] in chars:
            pos -= 1
        return pos
    return start_of


def _email_start(text: str, at: int) -> int:
    start = _back(_LOCAL_PART, 64)(text, at)
    while start < at and text[start] == ".":
        start += 1
    return start


@dataclass(frozen=True)
class _Lead:
    locator: re.Pattern[str]
    start_of: Callable[[str, int], int] | None  # None: the locator's match start is the candidate start
    glued: str | None = None  # right after a letter: the recognizers of this lead that have `glue`


_LEADS: dict[str, _Lead] = {
    # a digit, '+' or '(' not glued to a word or number before it, starting at least 7 characters of digits
    # and separators (the shortest identifier, an IPv4 address like 1.1.1.1, has 7)
    "digit": _Lead(re.compile(r"[+(0-9](?<![0-9A-Za-z_.,+\-/][+(0-9])(?=[0-9 .()\-/+]{6})"), None),
    # an upper-case letter starting a word, followed by a digit (maybe after one more letter and a space)
    "upper": _Lead(re.compile(r"[A-Z](?<![0-9A-Za-z][A-Z])(?=[A-Z]?[ ]?[0-9])"), None),
    # the same right after a letter, for identifiers glued to the word before (`ID450700194103107223`,
    # `KontoDE89…`): at least 12 digits (a card, a resident ID) or an SSN's 3-2-4 groups; a country code and
    # two digits (an IBAN)
    "glued_digit": _Lead(re.compile(r"[0-9](?<=[A-Za-z][0-9])(?=[0-9]{2}[- ][0-9]{2}[- ][0-9]{4}|(?:[ -]?[0-9]){11})"),
                         None, "digit"),
    "glued_upper": _Lead(re.compile(r"[A-Z](?<=[A-Za-z][A-Z])(?=[A-Z][0-9]{2})"), None, "upper"),
    # a colon followed by hex digits or a colon; the rest of the run is consumed, so one hit per address
    "colon": _Lead(re.compile(r":[0-9A-Fa-f:]+"), _back(_HEX_COLON, 45)),
    "at": _Lead(re.compile(r"@(?=[A-Za-z0-9])"), _email_start),
    # a digit starting a house number before a street (US, UK, FR), after a German street name, or after a
    # Chinese road and before 号; the candidate starts where the address does (see accord.scan.addresses)
    "address": _Lead(ADDRESS_LOCATOR, address_start),
}
_CUTS = re.compile(r"(?<=[0-9)])[ .\-/]+(?=[(0-9])")  # where a greedy match may be cut back
_SENTENCE_BREAKS = (SEPARATOR, "\n", "。", "！", "？", "! ", "? ", "; ", "；")
_BREAK = re.compile("|".join(re.escape(b) for b in _SENTENCE_BREAKS))


_Raw = tuple[int, int, str, float]  # a Span's fields, while scanning


def _span(fields: _Raw) -> Span:
    """Span(*fields) without the named tuple's Python-level __new__ (a hot path: one per finding)."""
    return tuple.__new__(Span, fields)


class _Guard(NamedTuple):
    """A recognizer's context words, compiled once: one of `context` must occur shortly before the match,
    none of `blocked` (None: no such rule)."""

    context: re.Pattern[str] | None
    blocked: re.Pattern[str] | None


def _guard(rec: Recognizer) -> _Guard | None:
    if not (rec.context or rec.blocked):
        return None
    return _Guard(_words(rec.context) if rec.context else None, _words(rec.blocked) if rec.blocked else None)


_LeadPlan = tuple[_Lead, re.Pattern[str], tuple[Recognizer, ...], tuple[int, ...], tuple[_Guard | None, ...]]


class Scanner:
    """Finds identifiers in text. Stateless after construction; safe to share between threads."""

    def __init__(self, types: Iterable[str] | None = None) -> None:
        wanted = set(ENTITY_TYPES if types is None else types)
        unknown = wanted - set(ENTITY_TYPES)
        if unknown:
            raise ValueError(f"unknown entity types: {', '.join(sorted(unknown))}")
        self.types = tuple(t for t in ENTITY_TYPES if t in wanted)
        self._wanted = frozenset(wanted)
        chosen = [r for r in RECOGNIZERS if set(r.types) & wanted]
        self._leads: list[_LeadPlan] = []
        for name, lead in _LEADS.items():
            recs = tuple(r for r in chosen if r.lead == (lead.glued or name) and (lead.glued is None or r.glue))
            if recs:
                self._leads.append(_plan(lead, recs))
        self._national = NationalFinder(wanted) if wanted & set(NATIONAL_TYPES) else None

    def scan(self, text: str) -> list[Span]:
        """Non-overlapping spans, ordered by start: at each candidate start (in text order) the longest
        accepted match wins, ties going to the recognizer listed first; candidates inside a span are skipped."""
        return [_span(raw) for raw in self._raw_spans(text)]

    def _raw_spans(self, text: str) -> list[_Raw]:
        """`scan` as plain (start, end, type, score) tuples."""
        # candidates as start * 8 + lead index: one sort of plain ints puts them in text order, leads in order
        candidates: list[int] = []
        for k, (lead, _, _, _, _) in enumerate(self._leads):
            if lead.start_of is None:
                candidates += [m.start() * 8 + k for m in lead.locator.finditer(text)]
            else:
                start_of = lead.start_of
                candidates += [start_of(text, m.start()) * 8 + k for m in lead.locator.finditer(text)]
        candidates.sort()
        found: list[_Raw] = []
        covered = -1
        best: _Raw | None = None
        previous = -1
        leads = self._leads
        for code in candidates:
            start = code >> 3
            lead = leads[code & 7][0]
            if start < covered or code == previous or (lead.glued is None and start > 0 and text[start - 1] in _WORD):
                continue
            if best is not None and best[0] != start:
                found.append(best)
                covered = best[1]
                best = None
                if start < covered:
                    continue
            previous = code
            _, combined, recs, groups, guards = leads[code & 7]
            here = self._best_at(text, start, combined, recs, groups, guards, lead.glued is not None)
            if here is not None and (best is None or here[1] > best[1]):
                best = here
        if best is not None:
            found.append(best)
        if self._national is not None:
            return merge(found, self._national.spans(text))
        return found

    def scan_many(self, texts: list[str]) -> list[list[Span]]:
        """The same spans as `scan` on each text, found in one pass over the texts joined by SEPARATOR."""
        joined = SEPARATOR.join(texts)
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        out: list[list[Span]] = [[] for _ in texts]
        i, last = 0, len(starts) - 1
        for start, end, kind, score in self._raw_spans(joined):
            while i < last and starts[i + 1] <= start:
                i += 1
            base = starts[i]
            out[i].append(_span((start - base, end - base, kind, score)))
        return out

    def _best_at(self, text: str, start: int, combined: re.Pattern[str], recs: tuple[Recognizer, ...],
                 groups: tuple[int, ...], guards: tuple[_Guard | None, ...], glued: bool) -> _Raw | None:
        m = combined.match(text, start)
        if m is None:
            return None
        found = m.group(*groups) if len(groups) > 1 else (m.group(groups[0]),)
        best_end, best_kind, best_score = -1, "", 0.0
        longest = 0  # a check accepts at most its whole match: shorter or equal matches cannot win
        wanted = self._wanted
        for rec, candidate, guard in zip(recs, found, guards, strict=True):
            if candidate is None:
                continue
            size = len(candidate)
            if size <= longest or size < rec.min_len:
                continue
            accepted = rec.check(candidate)
            if accepted is None:
                if not rec.trim:
                    continue
                accepted = self._trimmed(rec, candidate)
                if accepted is None:
                    continue
            kind, length = accepted
            end = start + length
            if kind not in wanted or (end < len(text) and text[end] in _WORD
                                      and not _may_touch(rec, text, end, glued)):
                continue
            if guard is not None and not self._context_ok(guard, text, start):
                continue
            if end > best_end:
                best_end, best_kind, best_score = end, kind, rec.score
                longest = length
        return (start, best_end, best_kind, best_score) if best_end >= 0 else None

    @staticmethod
    def _trimmed(rec: Recognizer, candidate: str) -> tuple[str, int] | None:
        """The longest head of a rejected greedy match, cut at a separator, that the check accepts."""
        for cut in reversed([m.start() for m in _CUTS.finditer(candidate)]):
            head = candidate[:cut]
            if len(head) < rec.min_len:
                return None
            accepted = rec.check(head)
            if accepted is not None:
                return accepted
        return None

    @staticmethod
    def _context_ok(guard: _Guard, text: str, start: int) -> bool:
        """Context words count only in the same sentence: a required word up to 48 characters before the
        match, a blocking word up to 20 characters before it. ASCII words must start a word (stems like
        "bestell" match longer words); others match anywhere."""
        window = text[max(0, start - _CONTEXT_CHARS):start]
        cut = 0
        for b in _BREAK.finditer(window):
            cut = b.end()
        window = window[cut:].lower()
        if guard.blocked is not None and guard.blocked.search(window, max(0, len(window) - _BLOCK_CHARS)):
            return False
        return guard.context is None or guard.context.search(window) is not None


def _plan(lead: _Lead, recs: tuple[Recognizer, ...]) -> _LeadPlan:
    """Every recognizer of the lead as an optional capturing lookahead: one match call tries all."""
    compiled = re.compile("".join(f"(?:(?=(?P<r{i}>{r.pattern.pattern})))?" for i, r in enumerate(recs)))
    groups = tuple(compiled.groupindex[f"r{i}"] for i in range(len(recs)))
    return (lead, compiled, recs, groups, tuple(_guard(r) for r in recs))


def _may_touch(rec: Recognizer, text: str, end: int, glued: bool) -> bool:
    """Whether the ASCII letter or digit at `end` may follow `rec`'s match: never a digit; a capitalised word
    (an upper-case letter, then a lower-case one) always; any other letter only for a recognizer with `glue`
    whose match no letter touches before (letters on both sides: a code or hash like `deadbeef4111…cafe`)."""
    nxt = text[end]
    if nxt in _DIGITS:
        return False
    if nxt.isupper() and end + 1 < len(text) and text[end + 1].islower():
        return True
    return rec.glue and not glued


@cache
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `words`; an ASCII word only at the start of a word. Each branch starts with its literal first
    character (the start-of-word test comes after it), so `re` skips to candidate characters in C."""
    def branch(w: str) -> str:
        first = re.escape(w[0])
        return first + (f"(?<![0-9A-Za-z]{first})" if w.isascii() else "") + re.escape(w[1:])
    return re.compile("|".join(branch(w) for w in words))


def _has_word(window: str, word: str) -> bool:
    """`word` occurs in `window` as `_context_ok` counts it."""
    return _words((word,)).search(window) is not None
