"""The house has one direction: apps import only the layers below them.

The layers are import-linter's contract in pyproject.toml. A cycle dodged by
an import hidden inside a function would escape it, so the second test reads
the code: no function imports any of Havre's modules, except where Django
asks for it (an app's `ready`, once every app is loaded) and the command
line's entry point (which must set the mode before Django reads settings).
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from importlinter import cli

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "havre"
ALLOWED = {
    ("console/apps.py", "ready"),
    ("chat/apps.py", "ready"),
    ("gateways/apps.py", "ready"),
    ("cli.py", "main"),
}


def test_apps_depend_downward_only(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert cli.lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True) == 0


def test_every_module_of_the_package_has_its_layer():
    """A module left out of the contract would go unchecked, whatever it imports."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    layered = {name for layer in contract["layers"] for name in re.split(r"\s*\|\s*", layer)}
    modules = {
        f"havre.{path.stem if path.is_file() else path.name}"
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem not in {"__init__", "__main__"})
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert modules - layered == set()


def havre_imports_inside_functions() -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("havre"):
                    found.add((where, function.name, str(node.module)))
                elif isinstance(node, ast.Import):
                    found.update(
                        (where, function.name, alias.name)
                        for alias in node.names
                        if alias.name.startswith("havre")
                    )
    return found


def test_no_import_hides_inside_a_function():
    hidden = {entry for entry in havre_imports_inside_functions() if entry[:2] not in ALLOWED}
    assert hidden == set()
