"""Link codes and relay addresses as people type them, checked before anything is opened (pure).

A code is read out over the phone and typed by the partner: ``7-guitarist-revenge``. Spaces,
underscores, dots or typographic dashes where the dashes belong, capitals and stray spaces
around it are all forgiven; what is left must be a number and at least one word.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..i18n import _
from ..visible import visible
from .errors import LinkInputError
from .reasons import not_a_code

# What stands between the parts when people type or paste a code.
_SEPARATORS = re.compile(r"[\s\-_.,/\u2010-\u2015\u2212]+")
_CODE = re.compile(r"[0-9]+(?:-[a-z]+)+")


def normalize_code(text: str) -> str:
    """The code as the mailbox server knows it (``7-guitarist-revenge``), or LinkInputError."""
    code = _SEPARATORS.sub("-", text.strip().lower()).strip("-")
    if not _CODE.fullmatch(code):
        raise LinkInputError(not_a_code(text))
    return code


def check_relay(url: str) -> str:
    """``url`` if it can be a mailbox server's (``ws://host:port/v1``), else LinkInputError."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 (reading it raises ValueError when the port is no number)
        # urlsplit drops tabs and newlines silently: refuse them, and any control character.
        usable = parts.scheme in ("ws", "wss") and bool(parts.hostname) and url.isprintable()
    except ValueError:
        usable = False
    if not usable:
        raise LinkInputError(
            _(
                "{url!r} is not a relay address: give one like ws://relay.example.org:4000/v1"
            ).format(url=visible(url, 60))
        )
    return url.strip()
