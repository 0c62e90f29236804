"""People counted by identifier (issue 20, items 4 and 5): distinct identifiers per country and scheme by keyed
hash, never in full; `accord transfer assess --scan` sets them beside the declared figures."""

from __future__ import annotations

import json
from pathlib import Path

from accord.scan.people import IdentifierCounter, kind_of, mask, people_by_country
from accord.scan.schemes import SCHEMES
from accord.transfer.measured import sensitivity_rules
from tests.helpers import accord

LINES = ["Mój PESEL: 44051401359, dzięki.", "PESEL 44051401359 jeszcze raz; NIP 123-456-32-18",
         "Her ID 11010519491231002X and SSN 123-45-6789", "USt-IdNr. DE136695976 der Firma", "nothing here"]


def test_distinct_identifiers_by_keyed_hash() -> None:
    c = IdentifierCounter(b"k")
    c.add("PL_PESEL", "44051401359", 0)
    c.add("PL_PESEL", "440514 01359", 3)  # the same number written another way: one person, two documents
    c.add("PL_PESEL", "02070803628", 3)
    c.add("EMAIL", "a@b.cn", 1)  # no country: not counted
    counts = {x.type: x for x in c.counts()}
    assert set(counts) == {"PL_PESEL"}
    assert (counts["PL_PESEL"].distinct, counts["PL_PESEL"].documents) == (2, 2)
    assert counts["PL_PESEL"].masked_examples == ["44*******59", "02*******28"]
    assert people_by_country(c.counts()) == {"PL": 2}
    assert kind_of("DE_VAT") is not None and not kind_of("DE_VAT").person  # type: ignore[union-attr]
    assert mask("123456") == "*****6"


def test_every_person_identifier_has_a_sensitivity_class() -> None:
    classes = [set(c["types"]) for c in sensitivity_rules()["classes"]]
    person_types = {s.type for s in SCHEMES if s.person} | {"CN_RESIDENT_ID", "US_SSN", "UK_NINO"}
    for t in person_types:
        assert sum(t in c for c in classes) == 1, t
    assert all(c["basis"] and c["confidence"] in ("verified", "secondary", "unverified")
               for c in sensitivity_rules()["classes"])


def test_scan_summary_never_holds_an_identifier_and_feeds_the_transfer_assessment(project: Path) -> None:
    src = project / "crm.txt"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    result = accord("scan", src, "--summary", "summary.json", "--hash-key-env", "SCAN_KEY", cwd=project,
                    env={"SCAN_KEY": "s3cret"})
    assert result.returncode == 0, result.stderr
    raw = (project / "summary.json").read_text(encoding="utf-8")
    for value in ("44051401359", "11010519491231002X", "123-45-6789", "1234563218", "DE136695976"):
        assert value not in raw and value not in result.stderr
    summary = json.loads(raw)
    rows = {r["type"]: r for r in summary["identifiers"]}
    assert (rows["PL_PESEL"]["distinct"], rows["PL_PESEL"]["documents"]) == (1, 2)
    assert rows["DE_VAT"]["person"] is False
    assert summary["people_by_country"] == {"CN": 1, "PL": 2, "US": 1}
    assert "PL PL_PESEL: 1 distinct in 2 documents (e.g. 44*******59)" in result.stderr

    (project / "flow.toml").write_text('exporter = "CN"\nimporter = "US"\npersonal_information_people = 0\n',
                                       encoding="utf-8")
    out = accord("transfer", "assess", "flow.toml", "--scan", "summary.json", "--format", "json", cwd=project)
    assert out.returncode == 0, out.stderr
    china = json.loads(out.stdout)["outcomes"][0]
    assert china["mechanism"] == "no_transfer"  # from the declared figures
    assert china["measured_mechanism"] == "standard_contract_or_certification"  # 3 sensitive: Art. 8
    assert "4 distinct identifiers of people" in china["measured"][0] and "PIPL Art. 28" in china["measured"][0]

    bad = accord("transfer", "assess", "flow.toml", "--scan", "flow.toml", cwd=project)
    assert bad.returncode == 2 and bad.stderr.startswith("accord: error: ") and len(bad.stderr.splitlines()) == 1
