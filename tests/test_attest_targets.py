"""Answers for some systems only: an answer naming `targets` settles the requirement for those systems; for the
others it stays open, saying why. Round trip through `accord attest` and a real audit of two systems; an unknown
system name is refused, naming the answer."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from tests.helpers import accord, python_target, write_config
from tests.test_attest import CN, _answer

OPT_OUT = "tc260-003:7.training-opt-out"


def _config(project: Path) -> Path:
    targets = python_target("bot", "comply_everything") + "\n" + python_target("helper", "comply_everything")
    return write_config(project / "accord.toml", targets, extra=CN.format(extra='attestations_file = "answers.toml"\n'))


def _verdicts(project: Path) -> dict[tuple[str, str], dict]:
    data = json.loads((project / "accord-report" / "report.json").read_text())
    return {(v["target"], v["requirement"]): v for v in data["verdicts"]}


def test_an_answer_for_one_of_two_systems(project: Path) -> None:
    cfg = _config(project)
    first = accord("attest", cfg, cwd=project)
    assert first.returncode == 0, first.stderr
    answers = project / "answers.toml"
    entry = tomllib.loads(answers.read_text())["questions"][OPT_OUT]
    assert entry["verdicts"] == 2 and "bot, helper" in entry["settles"][0]
    _answer(answers, OPT_OUT, 'answer = "no"\nanswered_by = "Li Wei, safety lead"\nanswered_on = 2026-11-30\n'
                              'targets = ["bot"]')
    rerun = accord("attest", cfg, cwd=project)  # keeps the answer and the systems it covers
    assert rerun.returncode == 0, rerun.stderr
    assert tomllib.loads(answers.read_text())["questions"][OPT_OUT]["targets"] == ["bot"]
    result = accord("audit", cfg, cwd=project)
    assert result.returncode == 1, result.stderr  # bot's attested "no" is a requirement not met
    v = _verdicts(project)
    assert v[("bot", OPT_OUT)]["verdict"] == "not met" and v[("bot", OPT_OUT)]["answered_by"] == "Li Wei, safety lead"
    helper = v[("helper", OPT_OUT)]
    assert helper["verdict"] == "needs attestation" and helper["answered_by"] is None
    assert helper["reason"].startswith(f"the answer to {OPT_OUT!r} covers only bot, not helper; answer question")
    # every other requirement reads the same for both systems: only the one answered for bot differs
    differ = {r for (t, r) in v if t == "bot" and v[("bot", r)]["verdict"] != v[("helper", r)]["verdict"]}
    assert OPT_OUT in differ and all(OPT_OUT in v[("bot", r)]["parts"] for r in differ - {OPT_OUT})
    todo = json.loads((project / "accord-report" / "report.json").read_text())["todo"]
    assert todo["settled_by_file"] == 1
    # the same answer for both systems settles both
    text = answers.read_text().replace('targets = ["bot"]', 'targets = ["bot", "helper"]')
    answers.write_text(text, encoding="utf-8")
    accord("audit", cfg, cwd=project)
    v = _verdicts(project)
    assert v[("helper", OPT_OUT)]["verdict"] == v[("bot", OPT_OUT)]["verdict"] == "not met"


def test_an_unknown_system_is_refused_naming_the_answer(project: Path) -> None:
    cfg = _config(project)
    assert accord("attest", cfg, cwd=project).returncode == 0
    answers = project / "answers.toml"
    _answer(answers, OPT_OUT, 'answer = "no"\nanswered_by = "Li Wei"\nanswered_on = 2026-11-30\n'
                              'targets = ["bot", "chatbot"]')
    for args in (("audit", cfg), ("attest", cfg)):
        result = accord(*args, cwd=project)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, (args, result.stderr)
        assert f"questions.{OPT_OUT}.targets: no system named 'chatbot' in the config (its systems: bot, helper)" \
            in result.stderr, (args, result.stderr)
    # the config's own [attestations] are held to the same
    cfg.write_text(cfg.read_text().replace('attestations_file = "answers.toml"\n', "") + (
        f'\n[attestations."{OPT_OUT}"]\nanswer = "yes"\ntargets = ["robot"]\n'), encoding="utf-8")
    result = accord("audit", cfg, cwd=project)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"attestations.{OPT_OUT}.targets: no system named 'robot'" in result.stderr
