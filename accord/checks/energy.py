"""The `energy` check: energy per 1,000 generated tokens and per request of a chat target run on this machine,
and its CO2e from the region's grid carbon intensity (accord/environment).

How it measures (the details say which applied, and the report labels each figure measured or estimated):
- it sends `requests` fixed prompts with the audit's sampling settings, one at a time, and counts the tokens
  the target reports it generated;
- **measured (NVML)** when an NVIDIA GPU is present and NVML reads its total-energy counter
  (accord/environment/nvml.py): the GPUs' energy over the requests (whole boards), plus the CPU's as below (the kind
  says when that CPU part is estimated); where NVML cannot be used the details say why and the CPU alone is counted;
- **measured** when RAPL package counters are readable (accord/environment/power.py): the CPU package's energy
  over the requests, whole machine (other work running meanwhile is included, so it is an upper bound);
- otherwise **estimated** from CPU time x `watts_per_core`: for a `local` (llama.cpp, in-process) target the
  CPU time of the one thread that runs the model (with `n_threads` > 1 llama.cpp's helper threads are not
  counted: a lower bound); for a `python` target or an OpenAI-compatible server on 127.0.0.1, the busy CPU
  time of the whole machine (every process: an upper bound);
- an endpoint elsewhere **cannot be measured from here**: no metric; the provider's declared figure is taken as
  an attestation (nist-ai-rmf:measure-2.12, eu-ai-act:annex-xi.1.2.e).
A `local` target is loaded a second time for this check (the audit's other checks keep their own copy).

Metrics: energy.wh_per_1k_tokens, energy.wh_per_request, energy.gco2e_per_1k_tokens (n = requests answered).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field

from accord.checks.base import CheckOutput
from accord.config import AuditConfig, CheckSettings, LocalTarget, OpenAITarget, Sampling, TargetBase
from accord.environment import grid
from accord.environment.nvml import NvmlMeter
from accord.environment.power import (
    DEFAULT_WATTS_PER_CORE,
    RaplMeter,
    Reading,
    estimate,
    machine_cpu_seconds,
    now,
    thread_cpu_seconds,
)
from accord.errors import AccordError, TargetError
from accord.results import Metric, Selection
from accord.targets.base import ChatMessage, build_target

PROMPTS = (
    "Explain in a few sentences how a refrigerator keeps food cold.",
    "Write a short, polite email asking a colleague to move a meeting to Friday.",
    "List three ways to save water at home.",
    "Summarise the water cycle for a ten-year-old.",
    "What are the main differences between a list and a tuple in Python?",
    "Give two tips for a good night's sleep.",
    "Describe a sunrise over the sea in three sentences.",
    "How does compound interest work? Give a small example.",
)
WH_1K, WH_REQ, CO2_1K = "energy.wh_per_1k_tokens", "energy.wh_per_request", "energy.gco2e_per_1k_tokens"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ATTEST = ("nist-ai-rmf:measure-2.12", "eu-ai-act:annex-xi.1.2.e")


class EnergySettings(CheckSettings):
    """Energy of inference on this machine (opt-in: `[checks.energy]`). `requests` prompts are sent one at a time;
    `watts_per_core` is the stated power model used when no RAPL counter is readable."""

    enabled: bool = False
    requests: int = Field(8, ge=1, le=1000)
    watts_per_core: float = Field(DEFAULT_WATTS_PER_CORE, gt=0, le=1000)
    use_rapl: bool = True
    use_nvml: bool = Field(True, description="add the GPUs' energy from NVIDIA NVML when it can be read; set false "
                           "when the system under test does not run on this machine's GPU")


@dataclass(frozen=True)
class Where:
    scope: Literal["thread", "machine", "remote"]
    why: str


def where_it_runs(target: TargetBase) -> Where:
    if isinstance(target, LocalTarget):
        return Where("thread", "llama.cpp in this process")
    if isinstance(target, OpenAITarget):
        host = urlsplit(target.base_url).hostname or ""
        if host not in LOOPBACK:
            return Where("remote", f"served from {host}")
        return Where("machine", f"a server on this machine ({host})")
    return Where("machine", "a callable in this process")


async def _serve(target: TargetBase, n: int, sampling: Sampling, scope: str, rapl: RaplMeter | None,
                 watts: float, gpu: NvmlMeter | None = None) -> tuple[Reading, int, int, list[str]]:
    """Send n prompts; the energy reading, tokens generated, requests answered, and the errors."""
    loop = asyncio.get_running_loop()
    chat = build_target(target)
    await chat.open()
    try:
        def cpu() -> float:
            return thread_cpu_seconds() if scope == "thread" else machine_cpu_seconds()

        if rapl is not None:
            rapl.start()
        if gpu is not None:
            gpu.start()
        cpu0, wall0 = await loop.run_in_executor(None, cpu), now()
        tokens = answered = 0
        errors: list[str] = []
        for i in range(n):
            try:
                reply = await chat.complete([ChatMessage("user", PROMPTS[i % len(PROMPTS)])], sampling)
            except TargetError as exc:
                errors.append(str(exc)[:200])
                continue
            answered += 1
            tokens += reply.tokens_out or 0
        cpu_s, wall_s = await loop.run_in_executor(None, cpu) - cpu0, now() - wall0
        gpu_j = gpu.joules() if gpu is not None else None
    finally:
        await chat.aclose()
    if rapl is not None:
        reading = Reading(rapl.joules(), "measured", f"RAPL package counters ({', '.join(z.name for z in rapl.zones)})"
                          ", whole CPU package: other work running meanwhile is included", cpu_s, wall_s)
    else:
        what = "the thread running the model" if scope == "thread" else "the whole machine, every process"
        reading = estimate(cpu_s, wall_s, watts, what)
    if gpu is not None and gpu_j is not None:
        reading = with_gpu(reading, gpu_j, gpu.names)
    return reading, tokens, answered, errors


def with_gpu(cpu: Reading, gpu_joules: float, names: list[str]) -> Reading:
    """The CPU reading with the GPUs' NVML energy added."""
    kind = "measured (NVML)" if cpu.kind == "measured" else "measured (NVML) GPU + estimated CPU"
    return Reading(cpu.joules + gpu_joules, kind, f"GPU: NVML total-energy counters of {', '.join(names)} "
                   f"({gpu_joules:.4g} J, whole boards: other work on them included); CPU: {cpu.kind}, {cpu.method}",
                   cpu.cpu_seconds, cpu.wall_seconds)


