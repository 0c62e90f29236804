"""Check digits and structural rules of identifiers: each function takes the identifier's characters
(separators already removed) and says whether it is well formed. No regular expressions here."""

from __future__ import annotations

import datetime as dt

from accord.scan.iban_lengths import IBAN_LENGTHS

_DOUBLED = {str(d): (2 * d - 9 if d > 4 else 2 * d) for d in range(10)}
_LETTER_VALUES = str.maketrans({chr(c): str(c - 55) for c in range(65, 91)})  # A=10 ... Z=35


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment cards."""
    rev = digits[::-1]
    return (sum(map(int, rev[0::2])) + sum(map(_DOUBLED.__getitem__, rev[1::2]))) % 10 == 0


def iban_ok(iban: str) -> bool:
    """ISO 13616: the country's registered length, then mod 97 of the rearranged number equals 1."""
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isascii() or not iban.isalnum() or not iban[2:4].isdigit():
        return False
    return int((iban[4:] + iban[:4]).upper().translate(_LETTER_VALUES)) % 97 == 1


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of the administrative division code: the provinces, autonomous regions and
# municipalities of GB/T 2260, plus 71 (Taiwan), 81 (Hong Kong), 82 (Macao) and 83 (residence permits).
_CN_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83"
    .split()
)


def cn_id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of an 18-digit resident identity number (GB 11643)."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def cn_resident_id_ok(number: str, today: dt.date | None = None) -> bool:
    """18 characters: region code (known province), birth date (a real date, 1900 or later, not in the
    future), sequence, and the MOD 11-2 check character."""
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in _CN_PROVINCES:
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > (today or dt.date.today()):
        return False
    return cn_id_check_char(number[:17]) == number[17].upper()


def us_ssn_ok(area: str, group: str, serial: str) -> bool:
    """SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def uk_nino_ok(nino: str) -> bool:
    """HMRC format: two prefix letters (D, F, I, Q, U, V never; O never second; a few pairs never
    allocated), six digits, suffix A-D."""
    if len(nino) != 9 or not nino[2:8].isdigit() or nino[8] not in "ABCD":
        return False
    first, second = nino[0], nino[1]
    if first in "DFIQUV" or second in "DFIOQUV" or not (first.isalpha() and second.isalpha()):
        return False
    return nino[:2] not in _NINO_BAD_PREFIXES
