"""Imports run one way (shared/design.md): from the use case down to the data, never back up, and no module
imports itself back through another. Every import counts, also one inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "accord"

# A module may import modules of its own package and of lower layers, never of its own layer's other packages
# or of a higher layer.
LAYERS: list[set[str]] = [
    {"accord", "accord.errors"},
    {"accord.tomlfile", "accord.stats", "accord.results"},
    {"accord.taxonomy", "accord.config", "accord.registry"},
    {"accord.catalog", "accord.probes", "accord.scan", "accord.fairness", "accord.targets", "accord.labels",
     "accord.environment"},
    {"accord.scorers", "accord.transfer", "accord.attest"},
    {"accord.checks"},
    {"accord.plugins", "accord.demo"},
    {"accord.run", "accord.report"},
    {"accord.audit", "accord.progress"},
    {"accord.evidence"},  # re-derives verdicts through accord.audit's evaluation
    {"accord.imports"},  # records other tools' transcripts as runs, judged by the checks
    {"accord.cli"},
    {"accord.__main__"},
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULE_PATHS = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "accord":
            submodules = {f"{node.module}.{a.name}" for a in node.names} & set(MODULE_PATHS)
            out.update(submodules)  # `from accord.x import submodule` imports the submodule
            if len(submodules) < len(node.names):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "accord")
    return out


MODULES = MODULE_PATHS
GRAPH = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}


def _layer(module: str) -> tuple[int, str]:
    """(layer index, the layer member that holds `module`)."""
    best: tuple[int, str] | None = None
    for i, members in enumerate(LAYERS):
        for top in members:
            if (module == top or module.startswith(top + ".")) and (best is None or len(top) > len(best[1])):
                best = (i, top)
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best


def test_every_module_sits_in_a_layer() -> None:
    for module in MODULES:
        _layer(module)


def test_imports_point_down() -> None:
    upward = []
    for module, imported in GRAPH.items():
        (mine, home) = _layer(module)
        for other in imported:
            (theirs, their_home) = _layer(other)
            if their_home != home and theirs >= mine and their_home != "accord":
                upward.append(f"{module} imports {other}")
    assert not upward, "imports that run back up or sideways:\n" + "\n".join(sorted(upward))


def test_no_import_circle() -> None:
    circles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(GRAPH[module]):
            if state.get(other) == 1:
                circles.append(" -> ".join(path[path.index(other):] + [other]))
            elif other not in state:
                visit(other, [*path, other])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    # a package's __init__ that re-exports its own submodules is not a circle
    real = [c for c in circles if not all(m == c.split(" -> ")[0].rsplit(".", 1)[0] or "." not in m
                                          for m in c.split(" -> ")[1:2])]
    assert not real, "import circles:\n" + "\n".join(real)
