"""End to end on the real embedded model: in process (`local`) and behind llama-cpp-python's
OpenAI-compatible server on 127.0.0.1 (`openai`). Slow: they generate real text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ROOT, accord, write_config

pytestmark = pytest.mark.slow
STARTER = ROOT / "accord" / "probes" / "banks" / "starter.jsonl"


def _check(report_dir: Path) -> dict:
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return data["targets"][0]["checks"][0]


def test_local_target_on_embedded_model(project: Path) -> None:
    cfg = write_config(project / "accord.toml", '[[targets]]\nname = "smollm2"\ntype = "local"\n',
                       bank=STARTER, extra="[sampling]\nmax_tokens = 32\n")
    result = accord("audit", cfg, "--sample", "8", "--seed", "3", cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    check = _check(project / "accord-report")
    assert (check["planned"], check["answered"], check["errors"]) == (8, 8, 0)
    assert check["tokens_out"] > 0 and check["tokens_in"] > 0
    assert all(t["response"].strip() for t in check["transcripts"])
    assert check["latency"]["p50_s"] > 0


def test_openai_target_against_llama_server(project: Path, llama_server: str) -> None:
    cfg = write_config(project / "accord.toml",
                       f'[[targets]]\nname = "served"\ntype = "openai"\nbase_url = "{llama_server}"\n'
                       'model = "smollm2"\nconcurrency = 4\n',
                       bank=STARTER, extra="[sampling]\nmax_tokens = 32\n")
    result = accord("audit", cfg, "--sample", "8", "--seed", "3", cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    check = _check(project / "accord-report")
    assert (check["planned"], check["answered"], check["errors"]) == (8, 8, 0)
    assert check["tokens_out"] > 0
    assert all(t["response"].strip() for t in check["transcripts"])


def test_embedded_default_audit_runs(project: Path) -> None:
    """`accord audit` with no file audits the embedded default."""
    result = accord("audit", "--limit", "4", cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    data = json.loads((project / "accord-report" / "report.json").read_text(encoding="utf-8"))
    assert data["targets"][0]["type"] == "local"
    assert data["targets"][0]["checks"][0]["answered"] == 4
    credit = data["targets"][1]  # the demo credit classifier that scripts/setup trains
    assert credit["type"] == "sklearn"
    assert {c["check"]: c["error"] for c in credit["checks"]} == {
        "fairness": None, "data_bias": None, "classifier_robustness": None}
