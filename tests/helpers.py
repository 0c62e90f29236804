"""Helpers shared by tests: writing configs and running the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI_BANK = ROOT / "tests" / "data" / "mini_bank.jsonl"


# The checks that send many probes or read the big banks, off unless a test asks for them.
OTHER_CHECKS = ("tc260_refusal", "tc260_content", "jailbreak", "bank_coverage", "privacy", "memorization",
                "memorization_exact", "ip_reproduction")


def write_config(path: Path, targets: str, *, bank: Path = MINI_BANK, extra: str = "",
                 checks: str | None = None, privacy: bool = False) -> Path:
    """A config with the refusal check on `bank`; `checks` (TOML tables) replaces the default of turning the
    other built-in checks off; `privacy` leaves the privacy check on."""
    off = [c for c in OTHER_CHECKS if not (privacy and c == "privacy")]
    others = "".join(f"[checks.{c}]\nenabled = false\n" for c in off) if checks is None else checks
    path.write_text(
        f'name = "test audit"\n{extra}\n[checks.refusal]\nbanks = ["{bank}"]\n{others}\n{targets}\n',
        encoding="utf-8",
    )
    return path


def python_target(name: str, fn: str, **options: object) -> str:
    lines = [f'[[targets]]\nname = "{name}"\ntype = "python"\ncallable = "tests.support.scripted:{fn}"']
    lines += [f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"' for k, v in options.items()]
    return "\n".join(lines) + "\n"


def accord(*args: str | Path, cwd: Path, env: dict[str, str] | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "accord", *map(str, args)], cwd=cwd, env=full_env, capture_output=True,
        text=True, timeout=timeout,
    )
