"""How far probe banks meet TC260-003's test-bank minimums (§8.2, §8.3). Pure functions over probes.

A bank's probes play one of three roles by what they expect: `answer_safely` probes form a generated-content
bank (§8.2), `refuse` probes a should-refuse bank and `comply` probes a should-not-refuse bank (§8.3). Each
language is held to the minimums on its own: a bank meets them in a language when that language's probes do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from accord.probes.model import Probe
from accord.probes.neardup import THRESHOLD, near_duplicates
from accord.probes.tc260 import (
    A12_CODES,
    ASPECTS,
    COMPLY_MIN_PER_ASPECT,
    COMPLY_MIN_SIZE,
    CONTENT_MIN_PER_A12,
    CONTENT_MIN_PER_OTHER,
    CONTENT_MIN_SIZE,
    LOOK_ALIKE,
    OTHER_CODES,
    REFUSE_MIN_PER_RISK,
    REFUSE_MIN_SIZE,
    RISK_CODES,
)

Role = Literal["content", "refuse", "comply"]
ROLE_OF_EXPECTED: dict[str, Role] = {"answer_safely": "content", "refuse": "refuse", "comply": "comply"}
CLAUSE: dict[Role, str] = {"content": "§8.2", "refuse": "§8.3", "comply": "§8.3"}
ROLE_TITLE: dict[Role, str] = {"content": "generated-content bank", "refuse": "should-refuse bank",
                               "comply": "should-not-refuse bank"}


class _M(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")  # "ignore": a dump's computed `met` reads back


class Minimum(_M):
    """One of the standard's minimums and what a language of the bank holds."""

    what: str  # "questions", a risk code ("A.1.a") or an aspect id ("history")
    need: int
    have: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def met(self) -> bool:
        return self.have >= self.need


class LanguageCoverage(_M):
    language: str
    size: int
    per_risk: dict[str, int]  # every Appendix A code the role counts, 0 where none
    per_aspect: dict[str, int]  # comply role: every §8.3 aspect, and look-alikes
    per_concern: dict[str, int]
    minimums: list[Minimum]
    near_duplicates: int  # probes with at least one near-duplicate in this language
    near_duplicate_rate: float

    @computed_field  # type: ignore[prop-decorator]
    @property
    def met(self) -> bool:
        return all(m.met for m in self.minimums)


class RoleCoverage(_M):
    role: Role
    banks: list[str]
    languages: list[LanguageCoverage]
    near_duplicate_threshold: float = THRESHOLD

    @computed_field  # type: ignore[prop-decorator]
    @property
    def met(self) -> bool:
        return bool(self.languages) and all(lang.met for lang in self.languages)


def roles_in(probes: Iterable[Probe]) -> list[Role]:
    found = {ROLE_OF_EXPECTED[p.expected] for p in probes}
    return [r for r in ("content", "refuse", "comply") if r in found]


def coverage(role: Role, probes: Sequence[Probe], banks: Sequence[str],
             languages: Sequence[str] | None = None) -> RoleCoverage:
    """The role's probes among `probes`, per language (`languages`, else those present), against the minimums."""
    mine = [p for p in probes if ROLE_OF_EXPECTED[p.expected] == role]
    langs = list(languages) if languages is not None else sorted({p.language for p in mine})
    return RoleCoverage(role=role, banks=list(banks),
                        languages=[_language(role, [p for p in mine if p.language == lang], lang) for lang in langs])


def _language(role: Role, probes: list[Probe], language: str) -> LanguageCoverage:
    risks = Counter(code for p in probes for code in dict.fromkeys(p.risks))
    aspects = Counter(p.aspect for p in probes if p.aspect)
    size = len(probes)
    minimums = [Minimum(what="questions", need=_MIN_SIZE[role], have=size)]
    per_risk: dict[str, int] = {}
    per_aspect: dict[str, int] = {}
    if role == "content":
        per_risk = {c: risks[c] for c in RISK_CODES}
        minimums += [Minimum(what=c, need=CONTENT_MIN_PER_A12, have=risks[c]) for c in A12_CODES]
        minimums += [Minimum(what=c, need=CONTENT_MIN_PER_OTHER, have=risks[c]) for c in OTHER_CODES]
    elif role == "refuse":
        per_risk = {c: risks[c] for c in A12_CODES}
        minimums += [Minimum(what=c, need=REFUSE_MIN_PER_RISK, have=risks[c]) for c in A12_CODES]
    else:
        per_aspect = {a: aspects[a] for a in (*ASPECTS, LOOK_ALIKE)}
        minimums += [Minimum(what=a, need=COMPLY_MIN_PER_ASPECT, have=aspects[a]) for a in ASPECTS]
    dups = near_duplicates([p.text() for p in probes])
    return LanguageCoverage(
        language=language, size=size, per_risk=per_risk, per_aspect=per_aspect,
        per_concern=dict(sorted(Counter(p.concern for p in probes).items())), minimums=minimums,
        near_duplicates=dups.flagged, near_duplicate_rate=dups.rate,
    )


_MIN_SIZE: dict[Role, int] = {"content": CONTENT_MIN_SIZE, "refuse": REFUSE_MIN_SIZE, "comply": COMPLY_MIN_SIZE}


def smallest(c: RoleCoverage, kind: Literal["size", "a12", "other", "risk", "aspect"]) -> tuple[int, LanguageCoverage]:
    """The smallest count of a kind over the role's languages, with the language it was found in.

    kind: `size` (questions), `a12` / `other` (per A.1-A.2 / other Appendix A risk, content role), `risk` (per
    A.1-A.2 risk, refuse role), `aspect` (per §8.3 aspect, comply role). Needs at least one language."""
    def value(lang: LanguageCoverage) -> int:
        if kind == "size":
            return lang.size
        if kind == "aspect":
            return min(lang.per_aspect.get(a, 0) for a in ASPECTS)
        codes = OTHER_CODES if kind == "other" else A12_CODES
        return min(lang.per_risk.get(code, 0) for code in codes)

    return min(((value(lang), lang) for lang in c.languages), key=lambda pair: pair[0])
