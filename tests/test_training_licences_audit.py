"""The training_licences check through `python -m accord audit`: a dataset target's licence manifest becomes
metrics that the training-data IP requirements show beside their questions, in report.json and in the CycloneDX
declarations, and decides no verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tests.helpers import accord
from tests.test_cyclonedx import errors

ROWS = [("https://a.example/1", "MIT", 600, "no"), ("https://b.example/2", "CC-BY-NC-SA-4.0", 200, "yes"),
        ("https://c.example/3", "", 100, "no"), ("https://d.example/4", "custom terms", 50, "yes"),
        ("https://e.example/5", "CC-BY-SA-4.0", 50, "no")]  # 1,000 records

CONFIG = """name = "licences"
frameworks = ["tc260-003", "eu-ai-act", "cn-genai-measures", "nist-ai-600-1"]
[profile]
kind = "general_purpose_model"
regions = ["CN", "EU"]
[checks.corpus]
sample_size = 10
[attestations."eu-ai-act:art-53.1.c"]
answer = "yes"
note = "copyright policy CP-1"
[[targets]]
name = "train"
type = "dataset"
path = "corpus.txt"
licence_manifest = "manifest.csv"
"""


def test_the_audit_shows_licence_shares_beside_the_training_data_questions(tmp_path: Path) -> None:
    pd.DataFrame(ROWS, columns=["url", "license", "records", "tdm_opt_out"]).to_csv(tmp_path / "manifest.csv",
                                                                                    index=False)
    (tmp_path / "corpus.txt").write_text("a clean line\nanother one\n", encoding="utf-8")
    (tmp_path / "accord.toml").write_text(CONFIG, encoding="utf-8")
    done = accord("audit", "accord.toml", cwd=tmp_path)
    assert done.returncode in (0, 1, 4), done.stderr
    report = json.loads((tmp_path / "accord-report" / "report.json").read_text(encoding="utf-8"))
    (check,) = [c for t in report["targets"] for c in t["checks"] if c["check"] == "training_licences"]
    assert check["error"] is None
    overall = {m["name"]: (m["k"], m["n"]) for m in check["metrics"] if not m["slice"]}
    assert overall == {"training_licences.unknown_or_missing_share": (150, 1000),
                       "training_licences.non_commercial_share": (200, 1000),
                       "training_licences.share_alike_share": (250, 1000),
                       "training_licences.copyleft_share": (0, 1000),
                       "training_licences.opt_out_share": (250, 1000)}
    assert check["details"]["sources_without_licence"] == ["https://c.example/3", "https://d.example/4"]
    verdicts = {v["requirement"]: v for v in report["verdicts"] if v["target"] == "train"}
    seen = {r: {o["name"]: o["value"] for o in verdicts[r]["observations"]} for r in (
        "tc260-003:5.1.licences", "eu-ai-act:art-53.1.c", "eu-ai-act:art-53.1.d", "cn-genai-measures:art-7",
        "nist-ai-600-1:intellectual-property")}
    assert seen["tc260-003:5.1.licences"] == {"training_licences.unknown_or_missing_share": 0.15,
                                              "training_licences.non_commercial_share": 0.2,
                                              "training_licences.share_alike_share": 0.25}
    assert seen["eu-ai-act:art-53.1.c"]["training_licences.opt_out_share"] == 0.25
    assert all("training_licences.unknown_or_missing_share" in s for s in seen.values())
    # evidence, not a verdict: unanswered questions stay unanswered, the answered one reads as attested
    assert verdicts["tc260-003:5.1.licences"]["verdict"] == "needs attestation"
    answered_verdict = verdicts["eu-ai-act:art-53.1.c"]
    assert answered_verdict["attested"] == "yes" and "CP-1" in answered_verdict["reason"]
    assert all(o.get("op") is None for v in verdicts.values() for o in v["observations"]
               if o["name"].startswith("training_licences."))

    cdx = json.loads((tmp_path / "accord-report" / "report.cdx.json").read_text(encoding="utf-8"))
    assert errors(cdx) == []
    evidence = {e["bom-ref"]: e for e in cdx["declarations"]["evidence"]}
    answered = json.loads(evidence["accord:evidence:train:eu-ai-act:art-53.1.c"]["data"][0]["contents"]
                          ["attachment"]["content"])
    assert {m["name"]: m["value"] for m in answered["measured"]}["training_licences.opt_out_share"] == 0.25
    unanswered = evidence["accord:evidence:train:tc260-003:5.1.licences"]
    assert "training_licences.unknown_or_missing_share = 0.1500 (n=1000)" in unanswered["description"]
    claims = {c["bom-ref"]: c for c in cdx["declarations"]["claims"]}
    claim = claims["accord:claim:train:tc260-003:5.1.licences"]
    assert claim["evidence"] == [unanswered["bom-ref"]]
    html = (tmp_path / "accord-report" / "report.html").read_text(encoding="utf-8")
    assert "the training data&#39;s licences as SPDX ids" in html or "the training data's licences as SPDX ids" in html
    assert "<code>CC-BY-NC-SA-4.0</code>" in html and "<code>https://c.example/3</code>" in html
