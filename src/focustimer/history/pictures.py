"""The rhythm strip and the balance bars as Rich renderables, for ``stats`` and the stats screen.

Each lays itself out in the width it is given, so the same picture fits a wide terminal and a
40-column window. Shades and bars are characters, so they read without colour too (NO_COLOR, a
pipe); colour only adds to them. Names are appended as text, never read as markup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..i18n import _, ngettext
from ..text import difference, parts_and_total, spent_ns, time_exact, time_spent
from ..visible import visible
from .glance import RECENT_WEEKS, STRIP_WEEKS, Balance, strip, strip_start

if TYPE_CHECKING:
    from .overview import Overview

SHADES = "·░▒▓█"  # level 0 (no time shared) to 4
SHADE_STYLES = ("dim", "green", "green", "green", "bold green")
CELL = 2  # characters a day takes across: the shade and a gap, about square in a terminal
LABEL = 2  # the weekday initial and a gap
MIN_SIDE = 16  # columns the words beside the strip need
MAX_BAR = 60  # a long bar says no more than this, and a wall of blocks is not calm
EIGHTHS = " ▏▎▍▌▋▊▉"
RECEIVED_STYLE = "cyan"
GIVEN_STYLE = "magenta"
EPOCH = date(1970, 1, 1)


def weekday_initials() -> list[str]:
    # TRANSLATORS: one letter per weekday, Monday first, separated by spaces.
    return _("M T W T F S S").split()


def month_names() -> tuple[str, ...]:
    return (
        _("Jan"),
        _("Feb"),
        _("Mar"),
        _("Apr"),
        _("May"),
        _("Jun"),
        _("Jul"),
        _("Aug"),
        _("Sep"),
        _("Oct"),
        _("Nov"),
        _("Dec"),
    )


def weekday_name(weekday: int) -> str:
    return (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )[weekday]


def rhythm_words(streak_weeks: int, usual_weekday: int | None, usual_hour: int | None) -> list[str]:
    """The usual slot and the streak: "Usually Tuesday around 19:00", "9 weeks in a row"."""
    words = []
    if usual_weekday is not None and usual_hour is not None:
        words.append(
            _("Usually {weekday} around {hour:02d}:00").format(
                weekday=weekday_name(usual_weekday), hour=usual_hour
            )
        )
    if streak_weeks:
        words.append(
            ngettext("{n} week in a row", "{n} weeks in a row", streak_weeks).format(n=streak_weeks)
        )
    else:
        words.append(_("no session this week or last"))
    return words


def _month_row(first_monday: int, weeks: int) -> str:
    """Month names over the weeks in which each month begins, where they fit."""
    names = month_names()
    marks: list[tuple[int, str]] = []
    for week in range(weeks):
        monday = EPOCH + timedelta(days=first_monday + 7 * week)
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7:  # the 1st of a month falls in this week
            marks.append((week, names[sunday.month - 1]))
        elif week == 0:
            marks.append((week, names[monday.month - 1]))
    row = " " * (LABEL + CELL * weeks)
    end = 0
    for i, (week, name) in enumerate(marks):
        at = LABEL + CELL * week
        if i == 0 and len(marks) > 1 and LABEL + CELL * marks[1][0] < at + len(name) + 2:
            continue  # the first month's last days: its name would run into the next
        if at < end or at + len(name) > len(row):
            continue
        row = row[:at] + name + row[at + len(name) :]
        end = at + len(name) + 1
    return row.rstrip()


class RhythmStrip:
    """Time shared per day as a calendar, Monday to Sunday down, weeks across, newest right."""

    def __init__(
        self,
        day_ns: Mapping[int, int],
        today: int,
        words: list[str],
        max_weeks: int = STRIP_WEEKS,
    ) -> None:
        self.day_ns = day_ns
        self.today = today
        self.words = words
        self.max_weeks = max_weeks

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(LABEL + CELL * 4, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.render(options.max_width)

    def layout(self, width: int) -> tuple[int, list[str]]:
        """How many weeks fit, and the words wrapped beside the strip (none: they go under).

        The words stand beside the strip only when it keeps all its weeks: the picture comes
        first, and the words read as well under it.
        """
        side = width - LABEL - CELL * self.max_weeks - 1
        lines = [line for words in self.words for line in _wrap(words, side)]
        if side >= MIN_SIDE and len(lines) <= 7:
            return self.max_weeks, lines
        return max(1, min(self.max_weeks, (width - LABEL + 1) // CELL)), []

    def render(self, width: int) -> Text:
        weeks, words = self.layout(width)
        columns = strip(self.day_ns, self.today, weeks)
        heading = ngettext("Rhythm: the last {n} week", "Rhythm: the last {n} weeks", weeks).format(
            n=weeks
        )
        out = Text(heading, style="bold")
        out.append("\n")
        out.append(_month_row(strip_start(self.today, weeks), weeks), style="dim")
        for weekday, initial in enumerate(weekday_initials()):
            out.append("\n")
            out.append(initial.ljust(LABEL), style="dim")
            cells = _row([column[weekday] for column in columns])
            if weekday < len(words):
                cells.append(" " + words[weekday])
            else:
                cells.rstrip()
            out.append_text(cells)
        out.append("\n")
        out.append(" " * LABEL)
        out.append_text(legend(width - LABEL))
        if not words:
            for line in (line for words in self.words for line in _wrap(words, width)):
                out.append("\n")
                out.append(line)
        return out


def _row(shades: list[int | None]) -> Text:
    """One weekday across the weeks; days of one style run together, so that a long log
    draws a handful of spans, not one per day."""
    row = Text()
    run, style = "", ""
    for shade in shades:
        cell_style = "" if shade is None else SHADE_STYLES[shade]
        if cell_style != style and run:
            row.append(run, style=style or None)
            run = ""
        style = cell_style
        run += (" " if shade is None else SHADES[shade]) + " " * (CELL - 1)
    row.append(run, style=style or None)
    return row


def _wrap(words: str, width: int) -> list[str]:
    """``words`` in lines of ``width``, the last two words kept together ("around 19:00")."""
    head, space, tail = words.rpartition(" ")
    glued = head + "\u00a0" + tail if space else words
    return [line.replace("\u00a0", " ") for line in textwrap.wrap(glued, max(width, 1))]


def legend(width: int) -> Text:
    """░ 1–29  ▒ 30–59  ▓ 60–89  █ 90+  min a day (closer together when narrow)"""
    for gap, unit in (("  ", _("min a day")), (" ", _("min a day")), (" ", _("min"))):
        text = Text()
        for shade, label in enumerate(("1–29", "30–59", "60–89", "90+"), 1):
            text.append(SHADES[shade], style=SHADE_STYLES[shade])
            text.append(f" {label}{gap}")
        text.append(unit, style="dim")
        if text.cell_len <= width:
            break
    return text


Shown = Callable[[int], str]  # how one picture writes a length of time


def shown_for(overview: Overview) -> tuple[Shown, str]:
    """One precision for a whole picture, and the time shared in it: whole seconds when the
    partners' times shown so add up to the time shared, else milliseconds everywhere."""
    parts, shared = parts_and_total([row.received_ns for row in overview.balance])
    if len(parts) != len(overview.balance) or sum(r.received_ns for r in overview.balance) != (
        overview.total_ns
    ):
        return time_spent, time_spent(overview.total_ns)
    precise = any("." in part for part in parts)
    return (time_exact if precise else time_spent), shared


