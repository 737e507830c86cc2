"""``--at HH:MM[:SS]``: a start time later today, in local time (pure but for the clock read)."""

from __future__ import annotations

import re
from datetime import datetime, time

from .i18n import _
from .visible import visible

_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)(?:[:.]([0-5]\d))?")


class StartTimeError(ValueError):
    """A start time that cannot be used; the message says what to type instead."""


def parse_start_time(text: str, now: datetime) -> datetime:
    """Today's local ``text`` as an aware datetime; it must lie after ``now`` (aware, local)."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise StartTimeError(
            _("--at takes a time of day like 19:30 or 19:30:00, not {text}").format(
                text=visible(text, 20)
            )
        )
    hour, minute, second = (int(g or 0) for g in match.groups())
    start = datetime.combine(now.date(), time(hour, minute, second)).astimezone()
    if start <= now:
        raise StartTimeError(
            _("--at {text} has passed already (it is {now} now): give a later time today").format(
                text=start.strftime("%H:%M:%S"), now=now.strftime("%H:%M:%S")
            )
        )
    return start
