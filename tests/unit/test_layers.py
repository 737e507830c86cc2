"""The packages keep their layers, and no module imports itself round a cycle.

Layers, lowest first: the engine; text and words shared by all (i18n, visible, text, usage,
private, lean); the log, the sound, the settings and the link, which know the engine but not
each other; history, which reads the log; the TUI; the composition, which builds a session's
parts from the settings and hands them to the TUI (compose, sound_choice); then the CLI.
Imports under ``if TYPE_CHECKING:`` are for the type checker only and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import focustimer

PACKAGE = Path(focustimer.__file__).parent

SHARED = {"__init__", "i18n", "visible", "text", "usage", "private", "lean"}
COMPOSITION = {"compose", "sound_choice"}
ALLOWED: dict[str, set[str]] = {
    "engine": set(),
    **{name: {"engine"} for name in SHARED},
    "log": {"engine"},
    "sound": {"engine"},
    "settings": {"engine"},
    "link": {"engine"},
    "history": {"engine", "log"},
    "tui": {"engine", "log", "sound", "settings", "link", "history"},
    **{
        name: {"engine", "log", "sound", "settings", "link", "history", "tui", *COMPOSITION}
        for name in COMPOSITION
    },
    "cli": {"engine", "log", "sound", "settings", "link", "history", "tui", *COMPOSITION},
    "__main__": {"cli"},
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """The focustimer modules ``name`` imports, at any depth of its code."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                whole = f"{module}.{alias.name}"
                if whole in MODULES:
                    found.add(whole)
                elif module in MODULES:
                    found.add(module)
    return found - {name}


GRAPH = {name: _imports(name) for name in MODULES}


def _part(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_graph_sees_the_imports_it_judges():
    assert "focustimer.engine.machine" in GRAPH["focustimer.cli.main"] or any(
        "focustimer.engine" in dependency for dependency in GRAPH["focustimer.tui.app"]
    )
    assert "focustimer.engine.clock" in GRAPH["focustimer.engine.machine"]


def test_each_package_imports_only_the_layers_below_it():
    wrong = sorted(
        f"{name} imports {dependency}"
        for name, dependencies in GRAPH.items()
        for dependency in dependencies
        if (
            _part(dependency) != _part(name)
            and _part(dependency) not in ALLOWED.get(_part(name), set()) | SHARED
        )
        or (_part(name) == "engine" and _part(dependency) != "engine")
    )
    assert not wrong, "\n".join(wrong)


def test_every_top_level_part_has_a_layer():
    parts = {_part(name) for name in MODULES}
    assert parts <= set(ALLOWED), sorted(parts - set(ALLOWED))


def test_no_import_cycles():
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for dependency in sorted(GRAPH[name]):
            if state.get(dependency) == 1:
                cycles.append([*path[path.index(dependency) :], dependency])
            elif dependency not in state:
                visit(dependency)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)
