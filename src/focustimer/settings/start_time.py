"""``--at HH:MM[:SS]``: the agreed start, the nearest such time of day (pure).

Partners agree a time of day. Within the next 12 hours it is still to come (at 23:59,
``--at 00:00:30`` is in 30 seconds); otherwise it has passed, at most 12 hours ago, and a
partner who starts late joins the schedule where it has got to.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from ..i18n import _
from ..visible import visible

_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)(?:[:.]([0-5]\d))?")
HALF_A_DAY = timedelta(hours=12)


class StartTimeError(ValueError):
    """A start time that cannot be used; the message says what to type instead."""


def parse_start_time(text: str, now: datetime) -> datetime:
    """The moment ``text`` means, as an aware local datetime, within 12 hours of ``now``."""
    return nearest(parse_time_of_day(text), now)


def parse_time_of_day(text: str) -> time:
    """19:30, 19.30 or 19:30:05; StartTimeError saying what to type instead."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise StartTimeError(
            _("takes a time of day like 19:30 or 19:30:00, not {text}").format(
                text=visible(text, 20)
            )
        )
    hour, minute, second = (int(g or 0) for g in match.groups())
    return time(hour, minute, second)


def nearest(at: time, now: datetime) -> datetime:
    """That time of day as an aware local datetime, within 12 hours of ``now``.

    Later than ``now`` by at most 12 hours, or else earlier by less than 12 hours.
    """
    # Yesterday, today or tomorrow: whichever lies within half a day of now. Through a change
    # of daylight saving time that may be none (the nearest then) or two (the future one).
    candidates = [
        datetime.combine(now.date() + timedelta(days=d), at).astimezone() for d in (1, 0, -1)
    ]
    for start in candidates:
        if now < start <= now + HALF_A_DAY or now - HALF_A_DAY < start <= now:
            return start
    return min(candidates, key=lambda start: abs(start - now))  # pragma: no cover - DST only
