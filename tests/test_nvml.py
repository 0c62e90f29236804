"""GPU energy from NVML: the clean fallback this machine (no GPU) takes, with its reason shown, and the counter
arithmetic on a stand-in for the NVML bindings (the real GPU path was not run here: docs/environment.md)."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest

from accord.checks.energy import CHECK as ENERGY
from accord.checks.energy import EnergySettings, with_gpu
from accord.config import AuditConfig, Profile, PythonTarget, Sampling
from accord.environment.nvml import NvmlMeter
from accord.environment.power import Reading
from accord.results import Selection


def test_this_machine_falls_back_with_the_reason() -> None:
    meter = NvmlMeter()
    if meter.readable:
        pytest.skip(f"an NVIDIA GPU is readable here: {meter.names}")
    assert meter.reason and "NVML" in meter.reason


def test_bindings_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", None)  # import pynvml raises ImportError
    meter = NvmlMeter()
    assert not meter.readable and meter.reason == "the NVML bindings (nvidia-ml-py) are not installed"


def test_energy_check_says_why_the_gpu_is_not_counted() -> None:
    target = PythonTarget(type="python", name="py", callable="tests.support.scripted:comply_everything")
    for use, said in ((True, NvmlMeter().reason), (False, "use_nvml = false")):
        config = AuditConfig(targets=[target], sampling=Sampling(max_tokens=8), profile=Profile(),
                             checks={"energy": EnergySettings(enabled=True, requests=2, use_nvml=use)})
        out = ENERGY.run(target, config, Selection())
        assert out.details["nvml"] == {"used": False, "gpus": [], "reason": said}
        assert out.details["kind"] in ("measured", "estimated")  # RAPL, or the CPU-time estimate


class _NvmlError(Exception):
    pass


def _stand_in(counters: list[list[int]], energy_counter: bool = True) -> SimpleNamespace:
    """NVML's calls as nvidia-ml-py names them, for GPUs this machine lacks: each read of GPU i's counter takes
    the next value of counters[i] (millijoules)."""
    reads = [iter(c) for c in counters]

    def energy(handle: int) -> int:
        if not energy_counter:
            raise _NvmlError("Not Supported")
        return next(reads[handle])

    return SimpleNamespace(
        NVMLError=_NvmlError, nvmlInit=lambda: None, nvmlShutdown=lambda: None,
        nvmlDeviceGetCount=lambda: len(counters), nvmlDeviceGetHandleByIndex=lambda i: i,
        nvmlDeviceGetName=lambda h: b"NVIDIA H100", nvmlDeviceGetTotalEnergyConsumption=energy)


def test_counters_of_every_gpu_are_summed() -> None:
    # the first value of each is read when the meter checks the counter exists
    meter = NvmlMeter(_stand_in([[0, 1_000, 6_000], [0, 50_000, 52_500]]))  # type: ignore[arg-type]
    assert meter.readable and meter.names == ["NVIDIA H100", "NVIDIA H100"]
    meter.start()
    assert meter.joules() == pytest.approx(5.0 + 2.5)


def test_a_gpu_without_the_counter_is_a_reason() -> None:
    meter = NvmlMeter(_stand_in([[0]], energy_counter=False))  # type: ignore[arg-type]
    assert not meter.readable and "reports no energy counter" in meter.reason
    assert not NvmlMeter(_stand_in([])).readable  # type: ignore[arg-type]


def test_gpu_energy_is_added_and_labelled() -> None:
    cpu = Reading(joules=10.0, kind="estimated", method="CPU time x 10 W", cpu_seconds=1.0, wall_seconds=2.0)
    both = with_gpu(cpu, 90.0, ["NVIDIA H100"])
    assert both.joules == 100.0 and both.kind == "measured (NVML) GPU + estimated CPU"
    assert "NVIDIA H100" in both.method and "CPU: estimated" in both.method
    rapl = Reading(joules=10.0, kind="measured", method="RAPL", cpu_seconds=1.0, wall_seconds=2.0)
    assert with_gpu(rapl, 1.0, ["x"]).kind == "measured (NVML)"
