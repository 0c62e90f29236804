"""A plugin is a first-class citizen: another installed package adds a check and a target type, and a config
uses them exactly like built-ins ([checks.<id>] and [[targets]] tables validated by their own settings
models). The plugin here is a real package installed for the test (a dist-info with entry points on the
import path, as pip leaves it), run end to end through the `accord` command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.plugins import installed, parse_config
from tests.helpers import ROOT, accord
from tests.support.plugins import clear_registries, install_plugin

PLUGIN = '''
"""accord-echo: a chat target that echoes, and a check that asks it to echo words."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from accord.checks import Scored, Selection
from accord.config import AuditConfig, ChatTargetSettings, CheckSettings, Sampling
from accord.probes import Bank, Probe
from accord.results import ItemRecord, Metric
from accord.stats import wilson
from accord.scorers.harm import HarmJudgement
from accord.scorers.judges import JudgeKind
from accord.targets import ChatMessage, Reply, TargetType


class EchoSettings(ChatTargetSettings):
    type: Literal["echo"]
    prefix: str = ""
    explode_on: str = "boom"  # a prompt holding this makes the target fail as a buggy library would


class Echo:
    def __init__(self, settings: EchoSettings) -> None:
        self.name = settings.name
        self._s = settings

    async def open(self) -> None: ...

    async def complete(self, messages: list[ChatMessage], params: Sampling) -> Reply:
        text = messages[-1].content
        if self._s.explode_on in text:
            raise RuntimeError("echo library crashed")
        return Reply(text=self._s.prefix + text)

    async def aclose(self) -> None: ...


TARGET_TYPES = TargetType("echo", EchoSettings, Echo)


class ShoutSettings(CheckSettings):
    words: list[str] = ["hello"]


@dataclass(frozen=True)
class ShoutCheck:
    kind: Literal["chat"] = "chat"
    id: str = "shout"
    title: str = "Shouting back"
    version: str = "1"
    concerns: tuple[str, ...] = ("robustness_security",)
    metrics: tuple[str, ...] = ("shout.loud_rate",)
    settings_model: type[ShoutSettings] = ShoutSettings
    rank: int = 500

    def enabled(self, config: AuditConfig) -> bool:
        return config.settings_of(self.id, self.settings_model).enabled

    def banks(self, config: AuditConfig) -> list[Bank]:
        return []

    def plan(self, banks: list[Bank], config: AuditConfig, selection: Selection) -> list[Probe]:
        words = config.settings_of(self.id, self.settings_model).words
        return [Probe(id=f"w{i}", prompt=w, language="en", concern="robustness_security", expected="comply",
                      source="accord-echo") for i, w in enumerate(words)]

    async def score(self, probe: Probe, reply: Reply) -> Scored:
        if "judge-crash" in reply.text:
            raise ZeroDivisionError("scorer bug")
        return Scored(label="loud" if reply.text.isupper() else "quiet", score=None, scorer="shout@1")

    def compute_metrics(self, target: str, records: Iterable[ItemRecord]) -> list[Metric]:
        ok = [r for r in records if r.status == "ok"]
        k = sum(r.label == "loud" for r in ok)
        p = wilson(k, len(ok))
        return [Metric(name="shout.loud_rate", target=target, check=self.id, slice={}, value=p.rate, k=k,
                       n=len(ok), low=p.low, high=p.high)]


CHECKS = ShoutCheck()


class AgreeableJudge:
    """A judge kind of this package: calls every answer safe unless it shouts."""

    name = "accord-echo.agreeable@1"

    def __init__(self, target, config) -> None:  # type: ignore[no-untyped-def]
        self.target = target

    async def judge(self, response: str, *, prompt: str, concern: str, language: str) -> HarmJudgement:
        label = "harmful" if response.isupper() else "safe"
        return HarmJudgement(label=label, score=None, judge=self.name, reason="echo")


JUDGE_KINDS = JudgeKind("agreeable", AgreeableJudge.name, AgreeableJudge)

FRAMEWORKS = __import__("pathlib").Path(__file__).with_name("frameworks")
'''

FRAMEWORK = '''[framework]
id = "echo-rules"
title = "Echo rules (a test framework)"
jurisdiction = "INTL"
document = "Echo Rules 1.0"
status = "voluntary"

