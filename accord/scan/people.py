"""People counted by the identifiers that name them: per country and scheme, the distinct identifiers found and
the documents holding them. Identifiers are counted by a keyed hash (HMAC-SHA256 under a key that lives only in
this process unless the caller supplies one, so that two scans can be compared); the summary never holds an
identifier in full, only masked forms such as `44*******59`.

A count of distinct identifiers is the number of people only as far as each person carries one identifier of
that scheme: two schemes of one country can name the same person (a Pole's PESEL and NIP), so the per-country
figure adds schemes up and is an upper bound of the people named there; people named without an identifier are
not counted at all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from pydantic import BaseModel

from accord.scan.schemes import SCHEMES

MASKED_EXAMPLES = 3


@dataclass(frozen=True)
class IdentifierKind:
    country: str
    scheme: str
    person: bool


def _kinds() -> dict[str, IdentifierKind]:
    kinds = {"CN_RESIDENT_ID": IdentifierKind("CN", "居民身份证号码 (resident identity card number)", True),
             "US_SSN": IdentifierKind("US", "Social Security number", True),
             "UK_NINO": IdentifierKind("GB", "National Insurance number", True)}
    for s in SCHEMES:
        if s.type == "EU_VAT":
            continue
        kinds[s.type] = IdentifierKind(s.country, s.name, s.person)
    return kinds


KINDS: dict[str, IdentifierKind] = _kinds()


def kind_of(entity_type: str) -> IdentifierKind | None:
    """The country and scheme of an identifier type (VAT numbers: their country, not a person), or None for types
    that name no country (email, phone, card, address...)."""
    if entity_type.endswith("_VAT") and len(entity_type) == 6:
        return IdentifierKind(entity_type[:2], "VAT identification number", False)
    return KINDS.get(entity_type)


def mask(value: str) -> str:
    """The first two and last two characters, the rest as `*` (short values: all but the last one)."""
    if len(value) <= 6:
        return "*" * (len(value) - 1) + value[-1:]
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


def _normal(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


class IdentifierCount(BaseModel):
    country: str
    type: str
    scheme: str
    person: bool
    distinct: int
    documents: int
    masked_examples: list[str]


class IdentifierCounter:
    """Distinct identifiers per type by keyed hash, and the documents holding each type."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key if key is not None else secrets.token_bytes(32)
        self._hashes: dict[str, set[bytes]] = {}
        self._docs: dict[str, set[int]] = {}
        self._examples: dict[str, list[str]] = {}

    def add(self, entity_type: str, value: str, doc: int) -> None:
        if kind_of(entity_type) is None:
            return
        normal = _normal(value)
        digest = hmac.new(self._key, f"{entity_type}:{normal}".encode(), hashlib.sha256).digest()
        seen = self._hashes.setdefault(entity_type, set())
        if digest not in seen:
            seen.add(digest)
            examples = self._examples.setdefault(entity_type, [])
            if len(examples) < MASKED_EXAMPLES:
                examples.append(mask(normal))
        self._docs.setdefault(entity_type, set()).add(doc)

    def counts(self) -> list[IdentifierCount]:
        out = []
        for t in sorted(self._hashes, key=lambda t: (kind_of(t).country, t)):  # type: ignore[union-attr]
            k = kind_of(t)
            assert k is not None
            out.append(IdentifierCount(country=k.country, type=t, scheme=k.scheme, person=k.person,
                                       distinct=len(self._hashes[t]), documents=len(self._docs[t]),
                                       masked_examples=self._examples[t]))
        return out


def people_by_country(counts: list[IdentifierCount]) -> dict[str, int]:
    """Distinct identifiers of people per country (an upper bound of the people named, see the module doc)."""
    out: dict[str, int] = {}
    for c in counts:
        if c.person:
            out[c.country] = out.get(c.country, 0) + c.distinct
    return dict(sorted(out.items()))
