from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.browser import browser  # noqa: F401  (a fixture for every test module)
from tests.support.llama import llama_server  # noqa: F401  (the embedded model served on 127.0.0.1)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support.* importable by the `python` target in subprocesses too


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory as the working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return tmp_path
