"""cli/main.py is the entry point only: no subcommand reaches into it."""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[2] / "src" / "focustimer" / "cli"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


def test_no_module_of_the_cli_imports_its_main():
    offenders = [
        path.name
        for path in sorted(CLI.glob("*.py"))
        if path.name != "main.py" and {".main", "focustimer.cli.main"} & _imports(path)
    ]
    assert not offenders
