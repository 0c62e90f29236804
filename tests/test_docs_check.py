"""`accord docs check`: required documentation elements found (with where), unclear or missing; bad files are
one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from accord.catalog.documentation import documentation_rules
from accord.catalog.model import all_requirements
from tests.helpers import accord

CARD = """---
license: apache-2.0
pipeline_tag: text-generation
datasets:
  - HuggingFaceTB/smollm-corpus
---
# A small model

## Uses
Chat in English.

### Out-of-Scope Use
[More Information Needed]

## Training Data
Two trillion tokens of web text and code.

## Evaluation
HellaSwag 42.

We estimated the energy from GPU hours.
"""


def test_elements_cite_catalog_requirements() -> None:
    """Every element cites the annex (or article) its requirement cites; what was not read in a reproduction of the
    primary text says so (`confidence` below verified, with `read`); shared patterns resolve."""
    reqs = all_requirements()
    seen = set()
    for rule in documentation_rules():
        assert rule.requirement in reqs, rule.requirement
        cited = reqs[rule.requirement].citation
        seen.add(rule.requirement)
        for e in rule.elements:
            annex = re.search(r"Annex [IVXL]+\b", e.source)
            if annex:
                assert re.search(re.escape(annex.group(0)) + r"\b", cited), (e.source, cited)
            else:
                article = re.search(r"Article \d+(\(\w+\))*", cited)
                assert article and article.group(0) in e.source, (e.source, cited)
            assert e.headings and e.confidence in ("verified", "secondary", "unverified")
            if e.confidence != "verified":
                assert rule.read.strip(), rule.requirement
    assert {"eu-ai-act:art-53.1.b", "eu-ai-act:art-11", "eu-ai-act:art-53.1.d",
            "cn-algorithm-filing:algorithm-recommendation-24"} <= seen
    annex_iv = next(r for r in documentation_rules() if r.requirement == "eu-ai-act:art-11")
    assert {re.search(r"point (\d)", e.source).group(1) for e in annex_iv.elements} == set("123456789")  # type: ignore[union-attr]


def test_a_model_card_found_unclear_missing(tmp_path: Path) -> None:
    (tmp_path / "card.md").write_text(CARD, encoding="utf-8")
    result = accord("docs", "check", "card.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {(r["requirement"], r["element"]): r for r in json.loads(result.stdout)["elements"]}
    assert rows[("eu-ai-act:annex-xi.1.1", "licence")]["state"] == "found"
    assert rows[("eu-ai-act:annex-xi.1.1", "licence")]["where"] == "field “license” (card.md line 2)"
    assert rows[("eu-ai-act:annex-xi.1.2.c", "training-data")]["state"] == "found"
    assert rows[("eu-ai-act:annex-xi.2", "evaluation")]["where"] == "heading “Evaluation” (card.md line 18)"
    # a heading with a placeholder under it is not documentation of the element
    assert rows[("eu-ai-act:annex-xi.1.1", "acceptable-use-policy")]["state"] == "unclear"
    assert rows[("eu-ai-act:annex-xi.1.2.e", "energy")]["state"] == "unclear"
    assert rows[("eu-ai-act:annex-xi.2", "adversarial-testing")]["state"] == "missing"
    assert rows[("eu-ai-act:annex-xi.1.1", "release-and-distribution")]["state"] == "missing"
    text = accord("docs", "check", "card.md", "-r", "eu-ai-act:annex-xi.1.2.e", cwd=tmp_path).stdout
    assert "UNCLEAR  energy" in text and "licence" not in text


def test_a_cyclonedx_model_card(tmp_path: Path) -> None:
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{
        "type": "machine-learning-model", "name": "m", "modelCard": {
            "modelParameters": {"architectureFamily": "transformer", "task": "text-generation",
                                "datasets": [{"type": "dataset", "name": "corpus"}]},
            "quantitativeAnalysis": {"performanceMetrics": [{"type": "accuracy", "value": "0.9"}]},
            "considerations": {"environmentalConsiderations": {"energyConsumptions": []}}}}]}
    (tmp_path / "bom.json").write_text(json.dumps(bom), encoding="utf-8")
    result = accord("docs", "check", "bom.json", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {r["element"]: r for r in json.loads(result.stdout)["elements"]
            if r["requirement"].startswith("eu-ai-act:annex-xi")}
    assert rows["architecture-and-parameters"]["state"] == "found"
    assert rows["architecture-and-parameters"]["where"].startswith("field “modelCard.modelParameters.architecture")
    assert rows["evaluation"]["state"] == "found" and rows["training-data"]["state"] == "found"
    assert rows["licence"]["state"] == "missing"


def test_unreadable_documents_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "latin.md").write_bytes("Lizenz: \xe9".encode("latin-1"))
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "plain.json").write_text("{}", encoding="utf-8")
    (tmp_path / "card.md").write_text(CARD, encoding="utf-8")
    for args, said in ((("doc.pdf",), "no document could be read: doc.pdf: not a readable PDF"),
                       (("gone.md",), "document not found"),
                       (("latin.md",), "not UTF-8"), (("bad.json",), "not valid JSON"),
                       (("plain.json",), "no CycloneDX component with a `modelCard`"),
                       (("card.md", "-r", "eu-ai-act:art-99"), "no documentation elements for eu-ai-act:art-99")):
        result = accord("docs", "check", *args, cwd=tmp_path)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, (args, result.stderr)
        assert said in result.stderr, (args, result.stderr)
