"""PDF documentation read with pypdf (real PDFs written in the test by pypdf's writer and by Pillow), the findings for
encrypted, image-only and broken PDFs, and the element lists beyond Annex XI (Annex IV, Annex XII, the Art. 53(1)(d)
template, China's filing items) deciding, or not, a rule for documentation named complete."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, FloatObject, NameObject, TextStringObject

from tests.helpers import accord

ANNEX_IV = [
    ["Hiring screener: technical documentation", "1. General description", "Intended purpose: ranks job applications",
     "for recruiters at Example GmbH, version 2.1.", "Hardware", "Runs on x86 servers with 16 GB of memory.",
     "User interface", "A web page lists the ranked applications."],
    ["5. Risk management system", "We run the Article 9 process described in RMS-12.", "Cybersecurity",
     "Access is limited to the recruiters' single sign-on.", "Post-market monitoring",
     "Monthly review of complaints and selection rates."],
]


def write_pdf(path: Path, pages: list[list[str]], *, user_password: str | None = None,
              owner_password: str | None = None) -> Path:
    """A PDF of text lines in Helvetica, one list per page, written by pypdf (optionally encrypted)."""
    w = PdfWriter()
    for lines in pages:
        page = w.add_blank_page(width=612, height=792)
        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                 NameObject("/BaseFont"): NameObject("/Helvetica")})
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})})
        content = ContentStream(None, w)
        ops: list = [([], b"BT"), ([NameObject("/F1"), FloatObject(11)], b"Tf"), ([FloatObject(14)], b"TL"),
                     ([FloatObject(72), FloatObject(740)], b"Td")]
        for line in lines:
            ops += [([TextStringObject(line)], b"Tj"), ([], b"T*")]
        content.operations = ops + [([], b"ET")]
        page.replace_contents(content)
    with path.open("wb") as f:
        w.write(f)
    if user_password is not None or owner_password is not None:  # encrypt the written file, as a tool would
        locked = PdfWriter(clone_from=path)
        locked.encrypt(user_password=user_password or "", owner_password=owner_password, algorithm="AES-128")
        with path.open("wb") as f:
            locked.write(f)
    return path


def _check(cwd: Path, *args: str) -> dict:
    result = accord("docs", "check", *args, "--format", "json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _rows(out: dict, requirement: str) -> dict[str, dict]:
    return {r["element"]: r for r in out["elements"] if r["requirement"] == requirement}


def test_a_pdf_technical_documentation_against_annex_iv(tmp_path: Path) -> None:
    write_pdf(tmp_path / "techdoc.pdf", ANNEX_IV)
    out = _check(tmp_path, "techdoc.pdf", "-r", "eu-ai-act:art-11")
    assert out["unread"] == []
    rows = _rows(out, "eu-ai-act:art-11")
    assert rows["intended-purpose"]["state"] == "found"
    assert rows["intended-purpose"]["where"] == "heading “Intended purpose” (techdoc.pdf page 1 line 3)"
    assert rows["hardware"]["where"] == "heading “Hardware” (techdoc.pdf page 1 line 5)"
    assert rows["risk-management-system"]["where"] == \
        "heading “5. Risk management system” (techdoc.pdf page 2 line 1)"
    assert rows["risk-management-system"]["confidence"] == "secondary"
    assert rows["cybersecurity"]["state"] == "found" and rows["post-market-monitoring"]["state"] == "found"
    assert rows["declaration-of-conformity"]["state"] == "missing"
    assert rows["validation-and-testing"]["state"] == "missing"
    assert rows["product-illustrations"]["where_applicable"] is True
    # a wrapped line of running text is not a heading: the word in it is only a mention
    write_pdf(tmp_path / "notes.pdf", [["Notes", "Our systems team keeps the record; the hardware it runs on is",
                                        "listed in appendix B of the operations manual."]])
    wrapped = _rows(_check(tmp_path, "notes.pdf", "-r", "eu-ai-act:art-11"), "eu-ai-act:art-11")["hardware"]
    assert wrapped["state"] == "unclear" and wrapped["where"].startswith("mentioned in running text (notes.pdf page 1")
    text = accord("docs", "check", "techdoc.pdf", "-r", "eu-ai-act:art-11", cwd=tmp_path).stdout
    assert text.startswith("eu-ai-act:art-11  (Regulation (EU) 2024/1689, Article 11 and Annex IV)")
    assert "MISSING  product-illustrations: no heading, field or mention found [where applicable]" in text


def test_a_pdf_encrypted_with_an_owner_password_only_is_read(tmp_path: Path) -> None:
    write_pdf(tmp_path / "locked.pdf", ANNEX_IV, owner_password="owner-secret")
    rows = _rows(_check(tmp_path, "locked.pdf", "-r", "eu-ai-act:art-11"), "eu-ai-act:art-11")
    assert rows["hardware"]["state"] == "found"


def test_unreadable_pdfs_are_findings_per_file(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "card.md").write_text("# Model\n\n## License\nApache-2.0\n", encoding="utf-8")
    write_pdf(tmp_path / "secret.pdf", ANNEX_IV, user_password="s3cret")
    Image.new("RGB", (300, 200), "white").save(tmp_path / "scan.pdf")  # a scanned page: an image, no text layer
    whole = write_pdf(tmp_path / "whole.pdf", ANNEX_IV).read_bytes()
    (tmp_path / "broken.pdf").write_bytes(whole[: len(whole) // 3])
    out = _check(tmp_path, "card.md", "secret.pdf", "scan.pdf", "broken.pdf", "-r", "eu-ai-act:annex-xi.1.1")
    unread = {u["file"]: u["reason"] for u in out["unread"]}
    assert unread.keys() == {"secret.pdf", "scan.pdf", "broken.pdf"}
    assert "encrypted with a password" in unread["secret.pdf"]
    assert "image-only" in unread["scan.pdf"] and "1 page(s)" in unread["scan.pdf"]
    assert unread["broken.pdf"].startswith("not a readable PDF (")
    rows = _rows(out, "eu-ai-act:annex-xi.1.1")
    assert rows["licence"]["state"] == "found"  # the readable file is still read
    assert rows["modalities"]["where"].endswith("in the documents read (3 could not be read)")
    text = accord("docs", "check", "card.md", "secret.pdf", cwd=tmp_path).stdout
    assert text.startswith("NOT READ secret.pdf: the PDF is encrypted with a password")
    alone = accord("docs", "check", "secret.pdf", cwd=tmp_path)
    assert alone.returncode == 2 and alone.stderr.count("\n") == 1
    assert "no document could be read: secret.pdf: the PDF is encrypted" in alone.stderr


SUMMARY = """# Public summary of training content: Acme-Base 7B

