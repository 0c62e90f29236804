"""Validity of identifiers with check digits, by python-stdnum (pinned in pyproject.toml). Each function takes
the identifier's characters (separators already removed where noted) and says whether it is well formed.

Speed: scanning tries the card and IBAN checks on every digit run of their shape, most of which fail, and
stdnum's checks cost about ten times a plain one (bench/RESULTS.md, "National identifiers"). So `luhn_ok` and
`iban_ok` first run a quick necessary test (the Luhn sum; the registry length and mod 97) and ask stdnum only
when it passes: every number accepted is accepted by stdnum, and a number the quick test rejects is one stdnum
rejects too (tests/test_scan_checksums.py checks both on random and generated numbers). The answers are
stdnum's.

The one rule kept here is the UK National Insurance number's, which has no check digit and no python-stdnum
module: HMRC's prefix and suffix letters (a structure rule, not a checksum)."""

from __future__ import annotations

import datetime as dt

from stdnum import iban as _iban
from stdnum import luhn as _luhn
from stdnum.cn import ric as _ric
from stdnum.exceptions import ValidationError
from stdnum.us import ssn as _ssn

from accord.scan.iban_lengths import IBAN_LENGTHS

_DOUBLED = {str(d): (2 * d - 9 if d > 4 else 2 * d) for d in range(10)}
_LETTER_VALUES = str.maketrans({chr(c): str(c - 55) for c in range(65, 91)})  # A=10 ... Z=35


def _luhn_sum_ok(digits: str) -> bool:
    rev = digits[::-1]
    return (sum(map(int, rev[0::2])) + sum(map(_DOUBLED.__getitem__, rev[1::2]))) % 10 == 0


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment cards (`stdnum.luhn`, after a quick necessary test)."""
    return digits.isascii() and digits.isdigit() and _luhn_sum_ok(digits) and _luhn.is_valid(digits)


def iban_ok(iban: str) -> bool:
    """ISO 13616 (`stdnum.iban`, after a quick necessary test): the country's registered BBAN structure and
    length, mod 97 equal to 1, and the country's own national check where stdnum has one."""
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isascii() or not iban.isalnum() or not iban[2:4].isdigit():
        return False
    if int((iban[4:] + iban[:4]).upper().translate(_LETTER_VALUES)) % 97 != 1:
        return False
    return _iban.is_valid(iban)


def cn_id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of an 18-digit resident identity number (GB 11643, `stdnum.cn.ric`)."""
    return _ric.calc_check_digit(first17 + "0")  # stdnum expects a number with a check place


# First two digits of the administrative division code: the provinces, autonomous regions and municipalities
# of GB/T 2260, plus 71 (Taiwan), 81 (Hong Kong), 82 (Macao) and 83 (residence permits). stdnum.cn.ric also
# checks the county against its own list (stdnum/cn/loc.dat), which lacks real counties (440105 Guangzhou Haizhu,
# 610403 Xianyang Yangling): it rejected 123 of 200 Faker numbers, so only stdnum's check digit and date are used.
_CN_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83"
    .split()
)


def cn_resident_id_ok(number: str, today: dt.date | None = None) -> bool:
    """18 characters: a known province, the MOD 11-2 check character (`stdnum.cn.ric`) and a real birth date
    (`stdnum.cn.ric.get_birth_date`) from 1900 to `today`."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in _CN_PROVINCES:
        return False
    if _ric.calc_check_digit(number) != number[17]:
        return False
    try:
        born = _ric.get_birth_date(number)
    except ValidationError:
        return False
    return dt.date(1900, 1, 1) <= born <= (today or dt.date.today())


def us_ssn_ok(area: str, group: str, serial: str) -> bool:
    """`stdnum.us.ssn`: area not 000, 666 or 9xx, group not 00, serial not 0000, not a published sample number."""
    return _ssn.is_valid(f"{area}-{group}-{serial}")


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
