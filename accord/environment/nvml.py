"""GPU energy from NVIDIA NVML (the `nvidia-ml-py` bindings), where an NVIDIA GPU and its driver are present.

`NvmlMeter` sums each visible GPU's total-energy counter (`nvmlDeviceGetTotalEnergyConsumption`, millijoules since
the driver loaded; Volta and later GPUs) between `start()` and `joules()`. It measures whole boards: other work on
the GPUs meanwhile is included. Where NVML cannot be used (the bindings missing, no driver, no GPU, a GPU without
the counter) `readable` is false and `reason` says why, so the energy check falls back to RAPL or the estimate and
shows that reason. This path was written against NVML's documented API and has not been run on a GPU here.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


def _bindings() -> ModuleType | None:
    try:
        import pynvml  # nvidia-ml-py
    except ImportError:
        return None
    return pynvml


class NvmlMeter:
    """GPU energy in joules since `start()` over every visible NVIDIA GPU; `reason` when it cannot measure."""

    def __init__(self, nvml: ModuleType | None = None) -> None:
        self.reason = ""
        self.names: list[str] = []
        self._handles: list[Any] = []
        self._start: list[int] = []
        self._nvml = nvml or _bindings()
        if self._nvml is None:
            self.reason = "the NVML bindings (nvidia-ml-py) are not installed"
            return
        self._open(self._nvml)

    def _open(self, nvml: ModuleType) -> None:
        try:
            nvml.nvmlInit()
        except nvml.NVMLError as exc:
            self.reason = f"NVML could not start ({exc}): no NVIDIA driver or GPU on this machine"
            return
        count = 0
        try:
            count = nvml.nvmlDeviceGetCount()
            for i in range(count):
                handle = nvml.nvmlDeviceGetHandleByIndex(i)
                name = nvml.nvmlDeviceGetName(handle)
                try:
                    nvml.nvmlDeviceGetTotalEnergyConsumption(handle)
                except nvml.NVMLError as exc:
                    self.reason = f"GPU {i} ({name}) reports no energy counter ({exc}; Volta or later needed)"
                    break
                self._handles.append(handle)
                self.names.append(name.decode() if isinstance(name, bytes) else str(name))
        except nvml.NVMLError as exc:
            self.reason = f"NVML could not list the GPUs ({exc})"
        if count == 0 and not self.reason:
            self.reason = "NVML sees no GPU"
        if self.reason:
            self._handles, self.names = [], []
            self.close()

    @property
    def readable(self) -> bool:
        return bool(self._handles)

    def _read(self) -> list[int]:
        assert self._nvml is not None
        return [int(self._nvml.nvmlDeviceGetTotalEnergyConsumption(h)) for h in self._handles]

    def start(self) -> None:
        self._start = self._read()

    def joules(self) -> float:
        return sum(b - a for a, b in zip(self._start, self._read(), strict=True)) / 1000

    def close(self) -> None:
        if self._nvml is not None:
            try:
                self._nvml.nvmlShutdown()
            except self._nvml.NVMLError:
                pass
