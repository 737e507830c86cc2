"""The words focustimer shows, in the partners' language (gettext).

Every user-facing string goes through ``_()``; ``set_language`` picks the catalog once, at
start-up. Without a compiled catalog the English source text is shown. Strings defined before
the language is known (key labels in class bodies) are marked with ``N_()`` and translated
where they are shown. argparse's own words (usage, options, its errors) use the same catalog.
"""

from __future__ import annotations

import argparse
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
    # argparse looks its words up through its module's own gettext functions.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def N_(message: str) -> str:
    """Mark ``message`` for translation; ``_()`` translates it where it is shown."""
    return message


def _code(name: str) -> str:
    """The language of a locale or LANGUAGE entry: nl_BE.UTF-8@euro -> nl."""
    return name.split("_")[0].split(".")[0].split("@")[0].strip().lower()


def choose_language(
    typed: str | None = None,
    environ: Mapping[str, str] = os.environ,
    *,
    configured: str | None = None,
) -> str:
    """The one decision of the language: --lang (``typed``), else config.toml's ``lang``
    (``configured``), else as GNU gettext chooses: the first language of LANGUAGE (nl:en)
    that we speak, unless the locale is C; else the locale's language, from the first of
    LC_ALL, LC_MESSAGES, LANG set."""
    for choice in (typed, configured):
        if choice in LANGUAGES:
            return choice
    locale = next((environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(v)), "")
    if _code(locale) in ("", "c", "posix"):
        return "en"  # gettext ignores LANGUAGE in the C locale
    wanted = [_code(entry) for entry in environ.get("LANGUAGE", "").split(":") if entry.strip()]
    if wanted:
        # A list naming no language we speak gets the untranslated text, as in gettext.
        return next((code for code in wanted if code in LANGUAGES), "en")
    return "nl" if _code(locale) == "nl" else "en"


def split_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` taken out of a command line not parsed yet, and the rest of it.

    It may stand anywhere, before or after a subcommand (``focustimer --lang nl log``,
    ``focustimer log --lang nl``), and --help must already speak it. The last one wins, as
    argparse has it; one with no valid language is left in the rest, to be refused.
    """
    found: str | None = None
    rest: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--":
            return found, rest + argv[i:]
        elif arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            found, skip = argv[i + 1], True
        elif arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            found = arg[7:]
        else:
            rest.append(arg)
    return found, rest


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


# argparse's words that people see, for the catalog (their msgids are argparse's own).
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(heading)s:"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
)
