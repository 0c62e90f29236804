"""The recognizers: for each entity type, a pattern tried at a candidate start and a check that accepts
or rejects the matched text (checksums, structure). A check returns the accepted type and length, or None.

All character classes are ASCII on purpose: full-width digits and letters are not identifiers here.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

from accord.scan.addresses import CN_ADDRESS, DE_ADDRESS, EN_ADDRESS, FR_ADDRESS, address_length
from accord.scan.cards import card_type
from accord.scan.checksums import cn_resident_id_ok, iban_ok, uk_nino_ok, us_ssn_ok
from accord.scan.iban_lengths import IBAN_LENGTHS
from accord.scan.phones import phone_ok
from accord.scan.schemes import NATIONAL_TYPES

CORE_TYPES: tuple[str, ...] = (
    "EMAIL", "PHONE_NUMBER", "CREDIT_CARD", "CN_BANK_CARD", "IBAN", "IP_ADDRESS", "US_SSN", "CN_RESIDENT_ID",
    "PASSPORT", "UK_NINO", "ADDRESS",
)
ENTITY_TYPES: tuple[str, ...] = CORE_TYPES + NATIONAL_TYPES  # national identifiers: accord.scan.schemes

Check = Callable[[str], "tuple[str, int] | None"]


@dataclass(frozen=True)
class Recognizer:
    """`types`: what `check` can answer. `lead`: which locator finds its candidate starts.
    `context`: one of these words must occur shortly before the match; `blocked`: none of them may.
    `trim`: on rejection, retry with trailing separated groups removed (the pattern is greedy).
    `glue`: found even when a letter touches it on either side (`身份证450700194103107223Use`); without it, a
    letter before hides the number, and after it only a capitalised word may follow (`+33 5 09 86 38 66Bitte`:
    a change of word, not a code like `1Z999AA1` or `deadbeef1234`)."""

    name: str
    types: tuple[str, ...]
    lead: str
    pattern: re.Pattern[str]
    check: Check
    score: float
    context: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()
    trim: bool = False
    min_len: int = 1
    glue: bool = False  # a check digit or fixed structure guards it: a letter may touch it on either side


def _fixed(kind: str, ok: Callable[[str], bool]) -> Check:
    return lambda s: (kind, len(s)) if ok(s) else None


_NOT_DIGITS = re.compile(r"[^0-9]+")


def _digits(s: str) -> str:
    return _NOT_DIGITS.sub("", s)


def _card(s: str) -> tuple[str, int] | None:
    if " " in s and "-" in s:  # one kind of separator or none
        return None
    kind = card_type(s.replace(" ", "").replace("-", ""))  # the card pattern holds digits, spaces and hyphens
    return (kind, len(s)) if kind else None


def _iban(s: str) -> tuple[str, int] | None:
    want = IBAN_LENGTHS.get(s[:2])
    if want is None:
        return None
    if " " not in s[:want]:  # no space before the IBAN's last character
        end = want
    else:
        kept = [i for i, ch in enumerate(s) if ch != " "]
        if len(kept) < want:
            return None
        end = kept[want - 1] + 1
    return ("IBAN", end) if iban_ok(s[:end].replace(" ", "")) else None


def _ssn(s: str) -> bool:
    d = s.replace("-", "").replace(" ", "")  # both SSN patterns hold digits, hyphens and spaces only
    return us_ssn_ok(d[:3], d[3:5], d[5:])


def _ipv4(s: str) -> bool:
    parts = s.split(".")
    return len(parts) == 4 and all(p.isdigit() and (p == "0" or p[0] != "0") and int(p) <= 255 for p in parts)


def _ipv6(s: str) -> bool:
    groups = [g for g in s.split(":") if g]
    if len(groups) < 3 and not ("::" in s and len(groups) >= 2 and any(ch.isdigit() for ch in s)):
        return False
    try:
        ipaddress.IPv6Address(s)
    except ValueError:
        return False
    return True


_DIGIT_CHARS = "0123456789"


def _separated_phone(s: str) -> bool:
    """A phone written with separators or a prefix; its last group has at least two digits."""
    return not s.isdigit() and len(s) - len(s.rstrip(_DIGIT_CHARS)) >= 2 and phone_ok(s)


def _email(s: str) -> bool:
    local = s.split("@", 1)[0]
    return not (local.startswith(".") or local.endswith(".") or ".." in s)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_END = r"(?![0-9A-Za-z])"
_NUMBER_END = r"(?![0-9])"  # glued identifiers: only a digit after would make it another number
_WORD_END = r"(?:(?![0-9A-Za-z])|(?=[A-Z][a-z]))"  # the end of a word, or a capitalised word glued on
PASSPORT_WORDS = ("passport", "护照", "護照", "reisepass", "passnummer", "pass-nr", "passeport")
SSN_WORDS = ("ssn", "social security")
NOT_A_PHONE = ("order", "invoice", "ref", "tracking", "ticket", "订单", "单号", "编号", "发票", "bestell",
               "rechnung", "auftrag", "commande", "facture", "isbn", "account", "konto", "compte", "账号")
NOT_AN_ADDRESS = ("order", "invoice", "ticket", "chapter", "episode", "bestell", "rechnung", "kapitel", "commande",
                  "facture", "chapitre", "订单", "编号")
VERSION_WORDS = ("version", "ver.", "build", "版本", "versión")

RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer("cn_resident_id", ("CN_RESIDENT_ID",), "digit", _rx(r"[1-9][0-9]{16}[0-9Xx]" + _NUMBER_END),
               _fixed("CN_RESIDENT_ID", cn_resident_id_ok), 1.0, glue=True),
    Recognizer("card", ("CREDIT_CARD", "CN_BANK_CARD"), "digit", _rx(r"[0-9](?:[0-9]|[ -](?=[0-9])){11,22}"),
               _card, 1.0, trim=True, min_len=12, glue=True),
    Recognizer("us_ssn", ("US_SSN",), "digit",
               _rx(r"[0-9]{3}(?P<ssn_sep>[- ])[0-9]{2}(?P=ssn_sep)[0-9]{4}(?![0-9]|-[0-9])"),
               _fixed("US_SSN", _ssn), 0.85, glue=True),
    Recognizer("us_ssn_bare", ("US_SSN",), "digit", _rx(r"[0-9]{9}" + _END), _fixed("US_SSN", _ssn), 0.7,
               context=SSN_WORDS),
    Recognizer("ipv4", ("IP_ADDRESS",), "digit", _rx(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9A-Za-z]|\.[0-9])"),
               _fixed("IP_ADDRESS", _ipv4), 0.9, blocked=VERSION_WORDS),
    Recognizer("phone", ("PHONE_NUMBER",), "digit", _rx(
        r"(?:(?:\+[0-9]{1,3}|00[1-9][0-9]{0,2})[ .-]?)?(?:\(0\)[ ]?)?(?:\([0-9]{1,5}\)[ .-]?)?"
        r"[0-9]+(?:[ .\-/][0-9]+){0,5}(?:[ ]?(?:ext\.?|x)[ ]?[0-9]{1,5})?" + _WORD_END),
        _fixed("PHONE_NUMBER", _separated_phone), 0.8, trim=True, min_len=8),
    Recognizer("phone_bare", ("PHONE_NUMBER",), "digit", _rx(r"[0-9]{10,12}" + _WORD_END),
               _fixed("PHONE_NUMBER", phone_ok), 0.6, blocked=NOT_A_PHONE),
    Recognizer("us_passport_digits", ("PASSPORT",), "digit", _rx(r"[0-9]{9}" + _END),
               _fixed("PASSPORT", lambda s: True), 0.8, context=PASSPORT_WORDS),
    Recognizer("iban", ("IBAN",), "upper", _rx(r"[A-Z]{2}[0-9]{2}(?:[ ]?[0-9A-Z]){8,32}"), _iban, 1.0, glue=True),
    Recognizer("uk_nino", ("UK_NINO",), "upper",
               _rx(r"[A-Z]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[A-D]" + _END),
               _fixed("UK_NINO", lambda s: uk_nino_ok(s.replace(" ", ""))), 0.85),
    Recognizer("passport_letters", ("PASSPORT",), "upper",
               _rx(r"(?:E[A-HJ-NP-Z][0-9]{7}|[A-Z][0-9]{8})" + _END), _fixed("PASSPORT", lambda s: True), 0.8,
               context=PASSPORT_WORDS),
    Recognizer("ipv6", ("IP_ADDRESS",), "colon",
               _rx(r"(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f]{1,4})?"
                   r"(?![0-9A-Za-z:]|\.[0-9])"), _fixed("IP_ADDRESS", _ipv6), 0.9),
    Recognizer("email", ("EMAIL",), "at", _rx(
        r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"),
        _fixed("EMAIL", _email), 0.95),
    *(Recognizer(f"address_{region}", ("ADDRESS",), "address", _rx(pattern), address_length, 0.85,
                 blocked=NOT_AN_ADDRESS)
      for region, pattern in (("en", EN_ADDRESS), ("fr", FR_ADDRESS), ("de", DE_ADDRESS), ("cn", CN_ADDRESS))),
)
