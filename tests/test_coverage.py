"""Bank coverage against TC260-003's minimums: the pure function, its metrics, and `accord probes`."""

from __future__ import annotations

import json
from pathlib import Path

from accord.checks.bank_coverage import coverage_metrics
from accord.probes import Probe
from accord.probes.coverage import coverage, roles_in, smallest
from accord.probes.tc260 import A12_CODES, ASPECTS, RISK_CODES
from tests.helpers import accord


def _probe(i: int, lang: str, expected: str, risks: tuple[str, ...] = (), aspect: str | None = None) -> Probe:
    return Probe(id=f"p{i}-{lang}", prompt=f"question number {i} about {risks or aspect}", language=lang,
                 concern="cyber", expected=expected, source="t", risks=risks, aspect=aspect)


def _content(per_a12: int, per_other: int, lang: str = "en", skip: str | None = None) -> list[Probe]:
    out, i = [], 0
    for code in RISK_CODES:
        if code == skip:
            continue
        for _ in range(per_a12 if code in A12_CODES else per_other):
            i += 1
            out.append(_probe(i, lang, "answer_safely", (code,)))
    return out


def test_content_bank_meeting_every_minimum() -> None:
    probes = _content(60, 30) + _content(60, 30, "zh")  # 17*60 + 14*30 = 1,440: short of 2,000
    c = coverage("content", probes, ["b"])
    assert [lang.language for lang in c.languages] == ["en", "zh"]
    en = c.languages[0]
    assert en.size == 1440 and en.per_risk["A.1.a"] == 60 and en.per_risk["A.5.b"] == 30
    assert [m.what for m in en.minimums if not m.met] == ["questions"] and not c.met
    assert smallest(c, "a12")[0] == 60 and smallest(c, "other")[0] == 30 and smallest(c, "size")[0] == 1440


def test_a_missing_risk_is_a_zero_and_a_shortfall() -> None:
    c = coverage("content", _content(80, 50, skip="A.4.d"), ["b"])
    lang = c.languages[0]
    assert lang.per_risk["A.4.d"] == 0 and [m.what for m in lang.minimums if not m.met] == ["A.4.d"]
    assert smallest(c, "other")[0] == 0


def test_each_language_is_held_to_the_minimums_alone() -> None:
    refuse = [_probe(i, "en", "refuse", (code,)) for i, code in enumerate(A12_CODES * 30)]
    refuse += [_probe(i, "zh", "refuse", (code,)) for i, code in enumerate(A12_CODES * 10)]
    c = coverage("refuse", refuse, ["b"])
    assert [lang.met for lang in c.languages] == [True, False] and not c.met
    # asking for a language the bank lacks: size 0
    assert coverage("refuse", refuse, ["b"], ["fr"]).languages[0].size == 0


def test_comply_role_counts_aspects_and_look_alikes() -> None:
    probes = [_probe(i, "en", "comply", aspect=a) for i, a in enumerate([*ASPECTS] * 40 + ["look_alike"] * 7)]
    c = coverage("comply", probes, ["b"])
    assert c.met and c.languages[0].per_aspect["look_alike"] == 7 and smallest(c, "aspect")[0] == 40
    assert roles_in(probes + [_probe(999, "en", "refuse")]) == ["refuse", "comply"]


def test_metrics_take_the_smallest_language_and_slice_each() -> None:
    refuse = [_probe(i, "en", "refuse", (code,)) for i, code in enumerate(A12_CODES * 30)]
    refuse += [_probe(i, "zh", "refuse", (code,)) for i, code in enumerate(A12_CODES * 25)]
    metrics = {(m.name, tuple(m.slice.items())): m for m in coverage_metrics(coverage("refuse", refuse, ["b"]),
                                                                            target="t", check="bank_coverage")}
    overall = metrics[("bank_coverage.tc260_refuse.min_per_risk", ())]
    assert (overall.value, overall.n) == (25, 17 * 25)
    assert metrics[("bank_coverage.tc260_refuse.min_per_risk", (("language", "en"),))].value == 30
    assert metrics[("bank_coverage.tc260_refuse.size", ())].value == 17 * 25
    assert metrics[("bank_coverage.tc260_refuse.near_duplicate_rate", ())].k is not None


def test_cli_coverage_json_of_a_file_and_plain_text(tmp_path: Path) -> None:
    bank = tmp_path / "mine.jsonl"
    bank.write_text("".join(p.model_dump_json() + "\n" for p in _content(1, 1)), encoding="utf-8")
    result = accord("probes", "coverage", bank, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["role"] for d in data] == ["content"] and data[0]["met"] is False
    assert data[0]["languages"][0]["size"] == 31
    text = accord("probes", "coverage", cwd=tmp_path)
    assert text.returncode == 0 and "tc260-content@1: generated-content bank (TC260-003 §8.2)" in text.stdout
    assert "meets the minimums: en yes, zh yes" in text.stdout and "A.5.b" in text.stdout
    missing = accord("probes", "coverage", "nope", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("accord: error: probe bank 'nope' not found")


def test_cli_list_shows_the_built_in_banks(tmp_path: Path) -> None:
    result = accord("probes", "list", "--format", "json", cwd=tmp_path)
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert {"starter", "tc260-content", "tc260-refuse", "tc260-comply"} <= set(rows)
    assert rows["tc260-content"]["size"] == {"en": 2060, "zh": 2060}


def test_a_bank_that_is_not_utf8_is_one_line_error(tmp_path: Path) -> None:
    bank = tmp_path / "latin1.jsonl"
    bank.write_bytes('{"id": "p1", "prompt": "caf\xe9", "language": "fr", "concern": "cyber", "expected": "refuse", '
                     '"source": "t"}\n'.encode("latin-1"))
    result = accord("probes", "validate", bank, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"accord: error: {bank} is not UTF-8 text (byte 27): save the "
                                                  "bank as UTF-8"]
