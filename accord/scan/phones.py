"""Telephone numbers: structural checks for China (mobile, landline), NANP (US, Canada), UK, Germany and
France, and plain E.164 for other country codes. Input is the matched text; separators are free."""

from __future__ import annotations

import re

_NOT_DIGITS = re.compile(r"[^0-9]+")
_EXTENSION = re.compile(r"[ ]?(?:ext\.?|x)[ ]?[0-9]{1,5}$", re.IGNORECASE)


def _nanp(nsn: str) -> bool:
    return len(nsn) == 10 and nsn[0] in "23456789" and nsn[3] in "23456789"


def _cn(nsn: str) -> bool:
    if len(nsn) == 11 and nsn[0] == "1" and nsn[1] in "3456789":
        return True  # mobile
    if not 9 <= len(nsn) <= 11 or nsn[0] == "0":
        return False
    return nsn[0] != "1" or nsn[:2] == "10"  # landline: area code (10 is Beijing) + 7-8 digit subscriber


_BY_CODE = {
    "1": _nanp,
    "86": _cn,
    "44": lambda nsn: len(nsn) in (9, 10) and nsn[0] != "0",
    "49": lambda nsn: 6 <= len(nsn) <= 12 and nsn[0] != "0",
    "33": lambda nsn: len(nsn) == 9 and nsn[0] != "0",
}


def _international(digits: str) -> bool:
    for code, ok in _BY_CODE.items():
        if digits.startswith(code):
            return ok(digits[len(code):])
    return 8 <= len(digits) <= 15 and digits[0] != "0"


def phone_ok(raw: str) -> bool:
    """Whether `raw` (digits, separators, optional +CC or 00CC, optional "(0)", optional extension) is a
    plausible phone number of a supported plan."""
    main = _EXTENSION.sub("", raw) if "x" in raw or "X" in raw else raw  # every extension has an x
    international = main.startswith("+") or (main.startswith("00") and main[2:3] not in ("", "0"))
    main = main.replace("(0)", "") if international else main
    digits = _NOT_DIGITS.sub("", main)
    if international:
        return _international(digits if main.startswith("+") else digits[2:])
    separated = len(digits) != len(main)
    if digits[0] == "0":  # trunk prefix: Germany, UK, France, China landline
        return 10 <= len(digits) <= 12 and digits[1] != "0"
    if len(digits) == 11 and digits[0] == "1":
        return digits[1] in "3456789"  # China mobile
    if _nanp(digits):
        return True
    return separated and len(digits) == 11 and digits[0] == "1" and _nanp(digits[1:])
