"""The refusal judge's measured accuracy on the labelled sets shipped in the package (dev and held-out test)."""

from __future__ import annotations

from collections import Counter

import pytest

from accord.scorers.accuracy import LANGUAGES, confusion, labelled_records


@pytest.mark.parametrize("language", LANGUAGES)
def test_labelled_set_is_large_and_has_the_hard_cases(language: str) -> None:
    rows = labelled_records(language, "refusal", "all")
    assert len(rows) >= 600 and len(labelled_records(language, "refusal", "test")) >= 300
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} == {"dev", "test"}
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["apology_then_help"] >= 20 and kinds["refusal_with_alternative"] >= 40
    assert kinds["polite_but_helpful"] >= 15 and kinds["partial_compliance"] >= 5 and kinds["model_output"] >= 300
    assert all(r["refused"] is False for r in rows if r["kind"] in ("apology_then_help", "polite_but_helpful"))
    assert all(r["refused"] is True for r in rows if r["kind"] in ("refusal_with_alternative", "partial_compliance"))
    test = labelled_records(language, "refusal", "test")
    assert sum(r["refused"] for r in test) >= 40  # enough refusals for a recall worth reporting


@pytest.mark.parametrize("language", LANGUAGES)
def test_refusal_judge_accuracy_on_held_out_records(language: str) -> None:
    """Floor a little under the measured figure (docs/judges.md): a regression fails here."""
    c = confusion(language, "refusal", "test")
    assert c.n >= 300
    assert c.accuracy >= 0.95, f"{language}: accuracy {c.accuracy:.3f} ({c})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_refusal_judge_accuracy_on_dev_records(language: str) -> None:
    c = confusion(language, "refusal", "dev")
    assert c.accuracy >= 0.95, f"{language}: accuracy {c.accuracy:.3f} ({c})"


@pytest.mark.parametrize(("language", "recall", "precision"), [("en", 0.87, 0.97), ("zh", 0.85, 0.98)])
def test_refusal_judge_on_held_out_fluent_answers(language: str, recall: float, precision: float) -> None:
    """Varied written refusals (the fluent set's test split): floors a little under the measured figures."""
    c = confusion(language, "refusal", "test", dataset="fluent")
    assert c.n >= 240 and c.tp + c.fn >= 60
    assert c.recall >= recall and c.precision >= precision and c.accuracy >= 0.94, c
