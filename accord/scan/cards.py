"""Payment card brands by issuer prefix and length; Luhn decides validity.

UnionPay numbers (prefix 62, 16-19 digits) are reported as CN_BANK_CARD, every other brand as CREDIT_CARD,
so a number gets exactly one type."""

from __future__ import annotations

from accord.scan.checksums import luhn_ok

# (prefix ranges as (low, high) over the first len(low) digits, allowed lengths)
_BRANDS: tuple[tuple[str, tuple[tuple[str, str], ...], frozenset[int]], ...] = (
    ("visa", (("4", "4"),), frozenset({13, 16, 19})),
    ("mastercard", (("51", "55"), ("2221", "2720")), frozenset({16})),
    ("amex", (("34", "34"), ("37", "37")), frozenset({15})),
    ("discover", (("6011", "6011"), ("644", "649"), ("65", "65")), frozenset(range(16, 20))),
    ("diners", (("300", "305"), ("36", "36"), ("38", "39")), frozenset(range(14, 20))),
    ("jcb", (("3528", "3589"),), frozenset(range(16, 20))),
    ("jcb15", (("2131", "2131"), ("1800", "1800")), frozenset({15})),
    ("maestro", (("5018", "5018"), ("5020", "5020"), ("5038", "5038"), ("5893", "5893"), ("6304", "6304"),
                 ("6759", "6759"), ("6761", "6763"), ("0604", "0604"), ("6390", "6390"), ("56", "58")),
     frozenset(range(12, 20))),
)


# per length, the (low, high, brand) of every prefix range that allows it, in _BRANDS's order
_BY_LENGTH: dict[int, tuple[tuple[str, str, str], ...]] = {
    n: tuple((low, high, brand) for brand, ranges, lengths in _BRANDS if n in lengths for low, high in ranges)
    for n in range(12, 20)
}


def card_brand(digits: str) -> str | None:
    """The brand whose prefix and length fit, or None."""
    for low, high, brand in _BY_LENGTH.get(len(digits), ()):
        if low <= digits[: len(low)] <= high:
            return brand
    return None


def card_type(digits: str) -> str | None:
    """CN_BANK_CARD, CREDIT_CARD, or None when the number is no valid card number."""
    if not 12 <= len(digits) <= 19:
        return None
    # the type first (cheap), then Luhn: a number with no brand is never checked (same answers, less work)
    kind = "CN_BANK_CARD" if digits.startswith("62") and len(digits) >= 16 else "CREDIT_CARD" if card_brand(digits) \
        else None
    return kind if kind is not None and luhn_ok(digits) else None
