"""Validators of the scanner: known-good identifiers pass, one changed character fails."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.scan import Scanner, scan_text
from accord.scan.cards import card_type
from accord.scan.checksums import cn_id_check_char, cn_resident_id_ok, iban_ok, luhn_ok, uk_nino_ok, us_ssn_ok
from accord.scan.phones import phone_ok


def test_luhn_and_card_brands() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert card_type("4111111111111111") == "CREDIT_CARD"
    assert card_type("5555555555554444") == "CREDIT_CARD"  # Mastercard
    assert card_type("2223003122003222") == "CREDIT_CARD"  # Mastercard 2-series, which Presidio misses
    assert card_type("378282246310005") == "CREDIT_CARD"  # Amex
    assert card_type("6222020200112233449"[:-1] + "0") in (None, "CN_BANK_CARD")
    body = "622202020011223344"
    check = next(d for d in "0123456789" if luhn_ok(body + d))
    assert card_type(body + check) == "CN_BANK_CARD"
    assert card_type("9111111111111111") is None  # no brand, even though a Luhn-valid digit could be found


def test_iban_mod97_and_length() -> None:
    assert iban_ok("DE89370400440532013000") and iban_ok("GB82WEST12345698765432")
    assert not iban_ok("DE89370400440532013001")  # checksum
    assert not iban_ok("GB40VGJJ9786907366258")  # 21 characters: GB needs 22 (Faker zh_CN's kind)
    assert not iban_ok("XX89370400440532013000")  # unknown country


def test_cn_resident_id() -> None:
    assert cn_id_check_char("11010519491231002") == "X"
    assert cn_resident_id_ok("11010519491231002X") and cn_resident_id_ok("11010519491231002x")
    assert not cn_resident_id_ok("110105194912310021")  # check digit
    assert not cn_resident_id_ok("110105194913310028")  # month 13
    assert not cn_resident_id_ok("990105194912310020")  # no province 99
    future = "110105" + "20991231" + "002"
    assert not cn_resident_id_ok(future + cn_id_check_char(future), today=dt.date(2026, 1, 1))


@pytest.mark.parametrize("ssn, ok", [("123-45-6789", True), ("000-12-3456", False), ("666-12-3456", False),
                                     ("912-12-3456", False), ("123-00-4567", False), ("123-45-0000", False)])
def test_us_ssn(ssn: str, ok: bool) -> None:
    a, g, s = ssn.split("-")
    assert us_ssn_ok(a, g, s) is ok
    assert [x.type for x in scan_text(f"SSN {ssn} on file")] == (["US_SSN"] if ok else [])


@pytest.mark.parametrize("nino, ok", [("AB123456C", True), ("ZZ123456A", False), ("AB123456T", False),
                                      ("DA123456A", False), ("GB123456A", False), ("AO123456A", False)])
def test_uk_nino(nino: str, ok: bool) -> None:
    assert uk_nino_ok(nino) is ok


@pytest.mark.parametrize("number, ok", [
    ("13812345678", True), ("+86 138 1234 5678", True), ("010-62345678", True), ("(0755)82345678", True),
    ("(212) 555-1234", True), ("+1-212-555-1234x99", True), ("212-055-1234", False),
    ("07700 900123", True), ("+44 20 7946 0958", True), ("+49 30 1234567", True), ("030 1234567", True),
    ("+33 1 23 45 67 89", True), ("01 23 45 67 89", True), ("+81312345678", True), ("12345678", False),
])
def test_phone_plans(number: str, ok: bool) -> None:
    assert phone_ok(number) is ok


def test_context_rules() -> None:
    s = Scanner()
    assert [x.type for x in s.scan("passport no. E12345678")] == ["PASSPORT"]
    assert s.scan("product code E12345678") == []  # a passport number needs a passport word before it
    assert s.scan("please upgrade to version 1.2.3.4") == []  # a version string, not an IP address
    assert [x.type for x in s.scan("from 1.2.3.4 today")] == ["IP_ADDRESS"]
    assert s.scan("order number 4155551234") == []  # a bare number after an order word is not a phone
    assert [x.type for x in s.scan("call 415-555-1234")] == ["PHONE_NUMBER"]
    assert s.scan("std::vector<int> and 12:30:45") == []


def test_spans_are_exact_and_types_can_be_narrowed() -> None:
    text = "邮箱 zhang.wei@example.cn，卡号 4111 1111 1111 1111。"
    spans = scan_text(text)
    assert [(text[x.start:x.end], x.type) for x in spans] == [
        ("zhang.wei@example.cn", "EMAIL"), ("4111 1111 1111 1111", "CREDIT_CARD")]
    assert [x.type for x in Scanner(["EMAIL"]).scan(text)] == ["EMAIL"]
    with pytest.raises(ValueError):
        Scanner(["PERSON"])


def test_quick_tests_before_stdnum_give_stdnum_answers() -> None:
    """luhn_ok and iban_ok run a quick necessary test before python-stdnum: their answers are stdnum's."""
    import random

    from stdnum import iban as std_iban
    from stdnum import luhn as std_luhn

    from tests.support.pii_corpus import _Values

    rng = random.Random(3)
    for _ in range(20000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(12, 19)))
        assert luhn_ok(digits) == std_luhn.is_valid(digits), digits
    values = _Values(4)
    ibans = [values.iban().replace(" ", "") for _ in range(300)]
    ibans += [b[:i] + str((int(b[i]) + 1) % 10) + b[i + 1:] for b in ibans for i in (5, 9) if b[i].isdigit()]
    ibans += ["GB40VGJJ9786907366258", "XX89370400440532013000", "DE89370400440532013000"]
    for number in ibans:
        assert iban_ok(number) == std_iban.is_valid(number), number
