"""`accord data licences` on a Hugging Face dataset card and a Croissant file: the same report shape as a table
manifest, and one clear line for a file that does not parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.scan.licences import ManifestError, licence_report, normalise
from tests.helpers import accord

# A dataset card laid out as the Hub writes them: YAML front matter, then the card's prose.
CARD = """---
annotations_creators:
- crowdsourced
language:
- en
- zh
license:
- cc-by-sa-4.0
- cc-by-nc-4.0
multilinguality:
- multilingual
size_categories:
- 10K<n<100K
source_datasets:
- original
- extended|squad
task_categories:
- question-answering
pretty_name: Example QA
configs:
- config_name: en
  data_files:
  - split: train
    path: en/train-*
  - split: validation
    path: en/validation-*
- config_name: zh
  data_files:
  - split: train
    path: zh/train-*
dataset_info:
- config_name: en
  features:
  - name: question
    dtype: string
  splits:
  - name: train
    num_bytes: 1200000
    num_examples: 9000
  - name: validation
    num_bytes: 130000
    num_examples: 1000
- config_name: zh
  features:
  - name: question
    dtype: string
  splits:
  - name: train
    num_bytes: 800000
    num_examples: 5000
---

# Dataset Card for Example QA

## Dataset Description

Questions and answers in English and Chinese.
"""

CROISSANT = {
    "@context": {"@language": "en", "@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/",
                 "sc": "https://schema.org/", "citeAs": "cr:citeAs", "conformsTo": "dct:conformsTo",
                 "dct": "http://purl.org/dc/terms/"},
    "@type": "sc:Dataset",
    "name": "example-corpus",
    "conformsTo": "http://mlcommons.org/croissant/1.0",
    "description": "Web text and code for pre-training.",
    "url": "https://data.example/example-corpus",
    "license": "https://creativecommons.org/licenses/by/4.0/",
    "citeAs": "@misc{example2026, title={Example corpus}}",
    "isBasedOn": [{"@id": "https://data.example/common-web"}, "https://data.example/code-dump"],
    "distribution": [
        {"@type": "cr:FileObject", "@id": "web.parquet", "name": "web.parquet",
         "contentUrl": "https://data.example/web.parquet", "encodingFormat": "application/x-parquet",
         "sha256": "0" * 64},
        {"@type": "cr:FileObject", "@id": "code.parquet", "name": "code.parquet",
         "contentUrl": "https://data.example/code.parquet", "encodingFormat": "application/x-parquet",
         "sha256": "1" * 64, "license": "https://spdx.org/licenses/GPL-3.0-only.html"},
        {"@type": "cr:FileSet", "@id": "forum", "name": "forum", "encodingFormat": "application/jsonlines",
         "includes": "forum/*.jsonl", "license": "https://creativecommons.org/licenses/by-nc-sa/4.0/"},
        {"@type": "cr:FileObject", "@id": "misc.zip", "name": "misc.zip", "contentUrl": "misc.zip",
         "license": "see the website"},
    ],
}


def test_a_dataset_card_counts_records_per_config(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(CARD, encoding="utf-8")
    r = licence_report(path)
    assert (r.format, r.rows, r.records) == ("dataset-card", 2, 15000)
    assert [(x.licence, x.records) for x in r.licences] == [("CC-BY-SA-4.0 AND CC-BY-NC-4.0", 15000)]
    assert (r.non_commercial_records, r.share_alike_records, r.unknown_records) == (15000, 15000, 0)
    assert r.opt_out_records is None and r.based_on == ["squad"]
    assert any("2 licences" in f and "AND" in f for f in r.findings)


def test_license_other_reads_the_link_and_counts_configs_without_sizes(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("---\nlicense: other\nlicense_name: example-research-licence\nlicense_link: LICENSE.md\n"
                    "configs:\n- config_name: a\n- config_name: b\n---\n# Card\n", encoding="utf-8")
    r = licence_report(path)
    assert [(x.licence, x.records) for x in r.licences] == [("unknown: example-research-licence", 2)]
    assert r.unknown_records == 2 and r.sources_without_licence == ["a", "b"]
    assert any("num_examples" in f for f in r.findings) and any("license: other" in f for f in r.findings)
    spdx_link = tmp_path / "other" / "README.md"
    spdx_link.parent.mkdir()
    spdx_link.write_text("---\nlicense: other\nlicense_link: https://spdx.org/licenses/MIT.html\n---\n")
    assert [x.licence for x in licence_report(spdx_link).licences] == ["MIT"]


def test_a_croissant_file_counts_distribution_entries(tmp_path: Path) -> None:
    path = tmp_path / "croissant.json"
    path.write_text(json.dumps(CROISSANT, indent=2), encoding="utf-8")
    r = licence_report(path)
    assert (r.format, r.rows, r.records) == ("croissant", 4, 4)
    by = {x.licence: x.records for x in r.licences}
    assert by == {"CC-BY-4.0": 1, "GPL-3.0-only": 1, "CC-BY-NC-SA-4.0": 1, "unknown: see the website": 1}
    assert (r.copyleft_records, r.non_commercial_records, r.share_alike_records, r.unknown_records) == (1, 1, 1, 1)
    assert r.based_on == ["https://data.example/common-web", "https://data.example/code-dump"]
    assert r.sources_without_licence == ["misc.zip"] and r.cite_as and r.cite_as.startswith("@misc")
    assert any("no record counts" in f for f in r.findings)


def test_a_croissant_file_without_licence_or_distribution(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonld"
    path.write_text(json.dumps({"@context": {"@vocab": "https://schema.org/"}, "@type": "Dataset", "name": "x"}))
    r = licence_report(path)
    assert [(x.licence, x.records) for x in r.licences] == [("missing", 1)]
    assert any("no `license`" in f for f in r.findings) and any("conformsTo" in f for f in r.findings)


@pytest.mark.parametrize("name, text, said", [
    ("README.md", "# A card with no metadata\n", "no dataset-card metadata"),
    ("README.md", "---\nlicense: mit\n", "no closing '---'"),
    ("README.md", "---\nlicense: [mit\nlanguage: en\n---\n", "not valid YAML at line"),
    ("README.md", "---\n- just\n- a list\n---\n", "not a mapping"),
    ("croissant.json", '{"@context": {}, "@type": "sc:Dataset", "license": }', "not valid JSON-LD (line 1"),
    ("croissant.json", '{"name": "no context"}', "not a Croissant file"),
    ("croissant.json", '{"@context": {}, "@type": "sc:Recipe"}', "not a Croissant dataset"),
])
def test_malformed_cards_fail_in_one_clear_line(tmp_path: Path, name: str, text: str, said: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=said.replace("(", r"\(").replace("[", r"\[")):
        licence_report(path)


def test_the_command_on_a_card_and_a_broken_one(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(CARD, encoding="utf-8")
    done = accord("data", "licences", card, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(Hugging Face dataset card)" in done.stdout and "based on: squad" in done.stdout
    assert "non-commercial: 100.00% of records (15,000)" in done.stdout
    bad = tmp_path / "croissant.json"
    bad.write_text("{not json", encoding="utf-8")
    failed = accord("data", "licences", bad, cwd=tmp_path)
    assert failed.returncode == 2 and failed.stderr.startswith("accord: error:")
    assert "not valid JSON-LD" in failed.stderr
    assert "Traceback" not in failed.stderr


@pytest.mark.parametrize("url, spdx", [
    ("https://spdx.org/licenses/Apache-2.0.html", "Apache-2.0"), ("https://spdx.org/licenses/MIT", "MIT"),
    ("https://creativecommons.org/licenses/by-nc-nd/4.0/", "CC-BY-NC-ND-4.0"),
    ("http://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"), ("https://example.com/terms", None),
    ("custom/terms", None),  # the library raises on '/' inside a key: read as unknown, not a crash
])
def test_licence_urls(url: str, spdx: str | None) -> None:
    assert normalise(url).spdx == spdx
