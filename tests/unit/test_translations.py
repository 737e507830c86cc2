"""Every word the program shows exists in Dutch, and the shipped catalog matches its source."""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
i18n_tool = pytest.importorskip("i18n", reason="tools/i18n.py needs Babel (the test extra)")

from babel.messages.mofile import read_mo  # noqa: E402

PLACEHOLDER = re.compile(r"\{([a-z_]*)(?:[:!][^}]*)?\}|%\(([a-z_]+)\)[sr]|%[sr]")


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def test_every_string_in_the_code_has_a_dutch_translation():
    dutch = i18n_tool.read("nl")
    missing = []
    for message in i18n_tool.extract():
        if not message.id:
            continue
        translated = dutch.get(message.id)
        if translated is None or translated.fuzzy or not all(_strings(translated)):
            missing.append(_ids(message)[0])
    assert not missing, "untranslated (run python tools/i18n.py update, translate, compile):\n" + (
        "\n".join(missing)
    )


MARKERS = {"_", "N_", "ngettext"}


def test_no_string_is_marked_inside_an_f_string():
    # Babel reads _() inside an f-string on Python 3.12 and later only: such a string would be
    # translated on some Pythons and shown in English on others.
    source = ROOT / "src" / "focustimer"
    found = []
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for f_string in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            for node in ast.walk(f_string):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in MARKERS
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "take _() out of the f-string: " + ", ".join(found)


def test_translations_keep_every_placeholder():
    for message in i18n_tool.read("nl"):
        if not message.id:
            continue
        wanted = sorted(PLACEHOLDER.findall(_ids(message)[0]))
        for text in _strings(message):
            assert sorted(PLACEHOLDER.findall(text)) == wanted, (message.id, text)


def test_the_compiled_catalog_is_up_to_date():
    def key(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    source = {key(m.id): key(m.string) for m in i18n_tool.read("nl") if m.id}
    mo = i18n_tool.po_path("nl").with_suffix(".mo")
    with mo.open("rb") as file:
        compiled = {key(m.id): key(m.string) for m in read_mo(io.BufferedReader(file)) if m.id}
    assert compiled == source, "run python tools/i18n.py compile"


def test_no_word_is_translated_inside_an_f_string():
    """Babel finds _() in f-strings on Python 3.12+ only: the catalogue must not depend on it."""
    import ast

    found = []
    for path in (ROOT / "src" / "focustimer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in (
                    "_",
                    "N_",
                    "ngettext",
                ):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not found, found
