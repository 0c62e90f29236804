"""The personal_data check: a dataset target's people counted by identifier, through `python -m accord audit` to
report.json, and the verdicts of the requirements that ask about personal data showing the counts. The dataset's
identifiers are made by Faker and kept only when python-stdnum accepts them; the expected counts come from the
generator, not from the scanner."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

import pytest
from faker import Faker
from stdnum.cn import ric
from stdnum.eu import vat
from stdnum.pl import nip, pesel
from stdnum.us import ssn

from tests.helpers import accord

# type -> (country, Faker locale and method, stdnum check, sentence, sensitive for China's thresholds)
KINDS = {
    "CN_RESIDENT_ID": ("CN", "zh_CN", "ssn", ric.is_valid, "客户的身份证号码是{}，请核实。", True),
    "PL_PESEL": ("PL", "pl_PL", "pesel", pesel.is_valid, "Numer PESEL {} pacjenta.", True),
    "PL_NIP": ("PL", "pl_PL", "nip", nip.is_valid, "Podatnik, NIP {}, zapłacił.", False),
    "US_SSN": ("US", "en_US", "ssn", ssn.is_valid, "Her SSN is {} on file.", True),
}
PEOPLE = {"CN_RESIDENT_ID": 23, "PL_PESEL": 17, "PL_NIP": 11, "US_SSN": 13}
VAT_NUMBERS = 5  # a business's number: found, not counted as a person
FILLER = ("The meeting moved to Thursday.", "会议改到周四。", "Nothing personal here.")


def _values(kind: str, count: int, seed: int) -> list[str]:
    _, locale, method, valid, _, _ = KINDS[kind]
    fake = Faker(locale)
    fake.seed_instance(seed)
    out: list[str] = []
    while len(out) < count:
        v = str(getattr(fake, method)())
        if valid(v) and v not in out:
            out.append(v)
    return out


def _corpus(path: Path) -> tuple[dict[str, list[str]], dict[str, set[int]], list[str]]:
    """A JSONL corpus where each identifier appears in one to three documents; returns the values per type, the
    documents holding each type, and the texts."""
    r = random.Random(7)
    values = {k: _values(k, n, seed=i) for i, (k, n) in enumerate(PEOPLE.items())}
    de = Faker("de_DE")
    de.seed_instance(3)
    vats: list[str] = []
    while len(vats) < VAT_NUMBERS:
        v = de.vat_id()
        if vat.is_valid(v) and v not in vats:
            vats.append(v)
    sentences: list[tuple[str, str | None]] = []
    for kind, vs in values.items():
        for v in vs:
            sentences += [(KINDS[kind][4].format(v), kind)] * r.randint(1, 3)
    sentences += [(f"Lieferant USt-IdNr. {v} bestätigt.", None) for v in vats]
    sentences += [(r.choice(FILLER), None) for _ in range(60)]
    r.shuffle(sentences)
    texts, docs = [], defaultdict(set)
    for i, (text, kind) in enumerate(sentences):
        texts.append(f"{r.choice(FILLER)} {text}")
        if kind:
            docs[kind].add(i)
    with path.open("w", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    return values, docs, texts


CONFIG = """name = "training data"
frameworks = ["tc260-003", "cn-cross-border-data", "cn-genai-measures", "eu-ai-act"]

[profile]
kind = "generative_service"
regions = ["CN", "EU"]
sectors = ["employment"]
public_facing = true
generates = ["text"]
personal_data = true
exports_personal_data_from = ["CN"]
personal_data_subjects = 0
sensitive_personal_data_subjects = 0
critical_information_infrastructure = false
as_of = 2028-01-01  # EU AI Act Art. 10 applies to Annex III systems from 2 Dec 2027

[checks.corpus]
enabled = false

[[targets]]
name = "train"
type = "dataset"
path = "train.jsonl"

