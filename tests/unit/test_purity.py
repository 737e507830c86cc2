"""The engine is pure: importing it loads no UI, sound or storage library, and no other part of
focustimer."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import focustimer
import focustimer.engine

FORBIDDEN = ("textual", "rich", "pydub", "sqlite3", "_sqlite3")


def engine_modules() -> list[str]:
    """Every module of the engine package, found by walking it: a new one is covered at once."""
    package = focustimer.engine
    found = pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    return [package.__name__, *sorted(module.name for module in found)]


def test_the_walk_finds_the_engine_modules():
    assert {"focustimer.engine.machine", "focustimer.engine.clock"} <= set(engine_modules())


def _loaded_after_import(module: str) -> set[str]:
    """Every module loaded by importing ``module`` in a fresh interpreter."""
    code = f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("module", engine_modules())
def test_the_engine_imports_nothing_else_of_focustimer(module):
    loaded = _loaded_after_import(module)
    assert module in loaded  # the check itself sees what it imports
    ours = {m for m in loaded if m == "focustimer" or m.startswith("focustimer.")}
    outside = ours - {"focustimer"} - {m for m in ours if m.startswith("focustimer.engine")}
    assert not outside, f"{module} pulled in {sorted(outside)}"
    tops = {m.split(".")[0] for m in loaded}
    assert not tops & set(FORBIDDEN), f"{module} pulled in {sorted(tops & set(FORBIDDEN))}"


@pytest.mark.parametrize(
    "module",
    [
        "focustimer.settings.duration",
        "focustimer.settings.start_time",
        "focustimer.log.record_builder",
        "focustimer.log.records",
        "focustimer.history.rhythm",
        "focustimer.history.glance",
        "focustimer.history.export",
    ],
)
def test_core_module_imports_no_ui_sound_or_storage(module):
    loaded = {m.split(".")[0] for m in _loaded_after_import(module)}
    assert module.split(".")[0] in loaded  # the check itself sees what it imports
    assert not loaded & set(FORBIDDEN), f"{module} pulled in {sorted(loaded & set(FORBIDDEN))}"


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_log_package_touches_sqlite():
    """One door to the log: every open, check, recovery and query of the file is in log/."""
    package = Path(focustimer.__file__).parent
    modules = sorted(package.rglob("*.py"))
    assert package / "log" / "store.py" in modules  # the check sees the files it guards
    inside = [m for m in modules if (package / "log") in m.parents]
    assert any("sqlite3" in _imports(ast.parse(m.read_text())) for m in inside)
    outside = {
        str(m.relative_to(package))
        for m in modules
        if (package / "log") not in m.parents
        and _imports(ast.parse(m.read_text())) & {"sqlite3", "_sqlite3"}
    }
    assert not outside, f"import sqlite3 outside focustimer/log/: {sorted(outside)}"
