"""The words focustimer shows, in the partners' language (gettext).

Every user-facing string goes through ``_()``; ``set_language`` picks the catalog once, at
start-up. Without a compiled catalog the English source text is shown.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "focustimer"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "nl")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(lang: str) -> None:
    global _translation, _language
    _language = lang if lang in LANGUAGES else "en"
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[_language], fallback=True
    )


def choose_language(option: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """--lang or the config file's lang, else the first of LC_ALL, LC_MESSAGES, LANG set."""
    if option in LANGUAGES:
        return option
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def language_in_argv(argv: list[str]) -> str | None:
    """``--lang X`` from a command line not parsed yet: --help must already speak it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return None


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
