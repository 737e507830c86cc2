"""Paths people type with ``~``: expanded, or a clear reason why not."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from ..visible import visible


class NoHome(ValueError):
    """``~user`` names no user here (or ``~`` has no home): the message says so in a few words."""


def expand(path: str) -> Path:
    try:
        return Path(path).expanduser()
    except RuntimeError:  # pathlib's way of saying that user has no home here
        user = path[1:].split("/", 1)[0].split("\\", 1)[0]
        raise NoHome(
            _("there is no home folder for {user} here: give the full path").format(
                user=visible(user or "~", 30)
            )
        ) from None
