"""Showing user text literally, and lengths of time by one rule, for screens and CLI alike (pure).

User text (names, notes, paths, errors from the system) is data, never markup: it is put into
a ``rich.text.Text`` as it is, with control characters made visible, so ``[/]`` or
``[@click=app.quit]`` can neither crash nor restyle nor act. Screens and tables build every line
that holds such text with ``fill`` or ``literal``, never with markup strings.

Lengths of time follow one rule, so that no two places disagree:

- A length is first taken to the nearest millisecond: what the log keeps to the nanosecond
  is noise below that (10 s split in three and stored is 9.999999999 s, and shows 0:10
  wherever it is shown, never 0:09 in one place and 0:10 in another).
- Time left counts down and is rounded up, from the nanosecond: a turn shows its full length
  at its start and 0:00 only when it is over.
- Time already spent is truncated: a shown 6:23 means "at least 6:23, less than 6:24". A
  share or a difference that is not a whole number of seconds, or anything that would read as
  0:00, shows milliseconds, truncated too (0:08.571).
- Times shown side by side (each partner's) show milliseconds when whole seconds would not
  add up to their total, or would not differ by whole seconds where a difference between
  them is said: then the parts never contradict the total, nor the difference said.
- One screen, one format: when its longest time needs hours, all its times show them.
"""

from __future__ import annotations

import math
import string
from collections.abc import Sequence
from fractions import Fraction

from rich.text import Text

from .engine.clock import NS
from .visible import visible

MS = 1_000_000
HOURS_FROM_NS = 100 * 60 * NS  # M:SS up to 99:59, then H:MM:SS

Duration = int | Fraction


def literal(text: str, limit: int | None = None, style: str = "") -> Text:
    """``text`` exactly as typed, control characters escaped, never read as markup."""
    return Text(visible(text, limit), style=style)


def fill(template: str, **values: object) -> Text:
    """A translated ``template`` with each ``{field}`` replaced by its value, literally.

    A ``Text`` value keeps its own style; anything else is shown as text (with its format
    spec, as in ``str.format``), control characters escaped. No markup is read anywhere.
    """
    out = Text()
    for before, field, spec, conversion in string.Formatter().parse(template):
        out.append(before)
        if field is None:
            continue
        value = values[field]
        if isinstance(value, Text):
            out.append_text(value)
            continue
        if conversion == "r":
            value = repr(value)
        out.append(visible(format(value, spec or "")))
    return out


def plain(template: str, **values: object) -> str:
    """Like ``fill``, as a plain string: for one-line messages, the window title and files."""
    return fill(template, **values).plain


# -- lengths of time -----------------------------------------------------------------------------


def needs_hours(*lengths: Duration) -> bool:
    """Whether a screen showing these lengths writes them all as H:MM:SS."""
    return any(abs(Fraction(length)) >= HOURS_FROM_NS for length in lengths)


def _clock(seconds: int, hours: bool) -> str:
    minutes, secs = divmod(seconds, 60)
    if minutes < 100 and not hours:
        return f"{minutes}:{secs:02d}"
    hour, minutes = divmod(minutes, 60)
    return f"{hour}:{minutes:02d}:{secs:02d}"


def _millis(ms: int, hours: bool) -> str:
    whole, rest = divmod(ms, 1000)
    return f"{_clock(whole, hours)}.{rest:03d}"


def _signed(ns: Duration, show: str) -> str:
    return "-" + show if ns < 0 else show