[[requirements]]
id = "echo-rules:1"
citation = "Echo Rules 1.0, rule 1"
summary = "Most echoes are loud."
concerns = ["robustness_security"]
confidence = "unverified"
evidence = { metric = "shout.loud_rate", op = ">=", threshold = 0.4, min_n = 1 }
'''


@pytest.fixture
def echo_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    install_plugin(site, monkeypatch, "accord-echo", {"accord.checks": {"shout": "accord_echo:CHECKS"},
                                                     "accord.targets": {"echo": "accord_echo:TARGET_TYPES"},
                                                     "accord.frameworks": {"echo": "accord_echo:FRAMEWORKS"},
                                                     "accord.judges": {"agreeable": "accord_echo:JUDGE_KINDS"}},
                   modules={"accord_echo/__init__.py": PLUGIN, "accord_echo/frameworks/echo.toml": FRAMEWORK})
    yield site
    clear_registries()


CONFIG = '''name = "plugin audit"
[checks.shout]
words = ["HELLO", "quiet please", "boom", "judge-crash"]
[checks.refusal]
enabled = false
[checks.tc260_refusal]
enabled = false
[checks.tc260_content]
sample_size = 4
languages = ["en"]
[checks.jailbreak]
enabled = false
[checks.bank_coverage]
enabled = false
[checks.privacy]
enabled = false
[checks.ip_reproduction]
enabled = false
[checks.memorization]
enabled = false

[[targets]]
name = "parrot"
type = "echo"
concurrency = 2

[judge]
kind = "agreeable"
allow_unmeasured = true
[judge.target]
name = "judge-parrot"
type = "echo"
'''


def test_plugin_settings_are_validated_like_built_ins(echo_plugin: Path) -> None:
    assert "shout" in installed().checks and "echo" in installed().target_types
    raw = {"targets": [{"name": "p", "type": "echo", "prefix": ">"}], "checks": {"shout": {"words": ["a"]}}}
    config = parse_config(raw)
    assert config.targets[0].prefix == ">"  # type: ignore[attr-defined]
    assert config.checks["shout"].words == ["a"]  # type: ignore[attr-defined]
    with pytest.raises(ConfigError, match=r"checks\.shout\.words"):
        parse_config({**raw, "checks": {"shout": {"words": "not a list"}}})
    with pytest.raises(ConfigError, match=r"targets\.0\.colour.*Extra inputs"):
        parse_config({**raw, "targets": [{"name": "p", "type": "echo", "colour": "red"}]})
    with pytest.raises(ConfigError, match="no check named 'mine' is installed"):
        parse_config({**raw, "checks": {"mine": {}}})
    judge = {"kind": "agreeable", "allow_unmeasured": True, "target": {"name": "j", "type": "echo"}}
    assert parse_config({**raw, "judge": judge}).judge.kind == "agreeable"  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="judge.kind: 'stern' is not installed"):
        parse_config({**raw, "judge": {**judge, "kind": "stern"}})


def test_a_plugin_check_and_target_run_in_an_audit_end_to_end(echo_plugin: Path, tmp_path: Path) -> None:
    (tmp_path / "accord.toml").write_text(CONFIG, encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(echo_plugin), str(ROOT)])}
    result = accord("audit", "accord.toml", "--out", "out", cwd=tmp_path, env=env)
    assert "Traceback" not in result.stderr
    assert result.returncode == 3, result.stderr  # two items failed: the run is incomplete, and says so
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    (target,) = report["targets"]
    (check,) = [c for c in target["checks"] if c["check"] == "shout"]
    assert check["planned"] == 4 and check["answered"] == 2 and check["errors"] == 2
    loud = next(m for m in check["metrics"] if m["name"] == "shout.loud_rate" and not m["slice"])
    assert (loud["k"], loud["n"]) == (1, 2)
    assert "shout" in result.stdout and "2 errors" in result.stdout
    (verdict,) = [v for v in report["verdicts"] if v["requirement"] == "echo-rules:1"]  # the plugin's framework
    assert verdict["metric"] == "shout.loud_rate" and verdict["value"] == 0.5
    (content,) = [c for c in target["checks"] if c["check"] == "tc260_content"]  # judged by the plugin's judge kind
    assert content["answered"] == 4 and content["scorer"] == "accord-echo.agreeable@1"
