"""Hong Kong, Macao and Taiwan: identifiers are added only where python-stdnum validates them, and docs/privacy.md
says what the installed python-stdnum has for them (tests fail when a stdnum upgrade adds a module)."""

from __future__ import annotations

import importlib.util
import pkgutil
from pathlib import Path

import stdnum
import stdnum.cn
import stdnum.tw

from accord.scan import scan_text
from accord.scan.checksums import cn_id_check_char
from accord.scan.people import kind_of
from accord.scan.schemes import SCHEMES

DOC = (Path(__file__).resolve().parent.parent / "docs" / "privacy.md").read_text(encoding="utf-8")


def _paragraph() -> str:
    start = DOC.index("- **Hong Kong, Macao and Taiwan**")
    return DOC[start:DOC.index("\n- ", start + 1)]


def test_stdnum_has_no_personal_id_module_for_hong_kong_macao_or_taiwan() -> None:
    assert importlib.util.find_spec("stdnum.hk") is None and importlib.util.find_spec("stdnum.mo") is None
    assert [m.name for m in pkgutil.iter_modules(stdnum.tw.__path__)] == ["ubn"]  # a business number only
    (ubn,) = [s for s in SCHEMES if s.country == "TW"]
    assert ubn.module == "tw.ubn" and not ubn.person


def test_the_docs_say_what_the_installed_stdnum_has() -> None:
    said = _paragraph()
    assert f"python-stdnum {stdnum.__version__}" in said
    assert "no `stdnum.hk`" in said and "no `stdnum.mo`" in said
    for package in (stdnum.tw, stdnum.cn):
        for m in pkgutil.iter_modules(package.__path__):
            assert f"`{package.__name__}.{m.name}`" in said, m.name
    assert said.count("**not covered**") == 2


def test_residence_permits_of_hong_kong_macao_and_taiwan_residents_are_found_as_resident_ids() -> None:
    for prefix in ("810000", "820000", "830000", "710000"):
        body = prefix + "19900101123"
        number = body + cn_id_check_char(body)  # stdnum.cn.ric's check character
        assert [s.type for s in scan_text(f"居住证号码 {number}。")] == ["CN_RESIDENT_ID"]
        wrong = body + ("0" if number[-1] != "0" else "1")
        assert scan_text(f"居住证号码 {wrong}。") == []
    kind = kind_of("CN_RESIDENT_ID")
    assert kind is not None and kind.country == "CN" and kind.person