def difference_words(row: Balance, shown: Shown = time_spent) -> str:
    """The difference between the two times as they are shown beside it, so the three agree."""
    received, given = row.received_ns, row.given_ns
    if shown is time_spent:
        received, given = spent_ns(received), spent_ns(given)
    if received == given:
        return _("balanced")
    time = difference(max(received, given), min(received, given))
    if row.balanced:
        return _("balanced within {time}").format(time=time)
    if row.difference_ns > 0:
        return _("received {time} more").format(time=time)
    return _("gave {time} more").format(time=time)


def summary(row: Balance, shown: Shown = time_spent) -> tuple[str, str]:
    """("received 4:12:00, gave 4:10:30", "balanced within 1:30")"""
    amounts = _("received {received}, gave {given}").format(
        received=shown(row.received_ns), given=shown(row.given_ns)
    )
    return amounts, difference_words(row, shown)


def _heading(head: Text, parts: tuple[str, ...], width: int, indent: str) -> Text:
    """``head: part · part`` on one line when it fits, else each part on a line of its own."""
    one_line = Text.assemble(head, ": ", " · ".join(parts))
    if one_line.cell_len <= width:
        return one_line
    return Text.assemble(head, ":", *(f"\n{indent}{part}" for part in parts))


def bar(value: int, scale: int, width: int) -> str:
    """A bar of ``width`` characters at ``scale``, to an eighth of a character; never empty
    for a value above nought."""
    if scale <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / scale))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


