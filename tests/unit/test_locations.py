"""Where files live is decided in one module, settings/locations.py; the log is handed its path."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from focustimer.cli.main import main
from focustimer.settings import locations

SOURCE = Path(__file__).resolve().parents[2] / "src" / "focustimer"


def _imported(path: Path) -> set[str]:
    """Every module ``path`` imports, relative ones resolved to dotted names."""
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    package = parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join((*base, node.module or ""))
            found.add(module.rstrip("."))
            found |= {f"{module.rstrip('.')}.{alias.name}" for alias in node.names}
    return found


def test_the_log_imports_nothing_from_settings():
    offenders = {
        str(path.relative_to(SOURCE)): sorted(m for m in _imported(path) if ".settings" in m)
        for path in sorted((SOURCE / "log").glob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_locations_asks_platformdirs():
    askers = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if any(m == "platformdirs" or m.startswith("platformdirs.") for m in _imported(path))
    )
    assert askers == ["settings/locations.py"]


def test_the_folders_follow_the_environment(isolated, monkeypatch):
    assert locations.log_path() == isolated / "data" / "sessions.db"
    assert locations.config_path() == isolated / "config" / "config.toml"
    monkeypatch.setenv("FOCUSTIMER_DATA_DIR", "~/elsewhere")
    assert locations.log_path() == isolated / "elsewhere" / "sessions.db"


@pytest.mark.parametrize("command", [["30"], ["resume"], ["log"], ["stats"]])
def test_a_data_folder_in_no_home_is_one_line_before_anything_starts(command, monkeypatch, capsys):
    from focustimer.cli import launch

    monkeypatch.setattr(launch, "_needs_terminal", lambda: None)  # as in a terminal
    monkeypatch.setenv("FOCUSTIMER_DATA_DIR", "~nosuchuser/log")
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err == (
        "focustimer: FOCUSTIMER_DATA_DIR=~nosuchuser/log: there is no home folder for"
        " nosuchuser here: give the full path\n"
    )
