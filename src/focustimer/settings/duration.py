"""Parse the durations people type (pure). Showing them is ``text``'s job.

Durations are integer nanoseconds or exact fractions of them: turn lengths are never rounded.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..engine.clock import NS
from ..i18n import _
from ..visible import visible

MAX_TOTAL_NS = 24 * 3600 * NS
MIN_TOTAL_NS = 1 * NS

_UNITS = {
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "u": 3600,
    "uur": 3600,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "minuut": 60,
    "minuten": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "seconde": 1,
    "seconden": 1,
}
_NUMBER = r"\d+(?:[.,]\d+)?|[.,]\d+"
_PART = re.compile(rf"\s*({_NUMBER})\s*([a-z]+)\s*")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d(?:[.,]\d+)?))?")


class DurationError(ValueError):
    """A duration that cannot be used; the message says what to type instead."""


class UnderASecond(DurationError):
    """A positive duration shorter than a second (0.01 minutes is 0.6 s)."""


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _seconds(text: str) -> Decimal | None:
    text = text.strip().lower()
    if re.fullmatch(_NUMBER, text):
        return _decimal(text) * 60
    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        # Decimal, not int(): int() refuses text of more than 4300 digits with a ValueError.
        return _decimal(hours) * 3600 + _decimal(minutes) * 60 + _decimal(seconds or "0")
    position, total, seen = 0, Decimal(0), set[int]()
    while position < len(text):
        part = _PART.match(text, position)
        if not part and seen == {3600} and re.fullmatch(r"\s*\d+\s*", text[position:]):
            return total + _decimal(text[position:].strip()) * 60  # "1h30" means 1h30m
        if not part or part.group(2) not in _UNITS:
            return None
        unit = _UNITS[part.group(2)]
        if unit in seen or (seen and unit > min(seen)):
            return None  # "30m1h" or "1h1h": most likely a typo
        seen.add(unit)
        total += _decimal(part.group(1)) * unit
        position = part.end()
    return total if seen else None


def parse_duration(text: str) -> int:
    """The total session time in nanoseconds, from what a person typed."""
    try:
        seconds = _seconds(text)
    except InvalidOperation:  # pragma: no cover - the patterns admit only numbers
        seconds = None
    if seconds is None and text.strip().startswith("-"):
        raise DurationError(_("the session needs some time: type a duration like 30 (minutes)"))
    if seconds is None:
        raise DurationError(
            _(
                "'{text}' is not a duration: type minutes like 30 or 12.5, or 45m, 90s, 1h30m, 1:30"
            ).format(text=visible(text, 40))
        )
    ns = int((seconds * NS).to_integral_value())
    if ns <= 0:
        raise DurationError(_("the session needs some time: type a duration like 30 (minutes)"))
    if ns < MIN_TOTAL_NS:
        raise UnderASecond(
            _("'{text}' is under a second: type at least 1s").format(text=visible(text, 40))
        )
    if ns > MAX_TOTAL_NS:
        raise DurationError(
            _("'{text}' is more than 24 hours: type a total of at most 24h").format(
                text=visible(text, 40)
            )
        )
    return ns
