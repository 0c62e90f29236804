"""Finding the installed checks and target types: built-ins in their package, others by entry point.

Built-ins are the modules of a package (`accord.checks`, `accord.targets`) that define `<ATTR>` (one object or a
tuple); another installed package adds its own through the entry-point group of the same name, whose value is
such an object or tuple. Entry points that point back into `accord` itself are skipped: built-ins are found in
their package, so a stale install record cannot register one twice.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any


def discover(package: ModuleType, attr: str, group: str) -> Iterator[tuple[str, Any]]:
    """(where it was declared, object) for every object declared under `attr` in `package`'s modules, then in the
    entry points of `group`."""
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        declared = getattr(module, attr, None)
        if declared is not None:
            yield from ((f"{module.__name__}.{attr}", obj) for obj in _many(declared))
    yield from plugged(group)


def plugged(group: str) -> Iterator[tuple[str, Any]]:
    """(where it was declared, object) for every object another installed package declares in entry-point group
    `group` (one object or a tuple)."""
    for ep in entry_points(group=group):
        if ep.value.split(":")[0].split(".")[0] == "accord":
            continue
        yield from ((f"entry point {group}:{ep.name}", obj) for obj in _many(ep.load()))


def _many(declared: Any) -> tuple[Any, ...]:
    return tuple(declared) if isinstance(declared, tuple | list) else (declared,)
