"""The words focustimer shows, in the partners' language (gettext).

Every user-facing string goes through ``_()``; ``set_language`` picks the catalog once, at
start-up. Without a compiled catalog the English source text is shown.
"""

from __future__ import annotations

import gettext
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


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
