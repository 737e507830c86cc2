"""The engine is pure: importing it loads no UI, sound or storage library."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import focustimer

FORBIDDEN = ("textual", "rich", "pydub", "sqlite3", "_sqlite3")


@pytest.mark.parametrize(
    "module",
    [
        "focustimer.engine.machine",
        "focustimer.settings.duration",
        "focustimer.engine.plan",
        "focustimer.engine.progress",
        "focustimer.settings.start_time",
        "focustimer.engine.clock",
        "focustimer.log.journal",
        "focustimer.log.records",
        "focustimer.history.rhythm",
        "focustimer.history.glance",
        "focustimer.history.export",
    ],
)
def test_core_module_imports_no_ui_sound_or_storage(module):
    code = (
        f"import json, sys; import {module}; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
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
