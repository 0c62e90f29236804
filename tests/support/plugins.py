"""Installing a plugin for a test the way pip would: a `*.dist-info` folder with an `entry_points.txt` on the
import path, so `importlib.metadata.entry_points()` finds it exactly as it finds an installed package's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accord.catalog import load_catalog
from accord.checks import registered_checks
from accord.plugins import installed
from accord.scorers.judges import registered_judge_kinds
from accord.targets import registered_target_types


def clear_registries() -> None:
    for cached in (registered_checks, registered_target_types, installed, load_catalog, registered_judge_kinds):
        cached.cache_clear()


def install_plugin(site: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                   entry_points: dict[str, dict[str, str]], modules: dict[str, str] | None = None) -> None:
    """Install distribution `name` into `site` (its `modules`: relative path -> source) with `entry_points`
    (group -> {entry name: "module:attr"}), put `site` on this process's and its subprocesses' import path."""
    for rel, source in (modules or {}).items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    info = site / f"{name.replace('-', '_')}-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    lines = [f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()) for group, eps in entry_points.items()]
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    clear_registries()
