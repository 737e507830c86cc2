"""The colour themes: Textual's built-in ones, by name (``--theme``, ``theme = ...``).

Which themes exist depends on the Textual installed, so the names are asked of it, and only
when a theme is named or listed: importing Textual takes a moment the CLI need not spend.
"""

from __future__ import annotations

from ..i18n import _
from ..visible import visible
from .options import DEFAULT_THEME

__all__ = ["DEFAULT_THEME", "check_theme", "theme_names"]


def theme_names() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return list(BUILTIN_THEMES)


def check_theme(name: str) -> str:
    """``name`` if Textual has such a theme; ValueError saying which it has, if not."""
    names = theme_names()
    if name in names:
        return name
    raise ValueError(
        _("{name} is not a theme: choose one of {names}").format(
            name=visible(name, 30), names=", ".join(names)
        )
    )
