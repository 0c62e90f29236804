"""Validity of identifiers with check digits, by python-stdnum (pinned in pyproject.toml): the scanner writes no
check-digit arithmetic of its own. Each function takes the identifier's characters (separators already removed
where noted) and says whether it is well formed.

The one rule kept here is the UK National Insurance number's, which has no check digit and no python-stdnum
module: HMRC's prefix and suffix letters (a structure rule, not a checksum)."""

from __future__ import annotations

import datetime as dt

from stdnum import iban as _iban
from stdnum import luhn as _luhn
from stdnum.cn import ric as _ric
from stdnum.exceptions import ValidationError
from stdnum.us import ssn as _ssn


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment cards (`stdnum.luhn`)."""
    return _luhn.is_valid(digits)


def iban_ok(iban: str) -> bool:
    """ISO 13616 (`stdnum.iban`): the country's registered BBAN structure and length, mod 97 equal to 1, and
    the country's own national check where stdnum has one."""
    return iban.isascii() and iban.isalnum() and _iban.is_valid(iban)


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
