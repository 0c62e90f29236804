"""The TC260-003 §9.3 generated-content check: sampling, metrics, judges, and an audit end to end."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from accord.checks import Selection
from accord.checks.tc260_content import CHECK as TC260_CONTENT
from accord.checks.tc260_content import PASS_RATE, UNPARSED, Tc260ContentSettings, risk_of
from accord.errors import ConfigError, ProbeBankError
from accord.plugins import parse_config
from accord.probes import load_bank
from accord.results import ItemRecord
from tests.helpers import ROOT, accord, python_target

MINI = ROOT / "tests" / "data" / "tc260_content_mini.jsonl"


def _config(**content: object) -> dict:
    return {"targets": [{"name": "t", "type": "python", "callable": "tests.support.scripted:content_mixed"}],
            "checks": {"tc260_content": {"enabled": True, "bank": str(MINI), **content}}}


def test_plan_is_a_seeded_sample_stratified_by_risk_and_language() -> None:
    config = parse_config(_config(sample_size=62))
    banks = TC260_CONTENT.banks(config)
    plan = TC260_CONTENT.plan(banks, config, Selection())
    assert len(plan) == 62
    strata = Counter((risk_of(p.risks, p.concern), p.language) for p in plan)
    assert len(strata) == 62 and set(strata.values()) == {1}  # one of each of the 31 risks x 2 languages
    assert [p.id for p in plan] == [p.id for p in TC260_CONTENT.plan(banks, config, Selection())]
    other = TC260_CONTENT.plan(banks, parse_config(_config(sample_size=62, seed=1)), Selection())
    assert [p.id for p in other] != [p.id for p in plan]


def test_default_sample_is_the_standards_minimum_or_the_whole_bank() -> None:
    config = parse_config(_config())
    assert config.settings_of("tc260_content", Tc260ContentSettings).sample_size == 1000
    assert len(TC260_CONTENT.plan(TC260_CONTENT.banks(config), config, Selection())) == 124  # bank < 1000


def test_selection_narrows_the_plan() -> None:
    config = parse_config(_config())
    banks = TC260_CONTENT.banks(config)
    assert len(TC260_CONTENT.plan(banks, config, Selection(limit=5))) == 5
    sampled = TC260_CONTENT.plan(banks, config, Selection(sample=62, seed=4))
    assert len(sampled) == 62 and len({(risk_of(p.risks, p.concern), p.language) for p in sampled}) == 62
    assert [p.id for p in sampled] != [p.id for p in TC260_CONTENT.plan(banks, config, Selection(sample=62, seed=5))]
    zh = TC260_CONTENT.plan(banks, parse_config(_config(languages=["zh"])), Selection())
    assert {p.language for p in zh} == {"zh"} and len(zh) == 62


def test_missing_bank_is_a_clear_error() -> None:
    config = parse_config(_config(bank="tc260-content-does-not-exist"))
    with pytest.raises(ProbeBankError, match="generated-content bank is missing"):
        TC260_CONTENT.banks(config)


def test_llm_judge_needs_a_judge_table() -> None:
    with pytest.raises(ConfigError, match=r"needs a \[judge\] table"):
        parse_config(_config(judge="llm"))


def _record(item: str, label: str | None, status: str = "ok", language: str = "en",
            risks: tuple[str, ...] = ("A.2.e",)) -> ItemRecord:
    return ItemRecord(run_id="r", target="t", check="tc260_content", item_id=item, status=status,  # type: ignore[arg-type]
                      language=language, concern="tc260.2e.gender", expected="answer_safely", risks=risks,
                      messages=[{"role": "user", "content": "q"}], label=label, attempts=1, params={},
                      finished_at="2026-12-02T00:00:00Z")


def test_metrics_count_unparsed_and_errors_apart() -> None:
    records = [_record("a", "safe"), _record("b", "safe"), _record("c", "harmful"), _record("d", "unparsed"),
               _record("e", None, status="error"), _record("f", "safe", language="zh", risks=("A.5.b",))]
    metrics = {(m.name, tuple(sorted(m.slice.items()))): m for m in TC260_CONTENT.compute_metrics("t", records)}
    overall = metrics[(PASS_RATE, ())]
    assert (overall.k, overall.n, overall.value) == (3, 4, 0.75)
    assert overall.low is not None and overall.high is not None and overall.low < 0.75 < overall.high
    unparsed = metrics[(UNPARSED, ())]
    assert (unparsed.value, unparsed.k, unparsed.n) == (1.0, 1, 5)
    assert metrics[(PASS_RATE, (("risk", "A.2.e"),))].n == 3
    assert metrics[(PASS_RATE, (("language", "zh"),))].value == 1.0
    assert metrics[(PASS_RATE, (("language", "en"), ("risk", "A.2.e")))].k == 2
    assert set(TC260_CONTENT.metrics) == {PASS_RATE, UNPARSED}


def test_risk_falls_back_to_the_concerns_code() -> None:
    assert risk_of((), "tc260.4e.privacy") == "A.4.e"
    assert risk_of(("A.1.a", "A.1.b"), "x") == "A.1.a"
    assert risk_of((), "cyber") == "none"


def _write(project: Path, targets: str, extra: str = "", head: str = "") -> Path:
    path = project / "accord.toml"
    path.write_text(f'name = "content audit"\n{head}\n[checks.refusal]\nenabled = false\n\n[checks.tc260_content]\n'
                    f'enabled = true\nbank = "{MINI}"\n{extra}\n{targets}\n', encoding="utf-8")
    return path


def _content(report_dir: Path) -> tuple[dict, dict]:
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    check = next(c for c in data["targets"][0]["checks"] if c["check"] == "tc260_content")
    return data, check


def test_audit_with_the_offline_judge(project: Path) -> None:
    cfg = _write(project, python_target("bot", "content_mixed"))
    result = accord("audit", cfg, cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    data, check = _content(project / "accord-report")
    assert (check["planned"], check["answered"], check["errors"]) == (124, 124, 0)
    assert check["scorer"] == "accord.harm-offline@4"
    overall = {m["name"]: m for m in check["metrics"] if not m["slice"]}
    rate = overall[PASS_RATE]
    assert rate["n"] == 124 and 0.3 < rate["value"] < 0.7  # about half the answers comply outright
    assert overall[UNPARSED]["value"] == 0
    assert len({m["slice"]["risk"] for m in check["metrics"] if set(m["slice"]) == {"risk"}}) == 31
    verdict = next(v for v in data["verdicts"] if v["requirement"] == "tc260-003:9.3")
    assert verdict["verdict"] == "not tested" and verdict["metric"] == PASS_RATE and verdict["min_n"] == 1000
    judges = {(j["judge"], j["language"]) for j in data["judges"]}
    assert {("accord.harm-offline@4", "en"), ("accord.harm-offline@4", "zh"),
            ("accord.refusal-rules@6", "zh")} <= judges
    html = (project / "accord-report" / "report.html").read_text(encoding="utf-8")
    assert "Pass rate per TC260-003 Appendix A risk and language" in html
    assert "labels by <code>accord.harm-offline@4</code>, measured accuracy en" in html
    assert "Cohen&#39;s kappa" in html or "Cohen's kappa" in html
    assert "(test split)" in html
    assert "answers judged safe" in result.stdout


def test_audit_with_an_llm_judge(project: Path) -> None:
    judge = '[judge]\nmax_tokens = 8\nallow_unmeasured = true\n[judge.target]\nname = "judge"\ntype = "python"\n' \
            'callable = "tests.support.scripted:judge_by_keyword"\n'
    cfg = _write(project, python_target("bot", "content_mixed"), extra="sample_size = 40\n\n" + judge)
    result = accord("audit", cfg, cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    _, check = _content(project / "accord-report")
    assert check["answered"] == 40 and check["scorer"] == "accord.harm-rubric@1"
    labels = Counter(t["label"] for t in check["transcripts"])
    assert set(labels) <= {"harmful", "safe"}
    html = (project / "accord-report" / "report.html").read_text(encoding="utf-8")
    assert "its accuracy is not measured here" in html


def test_unparsed_judge_answers_are_neither_pass_nor_fail(project: Path) -> None:
    judge = ('[judge]\nallow_unmeasured = true\n[judge.target]\nname = "judge"\ntype = "python"\n'
             'callable = "tests.support.scripted:judge_chatters"\n')
    cfg = _write(project, python_target("bot", "content_mixed"), extra="sample_size = 20\n\n" + judge)
    result = accord("audit", cfg, cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    _, check = _content(project / "accord-report")
    overall = {m["name"]: m for m in check["metrics"] if not m["slice"]}
    assert overall[UNPARSED]["k"] == 20 and overall[UNPARSED]["n"] == 20
    assert overall[PASS_RATE]["n"] == 0 and overall[PASS_RATE]["value"] is None


def test_missing_bank_fails_the_audit_plainly(project: Path) -> None:
    path = project / "accord.toml"
    path.write_text('[checks.tc260_content]\nbank = "no-such-bank"\n\n' + python_target("bot", "content_mixed"),
                    encoding="utf-8")
    result = accord("audit", path, cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("accord: error: checks.tc260_content: the generated-content bank is missing")
    assert "Traceback" not in result.stderr


def test_mini_bank_matches_the_bank_format() -> None:
    bank = load_bank(str(MINI))
    assert all(p.expected == "answer_safely" and len(p.risks) == 1 for p in bank.probes)
    assert len({p.risks[0] for p in bank.probes}) == 31


@pytest.mark.slow
def test_audit_of_the_embedded_model(project: Path) -> None:
    """The real embedded model, in process: its answers are judged, whatever they say."""
    cfg = _write(project, '[[targets]]\nname = "smollm2"\ntype = "local"\n', head="[sampling]\nmax_tokens = 24\n")
    result = accord("audit", cfg, "--sample", "8", "--seed", "2", cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    _, check = _content(project / "accord-report")
    assert (check["planned"], check["answered"], check["errors"]) == (8, 8, 0)
    assert {t["label"] for t in check["transcripts"]} <= {"harmful", "safe"}
    overall = {m["name"]: m for m in check["metrics"] if not m["slice"]}
    assert overall[PASS_RATE]["n"] == 8


def test_unreachable_judge_model_fails_the_audit_plainly(project: Path) -> None:
    judge = ('[judge]\nallow_unmeasured = true\n[judge.target]\nname = "judge"\ntype = "openai"\n'
             'base_url = "http://127.0.0.1:9/v1"\n'
             'model = "m"\ntimeout_s = 2\n')
    cfg = _write(project, python_target("bot", "content_mixed"), extra="sample_size = 5\n\n" + judge)
    result = accord("audit", cfg, cwd=project)
    assert result.returncode == 3
    assert "the judge model ([judge.target]) cannot be used" in result.stderr and "Traceback" not in result.stderr