def _run_in_one_thread(coro_fn: Any) -> Any:
    """Run the coroutine with a one-thread default executor, so the model's work and the CPU-time readings
    happen on the same thread."""
    with ThreadPoolExecutor(1, thread_name_prefix="accord-energy") as pool:
        async def main() -> Any:
            asyncio.get_running_loop().set_default_executor(pool)
            return await coro_fn()
        return asyncio.run(main())


@dataclass(frozen=True)
class EnergyCheck:
    kind: Literal["computed"] = "computed"
    id: str = "energy"
    title: str = "Energy and carbon of inference on this machine"
    version: str = "1"
    concerns: tuple[str, ...] = ("environment",)
    metrics: tuple[str, ...] = (WH_1K, WH_REQ, CO2_1K)
    settings_model: type[EnergySettings] = EnergySettings
    rank: int = 120

    def applies_to(self, target: TargetBase, config: AuditConfig) -> bool:
        return target.family == "chat" and config.settings_of(self.id, self.settings_model).enabled

    def run(self, target: TargetBase, config: AuditConfig, selection: Selection) -> CheckOutput:
        cfg = config.settings_of(self.id, self.settings_model)
        where = where_it_runs(target)
        profile = config.profile_for(target)
        region = grid.region_of(profile.grid_region, profile.regions)
        figure = grid.intensity(region) if region else None
        if where.scope == "remote":
            return CheckOutput(metrics=[], details={
                "kind": "not measurable", "where": where.why,
                "note": "Energy of a system served elsewhere cannot be measured from here. Give the provider's "
                        "declared figure (energy per request or per 1,000 tokens, and how it was obtained) as the "
                        f"attestation of {' and '.join(ATTEST)}."},
                summary=[f"{where.why}: cannot be measured from here; the provider's declared figure is an "
                         "attestation"])
        rapl = RaplMeter() if cfg.use_rapl else None
        if rapl is not None and not rapl.readable:
            rapl = None
        nvml = NvmlMeter() if cfg.use_nvml else None
        gpu = nvml if nvml is not None and nvml.readable else None
        nvml_said = {"used": gpu is not None, "gpus": gpu.names if gpu else [],
                     "reason": "" if gpu else (nvml.reason if nvml else "use_nvml = false")}
        try:
            reading, tokens, answered, errors = _run_in_one_thread(
                lambda: _serve(target, cfg.requests, config.sampling, where.scope, rapl, cfg.watts_per_core, gpu))
        finally:
            if gpu is not None:
                gpu.close()
        if answered == 0 or tokens == 0:
            raise AccordError(f"energy: no tokens generated in {cfg.requests} requests"
                              + (f" ({errors[0]})" if errors else ""))
        wh = reading.joules / 3600
        per_1k, per_req = wh / tokens * 1000, wh / answered

        def metric(name: str, value: float) -> Metric:
            return Metric(name=name, target=target.name, check=self.id, slice={}, value=value, n=answered)

        metrics = [metric(WH_1K, per_1k), metric(WH_REQ, per_req)]
        co2: dict[str, Any] | None = None
        if figure is not None:
            metrics.append(metric(CO2_1K, per_1k / 1000 * figure.g_co2e_per_kwh))
            co2 = {"region": figure.region, "g_co2e_per_kwh": figure.g_co2e_per_kwh, "year": figure.year,
                   "how": figure.how, "source": figure.source, "g_co2e_per_1k_tokens": metrics[-1].value}
        details = {
            "kind": reading.kind, "method": reading.method, "where": where.why, "requests": cfg.requests,
            "answered": answered, "errors": errors, "tokens_generated": tokens, "joules": reading.joules,
            "cpu_seconds": reading.cpu_seconds, "wall_seconds": reading.wall_seconds,
            "wh_per_1k_tokens": per_1k, "wh_per_request": per_req, "max_tokens": config.sampling.max_tokens,
            "co2e": co2, "nvml": nvml_said,
            "co2e_note": None if co2 else (f"no grid figure for region {region!r}" if region else
                                           "no region: set [profile] grid_region (or a single `regions` entry)"),
        }
        summary = [f"{reading.kind}: {per_1k:.4g} Wh per 1,000 tokens, {per_req:.4g} Wh per request "
                   f"({tokens} tokens, {answered} requests; {reading.method})"]
        if co2:
            summary.append(f"{co2['g_co2e_per_1k_tokens']:.4g} gCO2e per 1,000 tokens at {co2['g_co2e_per_kwh']:g} "
                           f"gCO2e/kWh ({co2['region']}, {co2['year']})")
        return CheckOutput(metrics=metrics, details=details, summary=summary)


CHECK = EnergyCheck()
CHECKS = (CHECK,)