def time_left(ns: Duration, *, hours: bool = False) -> str:
    """A countdown: rounded up, so 0:00 shows only when the time is over."""
    whole = -((-abs(Fraction(ns))) // NS)  # ceiling
    return _signed(ns, _clock(int(whole), hours))


def time_left_changes_in(ns: Duration) -> int:
    """How long (ns, at least 1) until ``time_left`` of a countdown now at ``ns`` shows the
    next lower second: shown as the ceiling, it changes on reaching the whole second below."""
    shown = -((-Fraction(ns)) // NS)
    return max(1, math.ceil(Fraction(ns) - (shown - 1) * NS))


def _ms(ns: Duration) -> int:
    """The nearest millisecond (a half rounds away from nought): every shown length's start."""
    amount = abs(Fraction(ns))
    whole = int((amount + Fraction(MS, 2)) // MS)
    return -whole if ns < 0 else whole


def spent_ms(ns: Duration) -> int:
    """``ns`` to the nearest millisecond, in nanoseconds: where every shown length starts."""
    return _ms(ns) * MS


def count_up(ns: Duration, *, hours: bool = False) -> str:
    """A counter going up while watched (a pause, an overrun): whole seconds, truncated."""
    return _signed(ns, _clock(abs(_ms(ns)) // 1000, hours))


def count_up_changes_in(ns: Duration) -> int:
    """How long (ns, at least 1) until ``count_up`` of a count now at ``ns`` (not negative)
    shows the next second: half a millisecond before the second, by the rounding above."""
    shown = _ms(ns) // 1000
    return max(1, math.ceil((shown + 1) * NS - Fraction(MS, 2) - Fraction(ns)))


def time_spent(ns: Duration, *, hours: bool = False) -> str:
    """Time already spent, truncated to the second; milliseconds if it would read 0:00."""
    ms = abs(_ms(ns))
    if 0 < ms < 1000:
        return _signed(ns, _millis(ms, hours))
    return _signed(ns, _clock(ms // 1000, hours))


def spent_ns(ns: Duration) -> int:
    """The length ``time_spent`` shows for ``ns``: whole seconds, or milliseconds below one."""
    ms = abs(_ms(ns))
    shown = ms * MS if ms < 1000 else ms // 1000 * NS
    return -shown if ns < 0 else shown


def time_exact(ns: Duration, *, hours: bool = False) -> str:
    """A share or a difference: whole seconds as 0:09, anything else with milliseconds."""
    ms = abs(_ms(ns))
    if ms % 1000 == 0:
        return _signed(ns, _clock(ms // 1000, hours))
    return _signed(ns, _millis(ms, hours))


def difference(more: Duration, less: Duration, *, hours: bool = False) -> str:
    """``more - less`` as shown between two times shown with ``times_spent``: the shown
    difference is the difference of the shown milliseconds, so the two always agree."""
    return time_exact((_ms(more) - _ms(less)) * MS, hours=hours)


def times_spent(
    lengths: Sequence[Duration],
    *,
    compared: bool = False,
    hours: bool = False,
    precise: bool = False,
) -> list[str]:
    """Times shown side by side (each partner's), as one set.

    Whole seconds when they add up to the total of all and, if a difference between them is
    said (``compared``), differ by whole seconds; otherwise (or ``precise``, when something
    else shown with them needs it) every one with milliseconds.
    """
    return parts_and_total(lengths, compared=compared, hours=hours, precise=precise)[0]


def adds_up(*lengths: Duration) -> bool:
    """Whether whole seconds of these lengths add up to the whole seconds of their sum."""
    total = _ms(sum((Fraction(n) for n in lengths), Fraction(0)))
    return sum(_ms(n) // 1000 for n in lengths) == total // 1000


def parts_and_total(
    lengths: Sequence[Duration],
    *,
    compared: bool = False,
    hours: bool = False,
    precise: bool = False,
) -> tuple[list[str], str]:
    """``times_spent`` and, in the same precision, their total: the shown parts add up to it
    (in milliseconds, to the rounding of each part: 10 s in three is 3.333 s three times)."""
    millis = [_ms(n) for n in lengths]
    total = _ms(sum((Fraction(n) for n in lengths), Fraction(0)))
    whole = (
        not precise
        and (not compared or len({ms % 1000 for ms in millis}) <= 1)
        and sum(ms // 1000 for ms in millis) == total // 1000
        and not any(0 < ms < 1000 for ms in millis)
    )
    if whole:
        return [time_spent(n, hours=hours) for n in lengths], time_spent(total * MS, hours=hours)
    parts = [_signed(n, _millis(abs(ms), hours)) for ms, n in zip(millis, lengths, strict=True)]
    return parts, _millis(total, hours)
