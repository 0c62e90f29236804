"""The command line's one error exit (accord/cli/_errors.py): Accord's errors, file errors, unexpected errors."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from tests.helpers import ROOT, accord

PREFIX = "accord: error:"
HINT = "(set ACCORD_DEBUG=1 to see the traceback)"


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """The string constants of a module (f-string parts included), docstrings left out."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_the_error_prefix_is_written_in_one_place() -> None:
    found = [f"{path.relative_to(ROOT)}:{node.lineno}"
             for path in sorted((ROOT / "accord").rglob("*.py"))
             for node in _strings(ast.parse(path.read_text(encoding="utf-8")))
             if PREFIX in node.value]
    assert len(found) == 1 and found[0].startswith("accord/cli/_errors.py:"), found


def _broken_install(tmp_path: Path) -> Path:
    """A copy of the package whose accord/transfer/__init__.py is corrupt (as after an interrupted install)."""
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "accord", copy / "accord", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "accord" / "transfer" / "__init__.py").write_bytes(b"\x00\xff\xfe corrupt")
    (tmp_path / "flow.toml").write_text('name = "x"\n', encoding="utf-8")
    return copy


def test_an_unexpected_error_is_one_line_exit_3(tmp_path: Path) -> None:
    site = _broken_install(tmp_path)
    result = accord("transfer", "assess", "flow.toml", cwd=tmp_path, env={"PYTHONPATH": str(site), "ACCORD_DEBUG": ""})
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith(f"{PREFIX} unexpected SyntaxError: ") and result.stderr.count("\n") == 1
    assert result.stderr.rstrip("\n").endswith(HINT)
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_accord_debug_shows_the_traceback(tmp_path: Path) -> None:
    site = _broken_install(tmp_path)
    result = accord("transfer", "assess", "flow.toml", cwd=tmp_path, env={"PYTHONPATH": str(site), "ACCORD_DEBUG": "1"})
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "\nSyntaxError: " in result.stderr  # the traceback's own last line
    last = result.stderr.rstrip("\n").splitlines()[-1]
    assert last.startswith(f"{PREFIX} unexpected SyntaxError: ") and HINT not in last


def test_an_accord_error_exits_with_its_own_code(tmp_path: Path) -> None:
    config = accord("transfer", "assess", "nothere.toml", cwd=tmp_path)  # ConfigError: exit 2
    assert (config.returncode, config.stderr) == (2, f"{PREFIX} data-flow file not found: nothere.toml\n")
    store = accord("runs", "--store", "nothere.db", cwd=tmp_path)  # StoreError: exit 3
    assert store.returncode == 3 and store.stderr.startswith(f"{PREFIX} no results database at nothere.db")
    debug = accord("runs", "--store", "nothere.db", cwd=tmp_path, env={"ACCORD_DEBUG": "1"})
    assert debug.returncode == 3 and "Traceback" in debug.stderr and "StoreError" in debug.stderr


def test_a_file_that_cannot_be_written_or_decoded_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text('{"response": "Sorry, I cannot help with that."}\n', encoding="utf-8")
    out = tmp_path / "no" / "such" / "folder" / "out.jsonl"
    unwritable = accord("judge", "refusal", "in.jsonl", "-o", out, cwd=tmp_path)
    assert (unwritable.returncode, unwritable.stderr) == (2, f"{PREFIX} {out}: No such file or directory\n")
    (tmp_path / "latin1.jsonl").write_bytes('{"response": "café"}\n'.encode("latin-1"))
    undecodable = accord("judge", "refusal", "latin1.jsonl", cwd=tmp_path)
    assert undecodable.returncode == 2
    assert undecodable.stderr == f"{PREFIX} latin1.jsonl: not UTF-8 text (invalid continuation byte)\n"


def test_usage_errors_stay_typers_own(tmp_path: Path) -> None:
    result = accord("audit", "--limit", "0", cwd=tmp_path)
    assert result.returncode == 2 and "Usage:" in result.stderr and PREFIX not in result.stderr