## 1. General information
### 1.1 Provider identification
Acme AI Ltd, Dublin.
### 1.2 Model identification
Acme-Base-7B-v1.
### 1.3 Modalities, overall training data size and other characteristics
Text, about 2 trillion tokens.

## 2. List of data sources
### 2.1 Publicly available datasets
Wikipedia; The Stack v2.
### 2.3 Data crawled and scraped from online sources
Our crawler, honouring robots.txt.
### 2.4 User data
No.
### 2.5 Synthetic data
No.

## 3. Data processing aspects
### 3.1 Respect of reservation of rights from text and data mining exception or limitation
We honour machine-readable opt-outs.
"""


def _answers(tmp_path: Path, files: list[str], complete: bool, question: str) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(f"[documentation]\nfiles = {json.dumps(files)}\ncomplete = {str(complete).lower()}\n"
                    f'[questions."{question}"]\nanswer = "yes"\nanswered_by = "A. Officer"\n'
                    "answered_on = 2026-11-10\n", encoding="utf-8")
    return path


def test_what_decides_not_met_for_documentation_named_complete(tmp_path: Path) -> None:
    from accord.attest.answers import attestations_from

    (tmp_path / "summary.md").write_text(SUMMARY, encoding="utf-8")
    write_pdf(tmp_path / "techdoc.pdf", ANNEX_IV)
    got = attestations_from(_answers(tmp_path, ["summary.md", "techdoc.pdf"], True, "eu-ai-act:art-53.1.d"), {})
    # the template's sections were not read in the Commission's own text: missing ones (2.2, 2.6, 3.2) decide nothing
    summary = got["eu-ai-act:art-53.1.d"]
    assert summary.answer == "yes" and not summary.by_documentation
    table = "\n".join(summary.documentation)
    assert "crawled-data: found, heading “2.3 Data crawled and scraped from online sources” (summary.md line 14)" \
        in table and "private-datasets: missing" in table and "source unverified" in table
    # Annex IV: the declaration of conformity (point 8, read in quotations) is missing, so the rule is not met
    annex_iv = got["eu-ai-act:art-11"]
    assert annex_iv.by_documentation and annex_iv.answer == "no"
    assert "a copy of the EU declaration of conformity (Article 47)" in annex_iv.note
    assert "photographs" not in annex_iv.note  # point 1(f) applies only to product components
    # a file that cannot be read leaves the answer standing: what is missing may be in it
    write_pdf(tmp_path / "appendix.pdf", [["Appendix"]], user_password="pw")
    got = attestations_from(_answers(tmp_path, ["techdoc.pdf", "appendix.pdf"], True, "eu-ai-act:art-11"), {})
    assert got["eu-ai-act:art-11"].answer == "yes" and not got["eu-ai-act:art-11"].by_documentation
    assert got["eu-ai-act:art-11"].documentation[0].startswith("not read: ")


def test_annex_xii_and_china_filing_items(tmp_path: Path) -> None:
    card = ("---\nlicense: apache-2.0\npipeline_tag: text-generation\nmax_position_embeddings: 8192\n---\n"
            "# Model\n\n## Intended uses\nChat.\n\n## Acceptable use\nNo spam.\n\n"
            "## Release\n2026-01-10, on the Hub.\n\n"
            "## Architecture\nDecoder-only, 7B parameters.\n\n## How to use\npip install, then generate.\n")
    (tmp_path / "card.md").write_text(card, encoding="utf-8")
    rows = _rows(_check(tmp_path, "card.md", "-r", "eu-ai-act:art-53.1.b"), "eu-ai-act:art-53.1.b")
    assert rows["input-output-size"]["where"] == "field “max_position_embeddings” (card.md line 4)"
    assert rows["integration-means"]["state"] == "found" and rows["licence"]["state"] == "found"
    assert rows["training-data"]["state"] == "missing" and rows["training-data"]["where_applicable"]
    from accord.attest.answers import attestations_from

    got = attestations_from(_answers(tmp_path, ["card.md"], True, "eu-ai-act:art-53.1.b"), {})
    assert not got["eu-ai-act:art-53.1.b"].by_documentation  # only where-applicable elements are missing
    filing = "# 算法备案\n\n## 服务提供者名称\n示例公司\n\n## 服务形式\nApp\n\n## 算法类型\n生成合成类\n"
    (tmp_path / "filing.md").write_text(filing, encoding="utf-8")
    rows = _rows(_check(tmp_path, "filing.md", "-r", "cn-algorithm-filing:algorithm-recommendation-24"),
                 "cn-algorithm-filing:algorithm-recommendation-24")
    assert rows["provider-name"]["where"] == "heading “服务提供者名称” (filing.md line 3)"
    assert rows["algorithm-type"]["state"] == "found" and rows["self-assessment-report"]["state"] == "missing"
