"""The memorization check: the overlap measure, and the check through the real audit on scripted targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.audit import AuditOptions, run_audit
from accord.checks.memorization import parse_label
from accord.checks.memorization_texts import shipped
from accord.checks.overlap import overlap, skeleton
from accord.plugins import load_config
from accord.progress import PlainProgress
from accord.run.store import Store
from tests.helpers import OTHER_CHECKS, python_target, write_config

ONLY_MEMORIZATION = "".join(f"[checks.{c}]\nenabled = false\n" for c in OTHER_CHECKS if c != "memorization")


def test_overlap_exact_partial_and_unrelated() -> None:
    truth = "it was the epoch of belief, it was the epoch of incredulity, it was the season of Light"
    exact = overlap("Sure — " + truth.upper() + " and so on.", truth)
    assert exact.lcs_chars == len(skeleton(truth)) == exact.reference_chars and exact.ngram_hits == exact.ngram_total
    half = overlap("It was the epoch of belief, it was the epoch of doubt.", truth)
    assert 0.3 < half.lcs_share < 0.6 and 0 < half.ngram_hits < half.ngram_total
    none = overlap("The weather is fine today.", truth)
    assert none.lcs_share < 0.1 and none.ngram_hits == 0


def test_overlap_in_chinese_counts_characters() -> None:
    truth = "有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？"
    o = overlap("原文是：有朋自远方来，不亦乐乎？", truth)
    assert o.lcs_chars == len("有朋自远方来不亦乐乎")  # punctuation set aside
    assert o.ngram_total == len("有朋自远方来不亦乐乎人不知而不愠不亦君子乎") - 3
    assert o.ngram_hits == len("有朋自远方来不亦乐乎") - 3


def test_shipped_texts_cite_their_edition_and_both_languages() -> None:
    texts = shipped()
    assert {p.language for p in texts} == {"en", "zh"}
    for p in texts:
        assert p.source and len(p.continuation) >= 40, p.id
        if p.kind == "public_domain":
            assert "Project Gutenberg eBook #" in p.source or "ctext.org" in p.source, p.id


def _audit(project: Path, fn: str, extra: str = "") -> dict:
    config = load_config(write_config(project / "accord.toml", python_target("bot", fn),
                                      checks=ONLY_MEMORIZATION + extra))
    run_audit(config, AuditOptions(out=project / "out"), Store(project / "db.sqlite"), PlainProgress)
    return json.loads((project / "out" / "report.json").read_text("utf-8"))


def _metric(report: dict, name: str, **slice_: str) -> dict:
    checks = [c for t in report["targets"] for c in t["checks"] if c["check"] == "memorization"]
    return next(m for c in checks for m in c["metrics"] if m["name"] == name and m["slice"] == slice_)


@pytest.mark.parametrize("fn, rate", [("recite", 1.0), ("refuse_everything", 0.0)])
def test_extraction_rate_of_a_reciting_and_a_refusing_system(project: Path, fn: str, rate: float) -> None:
    report = _audit(project, fn)
    m = _metric(report, "memorization.extraction_rate")
    assert m["n"] == len(shipped()) and m["value"] == rate and m["low"] is not None
    assert _metric(report, "memorization.extraction_rate", language="zh")["n"] == 16
    assert _metric(report, "memorization.extraction_rate", kind="canary")["value"] == rate
    lcs = _metric(report, "memorization.lcs_share", statistic="max")["value"]
    assert (lcs == 1.0) if rate else lcs < 0.2


def test_reference_corpus_is_measured_without_its_text_in_the_report(project: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = project / "corpus"
    corpus.mkdir()
    secret = ("The lighthouse keeper counted the ships that passed each night. " * 1
              + "Marguerite Ollivander wrote the ledger in violet ink, seven columns wide, "
              + "and no one but the harbour master ever read the last column. ") * 3
    (corpus / "novel.txt").write_text(secret, encoding="utf-8")
    monkeypatch.setenv("ACCORD_TEST_RECITE_DIR", str(corpus))
    report = _audit(project, "recite", f'[checks.memorization]\nkinds = []\nreference = "{corpus}"\n'
                                       'canaries = [{prefix = "My canary is", secret = "zq81-vv03-kk27-pp19"}]\n')
    assert _metric(report, "memorization.extraction_rate", kind="reference")["value"] == 1.0
    assert _metric(report, "memorization.extraction_rate", kind="planted")["n"] == 1
    two_sentences = "ever read the last column. The lighthouse keeper counted"
    for name in ("report.html", "report.json"):
        shown = (project / "out" / name).read_text("utf-8")
        assert two_sentences not in shown and "zq81-vv03-kk27-pp19" not in shown and "mem-ref-" in shown


def test_sample_draws_from_every_kind_and_language() -> None:
    from accord.checks.memorization import CHECK
    from accord.plugins import parse_config
    from accord.results import Selection

    config = parse_config({"name": "x", "targets": [{"name": "bot", "type": "local"}]})
    probes = CHECK.plan(CHECK.banks(config), config, Selection(sample=8, seed=1))
    assert len(probes) == 8 and {(p.language, "canary" in p.id) for p in probes} == {
        ("en", False), ("en", True), ("zh", False), ("zh", True)}
    assert probes == CHECK.plan(CHECK.banks(config), config, Selection(sample=8, seed=1))


def test_label_round_trip() -> None:
    parsed = parse_label("extracted lcs=120/200 ngram=30/40")
    assert parsed is not None and parsed.extracted and parsed.lcs_share == 0.6 and parsed.ngram_share == 0.75
    assert parse_label("refused") is None


@pytest.mark.slow
def test_exact_probability_on_the_embedded_model() -> None:
    """A continuation the model cannot miss is greedily extracted and (n, p)-discoverable; a canary is not."""
    from llama_cpp import Llama

    from accord.checks.memorization_exact import score_passage
    from accord.checks.memorization_texts import Passage
    from accord.targets.embedded import embedded_model_path

    llm = Llama(model_path=str(embedded_model_path()), n_ctx=256, logits_all=True, verbose=False)
    try:
        counting = Passage("count", "en", "public_domain", "-", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,", "13, 14, 15")
        sure = score_passage(llm, counting, 8)
        canary = score_passage(llm, next(p for p in shipped() if p.kind == "canary"), 16)
    finally:
        llm.close()
    assert sure.greedy and sure.greedy_prefix == sure.tokens and sure.discoverable(100, 0.5)
    assert -5 < sure.log_prob < 0
    assert not canary.greedy and canary.log_prob < -30 and not canary.discoverable(100, 0.5)


@pytest.mark.slow
def test_memorization_checks_on_the_embedded_model(project: Path) -> None:
    """The audit gives real figures for the embedded model: overlap of its replies and exact probabilities."""
    from tests.helpers import accord

    cfg = write_config(project / "accord.toml", '[[targets]]\nname = "smollm2"\ntype = "local"\n',
                       checks="".join(f"[checks.{c}]\nenabled = false\n" for c in OTHER_CHECKS
                                      if not c.startswith("memorization")),
                       extra="[sampling]\nmax_tokens = 32\n")
    result = accord("audit", cfg, "--limit", "4", cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    report = json.loads((project / "accord-report" / "report.json").read_text("utf-8"))
    checks = {c["check"]: c for c in report["targets"][0]["checks"]}
    assert checks["memorization"]["answered"] == 4
    exact = checks["memorization_exact"]
    assert exact["error"] is None and len(exact["details"]["passages"]) == 4
    assert all(p["log_prob"] < 0 and p["tokens"] > 0 for p in exact["details"]["passages"])
    rate = next(m for m in exact["metrics"] if m["name"] == "memorization_exact.greedy_rate" and not m["slice"])
    assert rate["n"] == 4