class BalanceBars:
    """Per partner, attention received and given as a pair of bars: over all the sessions
    chosen, then over the last weeks."""

    def __init__(
        self,
        balance: list[Balance],
        recent: list[Balance],
        *,
        groups: bool,
        shown: Shown = time_spent,
    ) -> None:
        self.balance = balance
        self.shown = shown
        self.recent = {row.name: row for row in recent}
        self.groups = groups  # some sessions had three or more: say how their time is shared

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(20, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.render(options.max_width)

    def render(self, width: int) -> Text:
        labels = (_("received"), _("gave"))
        label_width = max(len(label) for label in labels) + 1
        bar_width = max(1, min(MAX_BAR, width - 2 - label_width))
        scale = _scale(self.balance)
        recent_scale = _scale(self.recent.values())
        out = Text(_("Balance: attention received and given"), style="bold")
        if self.groups:
            out.append("\n")
            out.append(_("In a group, each listener gives an equal share of each turn."))
        period = ngettext("Last {n} week", "Last {n} weeks", RECENT_WEEKS).format(n=RECENT_WEEKS)
        for row in self.balance:
            out.append("\n\n")
            name = Text(visible(row.name, 40), style="bold")
            out.append_text(_heading(name, summary(row, self.shown), width, "  "))
            out.append_text(_bars(row, scale, labels, label_width, bar_width))
            recent = self.recent.get(row.name)
            out.append("\n  ")
            if recent is None or not recent.sessions:
                out.append(_("{period}: no sessions").format(period=period), style="dim")
                continue
            out.append_text(_heading(Text(period), summary(recent, self.shown), width - 2, "    "))
            out.append_text(_bars(recent, recent_scale, labels, label_width, bar_width))
        return out


def _scale(rows: Iterable[Balance]) -> int:
    return max((max(row.received_ns, row.given_ns) for row in rows), default=0)


def _bars(
    row: Balance, scale: int, labels: tuple[str, str], label_width: int, bar_width: int
) -> Text:
    out = Text()
    for label, value, style in zip(
        labels, (row.received_ns, row.given_ns), (RECEIVED_STYLE, GIVEN_STYLE), strict=True
    ):
        out.append("\n  ")
        out.append(label.ljust(label_width), style="dim")
        out.append(bar(value, scale, bar_width), style=style)
    return out


def picture(
    overview: Overview, *, partner: str | None = None, since: str | None = None
) -> Group | Text:
    """All of ``stats``: the counts, the rhythm strip and the balance bars; ``partner`` and
    ``since`` as typed, when they chose the sessions."""
    if not overview.sessions:
        if partner is not None or since is not None:
            return Text(_("No sessions match."))
        return Text(_("No sessions logged yet: stats start with your first session."))
    facts = Table.grid(padding=(0, 2))
    facts.add_column()
    facts.add_column(justify="right")
    if partner is not None:
        facts.add_row(_("With"), Text(visible(partner, 40)))
    if since is not None:
        facts.add_row(_("Since"), Text(visible(since, 20)))
    facts.add_row(_("Sessions"), str(overview.sessions))
    shown, shared = shown_for(overview)
    facts.add_row(_("Time shared"), shared)
    words = rhythm_words(overview.streak_weeks, overview.usual_weekday, overview.usual_hour)
    return Group(
        facts,
        Text(),
        RhythmStrip(overview.days, overview.today, words),
        Text(),
        BalanceBars(overview.balance, overview.recent, groups=overview.groups, shown=shown),
    )
