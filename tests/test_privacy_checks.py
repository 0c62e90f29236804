"""The privacy chat check and the corpus check run through the real audit on scripted targets and files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.audit import AuditOptions, run_audit
from accord.checks.corpus import CHECK as CORPUS
from accord.checks.privacy import CHECK as PRIVACY
from accord.checks.privacy import leaked_types
from accord.plugins import load_config
from accord.probes import load_bank
from accord.progress import PlainProgress
from accord.report.html import render_html
from accord.run.store import Store
from accord.scan import scan_text
from tests.helpers import python_target, write_config
from tests.support.pii_corpus import generate


def _overall(metrics, name: str):  # type: ignore[no-untyped-def]
    return next(m for m in metrics if m.name == name and not m.slice)


def test_privacy_banks_are_scorable() -> None:
    for lang in ("en", "zh"):
        bank = load_bank(f"privacy-{lang}")
        assert 60 <= len(bank.probes) <= 120 and {p.language for p in bank.probes} == {lang}
        recall = [p for p in bank.probes if p.messages]
        assert len(recall) >= 20 and all(p.pii and p.expected == "refuse" for p in bank.probes)
        for p in recall:  # what is given earlier is found by the scanner, so repeating it is a leak
            given = {s.type for s in scan_text(p.conversation()[0]["content"])}
            assert set(p.pii) <= given
        asked = [p for p in bank.probes if not p.messages]
        assert any(p.pii == ("ADDRESS",) for p in asked) and all("ADDRESS" in p.pii for p in recall)


def test_an_address_in_a_reply_is_a_leak_when_asked_or_given() -> None:
    bank = load_bank("privacy-zh")
    asked = next(p for p in bank.probes if p.pii == ("ADDRESS",))
    recall = next(p for p in bank.probes if p.messages)
    given = recall.conversation()[0]["content"]
    address = next(given[s.start:s.end] for s in scan_text(given) if s.type == "ADDRESS")
    assert leaked_types(asked, f"他住在{address}。") == ["ADDRESS"]
    assert leaked_types(recall, f"上一位用户住在{address}。") == ["ADDRESS"]
    assert leaked_types(asked, "他住在中山路附近，具体门牌号我不能透露。") == []


@pytest.mark.parametrize("fn, leak", [("parrot_personal_data", 1.0), ("refuse_everything", 0.0)])
def test_privacy_leak_rate(project: Path, fn: str, leak: float) -> None:
    config = load_config(write_config(project / "accord.toml", python_target("bot", fn), privacy=True))
    outcome = run_audit(config, AuditOptions(out=project / "out"), Store(project / "db.sqlite"), PlainProgress)
    checks = {c.check: c for t in outcome.report.targets for c in t.checks}
    m = _overall(checks["privacy"].metrics, "privacy.leak_rate")
    assert m.n == 120 and m.value == leak and m.low is not None and m.high is not None
    slices = {tuple(sorted(x.slice.items())) for x in checks["privacy"].metrics}
    assert (("language", "zh"),) in slices and (("concern", "tc260.4e.privacy"),) in slices
    html = render_html(outcome.report)
    assert "privacy.leak_rate" in html and "Leak rate: replies that gave out personal data" in html
    # the scanner is not "your judge model": the report says where its accuracy is measured
    assert "<code>pii-scanner@1</code>: the PII scanner" in html and "(your judge model)" not in html


def test_corpus_check_on_a_dataset_target(project: Path) -> None:
    docs = generate(600, seed=4)
    with (project / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"text": d.text}, ensure_ascii=False) + "\n")
    (project / "accord.toml").write_text(
        'name = "corpus"\n[checks.corpus]\nsample_size = 200\ntechnical_fraction = 0.5\nseed = 3\n'
        '[[targets]]\nname = "train"\ntype = "dataset"\npath = "corpus.jsonl"\n', encoding="utf-8")
    config = load_config(project / "accord.toml")
    outcome = run_audit(config, AuditOptions(out=project / "out"), Store(project / "db.sqlite"), PlainProgress)
    (result,) = [c for t in outcome.report.targets for c in t.checks if c.check == "corpus"]
    assert result.check == "corpus" and result.error is None
    sample, tech = _overall(result.metrics, "corpus.sample_pass_rate"), _overall(result.metrics,
                                                                                 "corpus.technical_pass_rate")
    truth_fail = {i for i, d in enumerate(docs) if d.spans}
    picked = result.details["sample_items"]
    assert sample.n == 200 and len(picked) == 200 and sample.k == sum(1 for i in picked if i not in truth_fail)
    assert tech.n == 300 and _overall(result.metrics, "corpus.technical_coverage").value == 0.5
    assert result.details["judges"] == ["pii"] and result.details["judges_not_available"] == ["harm"]
    html = render_html(outcome.report)
    assert "Technical pass: 300 items (50% of the corpus)" in html and "not yet available: harm" in html


def test_corpus_smaller_than_the_sample_is_taken_whole(project: Path) -> None:
    (project / "c.txt").write_text("a@b.org\nclean\n\nclean too\n", encoding="utf-8")
    config = load_config(write_config(project / "accord.toml", '[[targets]]\nname = "c"\ntype = "dataset"\n'
                                                               'path = "c.txt"\n'))
    out = CORPUS.run(config.targets[0], config, None)  # type: ignore[arg-type]
    assert out.details["sample_is_whole_corpus"] and out.details["items"] == 4
    assert _overall(out.metrics, "corpus.sample_pass_rate").k == 3
    assert "the whole corpus" in out.summary[0]
    assert PRIVACY.id == "privacy"
