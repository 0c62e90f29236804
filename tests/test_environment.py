"""Energy, carbon and training compute: the arithmetic, the cited grid table, the RAPL reader, and the `energy`
and `compute` checks on the real embedded model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.checks.compute import CHECK as COMPUTE
from accord.checks.energy import CHECK as ENERGY
from accord.checks.energy import EnergySettings, where_it_runs
from accord.config import AuditConfig, LocalTarget, OpenAITarget, Profile, Sampling, TargetBase
from accord.environment import grid
from accord.environment.compute import THRESHOLDS, ModelFileError, applicability, estimate, gguf_facts
from accord.environment.power import RaplMeter
from accord.environment.power import estimate as power_estimate
from accord.results import Selection
from accord.targets.embedded import embedded_model_path
from tests.helpers import accord, write_config

EU, KR = THRESHOLDS


# ---------------------------------------------------------------- training compute

def test_six_n_d_and_its_band() -> None:
    est = estimate(7_000_000_000, 2e12, None)
    assert est is not None and est.flop == pytest.approx(8.4e22)
    assert (est.low, est.high) == (pytest.approx(4.2e22), pytest.approx(1.68e23))
    assert "6 x 7,000,000,000 parameters x 2.000e+12 tokens = 8.400e+22 FLOP" in est.arithmetic
    assert applicability(est, EU)[0] == "not presumed"


def test_band_straddling_a_threshold_is_unknown() -> None:
    est = estimate(400_000_000_000, 6e12, None)  # 1.44e25, band 7.2e24 .. 2.88e25
    assert applicability(est, EU)[0] == "unknown"
    assert applicability(estimate(400_000_000_000, 2e13, None), EU)[0] == "presumed"  # low end 2.4e25


def test_declared_figure_and_the_thresholds_edges() -> None:
    at_eu = estimate(None, None, 1e25)
    assert at_eu is not None and at_eu.basis == "declared"
    assert applicability(at_eu, EU)[0] == "not presumed"  # Article 51(2): greater than 10^25
    assert applicability(estimate(None, None, 1e26), KR)[0] == "presumed"  # Korea: at least 10^26
    assert KR.confidence == "unverified" and EU.confidence == "verified"
    assert applicability(estimate(None, 2e12, None), EU)[0] == "unknown"


def test_mixture_of_experts_widens_the_low_end() -> None:
    est = estimate(1_000_000_000, 1e12, None, experts=8)
    assert est is not None and est.low == pytest.approx(0.1 * est.flop) and "8 experts" in est.arithmetic


def test_parameter_count_from_the_real_gguf(tmp_path: Path) -> None:
    facts = gguf_facts(embedded_model_path())
    assert 130_000_000 < facts.parameters < 140_000_000  # SmolLM2-135M
    bad = tmp_path / "x.gguf"
    bad.write_bytes(b"not a gguf file at all" * 10)
    with pytest.raises(ModelFileError, match="not a readable GGUF"):
        gguf_facts(bad)


# ---------------------------------------------------------------- grid intensity

def test_grid_table_is_cited_and_eu_is_derived() -> None:
    data = json.loads(grid.TABLE.read_text(encoding="utf-8"))
    assert "codecarbon==3.3.2" in data["source"]
    cn = grid.intensity("CN")
    assert cn is not None and cn.g_co2e_per_kwh == data["countries"]["CHN"]["g_co2e_per_kwh"] and cn.year
    rows = [data["countries"][grid.ALPHA3[c]] for c in grid.EU27]
    expected = sum(r["g_co2e_per_kwh"] * r["generation_twh"] for r in rows) / sum(r["generation_twh"] for r in rows)
    eu = grid.intensity("EU")
    assert eu is not None and eu.g_co2e_per_kwh == pytest.approx(expected, abs=1e-3) and "weighted" in eu.how
    assert grid.intensity("ZZ") is None
    assert grid.region_of(None, ["CN", "EU"]) is None and grid.region_of(None, ["KR"]) == "KR"


# ---------------------------------------------------------------- meters

def test_rapl_reader_handles_wraparound_and_skips_subzones(tmp_path: Path) -> None:
    """A powercap tree laid out as the kernel does (this machine has none), with the counter wrapping."""
    for zone, name, energy in (("intel-rapl:0", "package-0", 999_000_000), ("intel-rapl:0:0", "core", 5)):
        d = tmp_path / zone
        d.mkdir()
        (d / "name").write_text(name)
        (d / "max_energy_range_uj").write_text("1000000000")
        (d / "energy_uj").write_text(str(energy))
    meter = RaplMeter(tmp_path)
    assert [z.name for z in meter.zones] == ["package-0"]
    meter.start()
    (tmp_path / "intel-rapl:0" / "energy_uj").write_text("2000000")  # wrapped past 1e9 µJ
    assert meter.joules() == pytest.approx(3.0)
    assert not RaplMeter(tmp_path / "absent").readable


def test_power_model_is_stated() -> None:
    r = power_estimate(2.0, 5.0, 12.5, "the thread running the model")
    assert r.joules == 25.0 and r.kind == "estimated" and "12.5 W per busy core" in r.method


# ---------------------------------------------------------------- the checks

def config(target: TargetBase, **profile: object) -> AuditConfig:
    return AuditConfig(targets=[target], sampling=Sampling(max_tokens=8),
                       checks={"energy": EnergySettings(enabled=True, requests=2)},
                       profile=Profile.model_validate(profile))


def test_remote_endpoint_cannot_be_measured_from_here() -> None:
    remote = OpenAITarget(type="openai", name="api", base_url="https://api.example.com/v1", model="m")
    assert where_it_runs(remote).scope == "remote"
    local_server = OpenAITarget(type="openai", name="srv", base_url="http://127.0.0.1:8080/v1", model="m")
    assert where_it_runs(local_server).scope == "machine"
    out = ENERGY.run(remote, config(remote), Selection())  # sends nothing: returns before any request
    assert out.metrics == [] and "cannot be measured from here" in out.details["note"]
    assert "eu-ai-act:annex-xi.1.2.e" in out.details["note"]


def test_energy_of_the_embedded_model() -> None:
    target = LocalTarget(type="local", name="smollm2")
    out = ENERGY.run(target, config(target, grid_region="CN"), Selection())
    d = out.details
    assert d["answered"] == 2 and d["tokens_generated"] > 0
    assert d["kind"] == ("measured" if RaplMeter().readable else "estimated")
    assert d["cpu_seconds"] > 0 and d["joules"] > 0
    m = {x.name: x.value for x in out.metrics}
    assert m["energy.wh_per_1k_tokens"] == pytest.approx(d["joules"] / 3600 / d["tokens_generated"] * 1000)
    assert m["energy.wh_per_request"] == pytest.approx(d["joules"] / 3600 / 2)
    assert m["energy.gco2e_per_1k_tokens"] == pytest.approx(m["energy.wh_per_1k_tokens"] / 1000 * 582.317)
    no_region = ENERGY.run(target, config(target), Selection())
    assert "energy.gco2e_per_1k_tokens" not in {x.name for x in no_region.metrics}
    assert "grid_region" in no_region.details["co2e_note"]


def test_compute_check_reads_the_gguf_and_shows_the_arithmetic() -> None:
    target = LocalTarget(type="local", name="smollm2")
    out = COMPUTE.run(target, config(target, training_tokens=2e12), Selection())
    rows = {r["threshold"]: r for r in out.details["thresholds"]}
    assert rows["eu_ai_act_art_51_2"]["applicability"] == "not presumed"
    assert "6 x 134,515,008 parameters" in out.summary[0]
    unknown = COMPUTE.run(target, config(target), Selection())
    assert unknown.details["missing"] == ["training_tokens"]
    assert {r["applicability"] for r in unknown.details["thresholds"]} == {"unknown"}


@pytest.mark.slow
def test_audit_shows_energy_beside_the_attestations(project: Path) -> None:
    cfg = write_config(project / "accord.toml", '[[targets]]\nname = "smollm2"\ntype = "local"\n',
                       extra='[sampling]\nmax_tokens = 16\n[profile]\ngrid_region = "EU"\ntraining_tokens = 2e12\n'
                             '[checks.energy]\nenabled = true\nrequests = 2\n[checks.compute]\nenabled = true\n')
    result = accord("audit", cfg, "--limit", "2", cwd=project)
    assert result.returncode in (0, 1, 4), result.stderr
    assert "Wh per 1,000 tokens" in result.stdout and "not presumed" in result.stdout
    data = json.loads((project / "accord-report" / "report.json").read_text(encoding="utf-8"))
    checks = {c["check"]: c for c in data["targets"][0]["checks"]}
    assert checks["energy"]["error"] is None and checks["compute"]["error"] is None
    annex = next(v for v in data["verdicts"] if v["requirement"] == "eu-ai-act:annex-xi.1.2.e")
    assert {o["name"] for o in annex["observations"]} >= {"energy.wh_per_1k_tokens", "energy.wh_per_request"}


def test_python_target_is_estimated_from_the_whole_machine() -> None:
    from accord.config import PythonTarget

    target = PythonTarget(type="python", name="py", callable="tests.support.scripted:comply_everything")
    out = ENERGY.run(target, config(target, grid_region="US"), Selection())
    assert out.details["tokens_generated"] == 2 * 14 and out.details["answered"] == 2
    if out.details["kind"] == "estimated":
        assert "whole machine" in out.details["method"]
    broken = PythonTarget(type="python", name="b", callable="tests.support.scripted:broken")
    with pytest.raises(Exception, match="no tokens generated in 2 requests .*crashed"):
        ENERGY.run(broken, config(broken), Selection())
