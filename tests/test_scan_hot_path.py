"""The scanner's hot path does no work its answer does not need (bench/RESULTS.md, "Scanner hot path"), and its
faster forms give the answers of the plain definitions they replaced, on random and generated inputs."""

from __future__ import annotations

import random
import re

import pytest

import accord.scan.cards as cards
from accord.scan import recognizers
from accord.scan.iban_lengths import IBAN_LENGTHS
from accord.scan.phones import phone_ok
from tests.support.pii_corpus import generate


def test_a_number_of_no_card_brand_is_never_luhn_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real = cards.luhn_ok
    monkeypatch.setattr(cards, "luhn_ok", lambda d: checked.append(d) or real(d))
    assert cards.card_type("9111111111111111") is None and cards.card_type("1234567812345670") is None
    assert checked == []  # no brand has these prefixes: the Luhn check (and stdnum's) is not asked
    assert cards.card_type("4111111111111111") == "CREDIT_CARD" and checked == ["4111111111111111"]


def _old_card_brand(digits: str) -> str | None:
    n = len(digits)
    for brand, ranges, lengths in cards._BRANDS:
        if n in lengths and any(low <= digits[: len(low)] <= high for low, high in ranges):
            return brand
    return None


def _old_card_type(digits: str) -> str | None:
    if not 12 <= len(digits) <= 19 or not cards.luhn_ok(digits):
        return None
    if digits.startswith("62") and len(digits) >= 16:
        return "CN_BANK_CARD"
    return "CREDIT_CARD" if _old_card_brand(digits) else None


def _old_separated_phone(s: str) -> bool:
    last = re.search(r"[0-9]+$", s)
    return not s.isdigit() and last is not None and len(last.group()) >= 2 and phone_ok(s)


def _old_iban(s: str) -> tuple[str, int] | None:
    want = IBAN_LENGTHS.get(s[:2])
    if want is None:
        return None
    kept = [i for i, ch in enumerate(s) if ch != " "]
    if len(kept) < want:
        return None
    end = kept[want - 1] + 1
    return ("IBAN", end) if recognizers.iban_ok(s[:end].replace(" ", "")) else None


def _numbers(r: random.Random, n: int) -> list[str]:
    """Digit runs of card lengths with every brand's prefixes, half of them given a valid Luhn digit."""
    prefixes = ["4", "51", "55", "2221", "2720", "34", "37", "6011", "65", "300", "36", "3528", "2131", "1800",
                "5018", "6304", "56", "62", "9", "1", "7", "0"]
    out = []
    for _ in range(n):
        body = r.choice(prefixes) + "".join(r.choice("0123456789") for _ in range(r.randint(8, 18)))
        if r.random() < 0.5:
            body = body[:-1] + next(d for d in "0123456789" if cards.luhn_ok(body[:-1] + d))
        out.append(body)
    return out


def test_card_type_and_brand_answer_as_the_plain_definitions() -> None:
    numbers = _numbers(random.Random(0), 20_000)
    assert sum(1 for n in numbers if cards.card_type(n)) > 2_000
    assert [cards.card_type(n) for n in numbers] == [_old_card_type(n) for n in numbers]
    assert [cards.card_brand(n) for n in numbers] == [_old_card_brand(n) for n in numbers]


def test_phone_and_iban_checks_answer_as_the_plain_definitions() -> None:
    r = random.Random(1)
    phones = [r.choice(["", "+", "+86 ", "00", "(0) ", "+1 (555) "]) + "".join(
        r.choice("0123456789" * 4 + " -./") for _ in range(r.randint(6, 20))).strip(" -./") or "1"
        for _ in range(20_000)]
    assert [recognizers._separated_phone(p) for p in phones] == [_old_separated_phone(p) for p in phones]
    assert sum(map(recognizers._separated_phone, phones)) > 500
    texts = [d.text for d in generate(3000, seed=5)]
    ibans = [m.group() for t in texts for m in re.finditer(r"[A-Z]{2}[0-9]{2}(?:[ ]?[0-9A-Z]){8,32}", t)]
    ibans += [s[:-1] + ("0" if s[-1] != "0" else "1") for s in ibans] + [s.replace(" ", "") for s in ibans]
    assert len(ibans) > 500 and sum(1 for s in ibans if recognizers._iban(s)) > 200
    assert [recognizers._iban(s) for s in ibans] == [_old_iban(s) for s in ibans]
