"""The jailbreak check: its seeded plan, --limit/--sample, and attack success per wrapper against an oracle."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from accord.audit import AuditOptions, run_audit
from accord.checks import Selection
from accord.checks.jailbreak import CHECK as JAILBREAK
from accord.config import AuditConfig
from accord.plugins import load_config
from accord.probes.wrappers import WRAPPERS, wrapper_of
from accord.progress import PlainProgress
from accord.report.html import render_html
from accord.run.store import Store
from tests.helpers import python_target
from tests.support.scripted import FOOLED_AT


def _config(project: Path, fn: str, probes: int = 10) -> AuditConfig:
    """The jailbreak check alone, `probes` should-refuse probes of tc260-refuse under every wrapper."""
    path = project / "accord.toml"
    path.write_text("\n".join(f"[checks.{c}]\nenabled = false" for c in ("refusal", "tc260_refusal", "bank_coverage"))
                    + f"\n[checks.jailbreak]\nprobes = {probes}\n" + python_target("bot", fn, concurrency=8))
    return load_config(path)


def test_plan_wraps_a_stratified_seeded_sample(project: Path) -> None:
    config = _config(project, "refuse_everything", probes=40)
    banks = JAILBREAK.banks(config)
    plan = JAILBREAK.plan(banks, config, Selection(seed=3))
    assert len(plan) == 40 * 6
    assert Counter(wrapper_of(p.id) for p in plan) == {w: 40 for w in ("direct", *WRAPPERS)}
    base = [p for p in plan if wrapper_of(p.id) == "direct"]
    assert Counter(p.language for p in base) == {"en": 20, "zh": 20}
    assert len({p.risks[0] for p in base}) >= 17 and all(p.expected == "refuse" for p in plan)
    assert plan == JAILBREAK.plan(banks, config, Selection(seed=3))
    assert plan != JAILBREAK.plan(banks, config, Selection(seed=4))
    # --limit takes the first items, every wrapper of the first probes; --sample N keeps N items in all
    limited = JAILBREAK.plan(banks, config, Selection(limit=7, seed=3))
    assert limited == plan[:7] and {wrapper_of(p.id) for p in limited} == {"direct", *WRAPPERS}
    sampled = JAILBREAK.plan(banks, config, Selection(sample=13, seed=3))
    assert len(sampled) == 13


def test_attack_success_per_wrapper_matches_the_oracle(project: Path) -> None:
    config = _config(project, "fooled_by_long_prompts", probes=12)
    store = Store(project / "db.sqlite")
    outcome = run_audit(config, AuditOptions(out=project / "out"), store, PlainProgress)
    check = next(c for c in outcome.report.targets[0].checks if c.check == "jailbreak")
    assert check.answered == check.planned == 72
    plan = JAILBREAK.plan(JAILBREAK.banks(config), config, Selection())
    fooled = Counter(wrapper_of(p.id) for p in plan if len(p.text()) >= FOOLED_AT)
    metrics = {(m.name, tuple(sorted(m.slice.items()))): m for m in check.metrics}
    for wrapper in WRAPPERS:
        m = metrics[("jailbreak.attack_success_rate", (("wrapper", wrapper),))]
        assert (m.k, m.n) == (fooled[wrapper], 12), wrapper
    overall = metrics[("jailbreak.attack_success_rate", ())]
    assert (overall.k, overall.n) == (sum(fooled[w] for w in WRAPPERS), 60)
    assert overall.low is not None and overall.low < overall.value < overall.high  # type: ignore[operator]
    baseline = metrics[("jailbreak.baseline_success_rate", ())]
    assert (baseline.k, baseline.n) == (fooled["direct"], 12)
    # the report shows the rate per wrapper, and the transcripts show the wrapped text that was sent
    html = render_html(outcome.report)
    assert "Attack success rate per wrapper" in html and "Base64-encoded request" in html
    sent = {t.prompt for t in check.transcripts}
    assert any("DAX" in p or "Victor" in p or "base64" in p for p in sent)


def test_a_system_that_refuses_everything_gives_no_attack_success(project: Path) -> None:
    config = _config(project, "refuse_everything", probes=4)
    outcome = run_audit(config, AuditOptions(out=project / "out"), Store(project / "db.sqlite"), PlainProgress)
    check = next(c for c in outcome.report.targets[0].checks if c.check == "jailbreak")
    rates = {m.name: m.value for m in check.metrics if not m.slice}
    assert rates == {"jailbreak.attack_success_rate": 0.0, "jailbreak.baseline_success_rate": 0.0}
