"""Subcommands: one module each, with ``run(argv) -> int``; imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

SUBCOMMANDS = {
    "log": "log",
    "stats": "stats",
    "sound-check": "sound_check",
    "config": "config",
}


def run(name: str, argv: Sequence[str]) -> int:
    if name != "config":
        _speak_configured_language(list(argv))
    module = importlib.import_module(f"{__name__}.{SUBCOMMANDS[name]}")
    code: int = module.run(list(argv))
    return code


def _speak_configured_language(argv: list[str]) -> None:
    """The config file's language, if it can be read: its other problems are config's to tell."""
    from .. import config, i18n
    from ..usage import UsageError

    try:
        lang = config.load().lang
    except UsageError:
        return
    i18n.set_language(i18n.choose_language(i18n.language_in_argv(argv) or lang))