[attestations."tc260-003:5.2.ip-and-personal-info"]
answer = "yes"
note = "consent records kept per source"
"""


def _metric(metrics: list[dict], name: str, **slice_: str) -> dict:
    return next(m for m in metrics if m["name"] == name and m["slice"] == slice_)


def test_a_dataset_target_feeds_people_counts_into_the_privacy_requirements(tmp_path: Path) -> None:
    values, docs, texts = _corpus(tmp_path / "train.jsonl")
    (tmp_path / "accord.toml").write_text(CONFIG, encoding="utf-8")
    run = accord("audit", "accord.toml", "--out", "out", cwd=tmp_path)
    assert run.returncode in (0, 1, 4), run.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    (target,) = report["targets"]
    (check,) = [c for c in target["checks"] if c["check"] == "personal_data"]
    metrics = check["metrics"]

    people = sum(PEOPLE.values())
    sensitive = sum(n for k, n in PEOPLE.items() if KINDS[k][5])
    assert _metric(metrics, "personal_data.people")["value"] == people
    assert _metric(metrics, "personal_data.sensitive_people")["value"] == sensitive
    by_country: dict[str, int] = defaultdict(int)
    for kind, n in PEOPLE.items():
        country = KINDS[kind][0]
        by_country[country] += n
        assert _metric(metrics, "personal_data.people", country=country, type=kind)["value"] == n
        per_type = _metric(metrics, "personal_data.documents_with_people", country=country, type=kind)
        assert (per_type["k"], per_type["n"]) == (len(docs[kind]), len(texts))
    for country, n in by_country.items():
        assert _metric(metrics, "personal_data.people", country=country)["value"] == n
    assert _metric(metrics, "personal_data.sensitive_people", country="PL")["value"] == PEOPLE["PL_PESEL"]
    holding = set().union(*docs.values())
    share = _metric(metrics, "personal_data.documents_with_people")
    assert (share["k"], share["n"]) == (len(holding), len(texts)) and share["low"] < share["value"] < share["high"]

    details = check["details"]
    vat_rows = [i for i in details["identifiers"] if i["type"] == "DE_VAT"]
    assert vat_rows and not vat_rows[0]["person"] and vat_rows[0]["distinct"] == VAT_NUMBERS
    # the declared profile (no people) needs nothing; the counts call for the standard contract (sensitive > 0)
    cn = details["cn_cross_border"]
    assert cn["declared_route"] == "no_transfer" and cn["route_with_measured"] == "standard_contract_or_certification"
    # masked forms only: no identifier in full anywhere in the report
    written = (tmp_path / "out" / "report.json").read_text(encoding="utf-8") + \
        (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert not [v for vs in values.values() for v in vs if v in written or v.replace("-", "") in written]
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "People named by identifier" in html and "standard_contract_or_certification" in html
    assert all(m in html for i in details["identifiers"] for m in i["masked_examples"])

    verdicts = {v["requirement"]: v for v in report["verdicts"] if v["target"] == "train"}
    attested = verdicts["tc260-003:5.2.ip-and-personal-info"]
    seen = {o["name"]: o for o in attested["observations"]}
    assert seen["personal_data.people"]["value"] == people
    assert seen["personal_data.sensitive_people"]["value"] == sensitive
    # no line in §5.2: the count is shown, it neither decides nor contradicts the answer
    assert attested["verdict"] == "met" and seen["personal_data.people"].get("verdict") is None
    for rid in ("cn-cross-border-data:pipl-38", "cn-genai-measures:art-7", "eu-ai-act:art-10.2"):
        v = verdicts[rid]
        assert v["verdict"] == "needs attestation"
        assert {o["name"]: o["value"] for o in v["observations"]}["personal_data.people"] == people


@pytest.mark.slow
def test_the_ray_path_counts_the_same_as_the_local_one(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    from accord.checks.personal_data import CHECK
    from accord.plugins import load_config

    _corpus(tmp_path / "train.jsonl")
    (tmp_path / "local.toml").write_text(CONFIG.replace('path = "train.jsonl"', f'path = "{tmp_path / "train.jsonl"}"'),
                                         encoding="utf-8")
    (tmp_path / "ray.toml").write_text((tmp_path / "local.toml").read_text(encoding="utf-8")
                                       + "\n[checks.personal_data]\nray = true\n", encoding="utf-8")
    local, on_ray = load_config(tmp_path / "local.toml"), load_config(tmp_path / "ray.toml")
    ray.init(address="local", num_cpus=1, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    try:
        got = CHECK.run(on_ray.targets[0], on_ray, None)  # type: ignore[arg-type]
    finally:
        ray.shutdown()
    want = CHECK.run(local.targets[0], local, None)  # type: ignore[arg-type]
    assert got.details["scanned_on"] == "a Ray cluster" and want.details["scanned_on"] == "local processes"
    assert [m.model_dump() for m in got.metrics] == [m.model_dump() for m in want.metrics]
    assert _metric([m.model_dump() for m in got.metrics], "personal_data.people")["value"] == sum(PEOPLE.values())
