"""`accord data licences`: SPDX normalisation, terms, shares of records, and the command on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from accord.scan.licences import licence_report, normalise, terms
from tests.helpers import accord


@pytest.mark.parametrize("raw, spdx", [("MIT", "MIT"), ("apache 2.0", "Apache-2.0"), ("cc-by-sa-4.0", "CC-BY-SA-4.0"),
                                       ("mit OR apache-2.0", "MIT OR Apache-2.0"), ("some custom terms", None),
                                       ("", None), ("openrail", None)])
def test_normalise_to_spdx(raw: str, spdx: str | None) -> None:
    assert normalise(raw).spdx == spdx


@pytest.mark.parametrize("raw, expected", [
    ("CC-BY-NC-SA-4.0", ("non_commercial", "share_alike")), ("CC-BY-NC-4.0", ("non_commercial",)),
    ("GPL-3.0-or-later", ("copyleft",)), ("MIT OR GPL-3.0-only", ()), ("GPL-2.0-only OR AGPL-3.0-only", ("copyleft",)),
    ("Apache-2.0", ()), ("ODbL-1.0", ("copyleft",)),
])
def test_terms_hold_only_when_every_choice_carries_them(raw: str, expected: tuple[str, ...]) -> None:
    assert terms(normalise(raw)) == expected


ROWS = [("https://a.example/1", "MIT", 100, "no"), ("https://b.example/2", "apache 2.0", 50, "no"),
        ("https://c.example/3", "CC-BY-NC-SA-4.0", 30, "yes"), ("https://d.example/4", "", 10, "no"),
        ("https://e.example/5", "some custom terms", 5, "no"), ("https://f.example/6", "MIT", 5, "no")]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_shares_of_records_in_every_format(tmp_path: Path, suffix: str) -> None:
    frame = pd.DataFrame(ROWS, columns=["Source_URL", "License", "records", "tdm_opt_out"])
    path = tmp_path / f"manifest{suffix}"
    {".csv": lambda: frame.to_csv(path, index=False), ".parquet": lambda: frame.to_parquet(path),
     ".jsonl": lambda: frame.to_json(path, orient="records", lines=True)}[suffix]()
    r = licence_report(path)
    assert (r.rows, r.records) == (6, 200)
    assert [(x.licence, x.records) for x in r.licences][:2] == [("MIT", 105), ("Apache-2.0", 50)]
    assert (r.unknown_records, r.missing_records, r.non_commercial_records, r.share_alike_records) == (5, 10, 30, 30)
    assert r.opt_out_records == 30
    assert r.sources_without_licence == ["https://d.example/4", "https://e.example/5"]


def test_the_command_prints_shares_and_fails_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    pd.DataFrame(ROWS, columns=["url", "licence", "count", "opt_out"]).to_csv(path, index=False)
    done = accord("data", "licences", path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "52.50%" in done.stdout and "non-commercial:  15.00% of records (30)" in done.stdout
    as_json = json.loads(accord("data", "licences", path, "--json", cwd=tmp_path).stdout)
    assert as_json["missing_records"] == 10
    (tmp_path / "bad.csv").write_text("url,name\nx,y\n", encoding="utf-8")
    bad = accord("data", "licences", tmp_path / "bad.csv", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("accord: error:") and "no licence column" in bad.stderr
    assert "Traceback" not in bad.stderr
