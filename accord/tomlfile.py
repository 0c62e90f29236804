"""Reading TOML files: one place that turns a missing or malformed file into a plain ConfigError."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from accord.errors import ConfigError


def load_toml(path: Path, *, what: str = "file") -> dict[str, Any]:
    """The parsed TOML of `path`; a missing, unreadable or malformed file is a ConfigError naming `what`."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{what} not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
