"""Energy meters for work done on this machine.

- `RaplMeter` reads Intel/AMD RAPL package counters through powercap (`/sys/class/powercap/intel-rapl:N/energy_uj`,
  top-level package zones only, so sub-zones are not counted twice), handling counter wrap-around with
  `max_energy_range_uj`. It measures the whole CPU package: other work running meanwhile is included.
- Without readable counters, energy is **estimated** from CPU time with a stated power model:
  E = CPU seconds x `watts_per_core`. The default (10 W per busy core) is a round figure, not a measurement of
  this machine: set it from your CPU's TDP divided by its cores. Memory, GPU and idle power are not counted.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

POWERCAP = Path("/sys/class/powercap")
DEFAULT_WATTS_PER_CORE = 10.0


@dataclass(frozen=True)
class RaplZone:
    name: str
    energy: Path
    max_range_uj: int


class RaplMeter:
    """Package energy in joules since `start()`, or None when no counter is readable."""

    def __init__(self, root: Path = POWERCAP) -> None:
        self.zones = self._zones(root)
        self._start: list[int] = []

    @staticmethod
    def _zones(root: Path) -> list[RaplZone]:
        zones: list[RaplZone] = []
        if not root.is_dir():
            return zones
        for d in sorted(root.glob("intel-rapl:*")):
            if d.name.count(":") != 1:  # intel-rapl:0:0 is a sub-zone of package 0
                continue
            try:
                name = (d / "name").read_text().strip()
                max_range = int((d / "max_energy_range_uj").read_text())
                int((d / "energy_uj").read_text())
            except (OSError, ValueError):
                continue  # unreadable (often root-only since 2020): not a counter we can use
            zones.append(RaplZone(name, d / "energy_uj", max_range))
        return zones

    @property
    def readable(self) -> bool:
        return bool(self.zones)

    def _read(self) -> list[int]:
        return [int(z.energy.read_text()) for z in self.zones]

    def start(self) -> None:
        self._start = self._read()

    def joules(self) -> float:
        total = 0
        for z, a, b in zip(self.zones, self._start, self._read(), strict=True):
            total += b - a if b >= a else b + z.max_range_uj - a
        return total / 1e6


def thread_cpu_seconds() -> float:
    """CPU time of the calling thread (Linux RUSAGE_THREAD), user and system."""
    r = resource.getrusage(getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF))
    return r.ru_utime + r.ru_stime


def machine_cpu_seconds(stat: Path = Path("/proc/stat")) -> float:
    """Busy CPU time of the whole machine (every process), from /proc/stat's first line."""
    fields = stat.read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Reading:
    joules: float
    kind: str  # "measured" or "estimated"
    method: str
    cpu_seconds: float
    wall_seconds: float


def estimate(cpu_seconds: float, wall_seconds: float, watts_per_core: float, scope: str) -> Reading:
    return Reading(joules=cpu_seconds * watts_per_core, kind="estimated", cpu_seconds=cpu_seconds,
                   wall_seconds=wall_seconds,
                   method=f"CPU time x {watts_per_core:g} W per busy core ({scope}); stated power model, not a "
                          "measurement: memory, GPU and idle power not counted")


def now() -> float:
    return time.perf_counter()
