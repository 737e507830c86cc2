"""Subcommands: one module each, with ``run(argv) -> int``; imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

SUBCOMMANDS = {
    "resume": "resume",
    "join": "join",
    "log": "log",
    "stats": "stats",
    "sound-check": "sound_check",
    "config": "config",
    "completion": "completion",
}


def run(name: str, argv: Sequence[str], lang: str | None = None) -> int:
    """``lang``: --lang from the command line, wherever it stood (it is not in ``argv``)."""
    if name != "config":
        _speak_configured_language(lang)
    module = importlib.import_module(f"{__package__}.{SUBCOMMANDS[name]}")
    # config speaks the language its file sets, unless --lang says otherwise.
    code: int = module.run(list(argv), lang) if name == "config" else module.run(list(argv))
    return code


def _speak_configured_language(wanted: str | None) -> None:
    """--lang, else the config file's language if it can be read: its other problems are
    config's to tell."""
    from .. import i18n
    from ..settings import config_file as config
    from ..usage import UsageError

    configured = None
    if wanted is None:
        try:
            configured = config.load().lang
        except UsageError:
            return
    i18n.set_language(i18n.choose_language(wanted, configured=configured))
