"""``focustimer stats``: sessions and time in all, per partner, and the weekly rhythm."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..clock import NS
from ..dbfile import StoreError, data_dir
from ..i18n import _, ngettext
from ..journal import local_offset_s
from ..records import PartnerTotals
from ..stats import WEEKDAYS, local_day, most_common, partner_totals, weekly_streak
from ..store import Store
from ..text import literal, needs_hours, parts_and_total, times_spent
from ..usage import Parser, say_error
from ._logfile import EXIT_UNREADABLE, read_log


@dataclass(frozen=True)
class Overview:
    sessions: int
    total_ns: int
    partners: list[PartnerTotals]
    streak_weeks: int
    usual_weekday: int | None  # Monday 0
    usual_hour: int | None


def gather(store: Store, now_ns: int, utc_offset_s: int) -> Overview:
    """What ``stats`` shows, from a handful of aggregate queries (fast over many sessions)."""
    partnerships = store.partnerships()
    starts = store.start_counts()
    weekdays: dict[int, int] = {}
    hours: dict[int, int] = {}
    for (weekday, hour), count in starts.items():
        weekdays[weekday] = weekdays.get(weekday, 0) + count
        hours[hour] = hours.get(hour, 0) + count
    return Overview(
        sessions=sum(count for _names, count, _total in partnerships),
        total_ns=sum(total for _names, _count, total in partnerships),
        partners=partner_totals(partnerships, store.boss_totals()),
        streak_weeks=weekly_streak(store.finished_days(), local_day(now_ns, utc_offset_s)),
        usual_weekday=most_common(weekdays),
        usual_hour=most_common(hours),
    )


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer stats",
        description=_(
            "Sessions and time in all; per partner the time as boss (attention received) and "
            "listening (attention given); the weekly streak and the usual day and hour."
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    now = time.time_ns()
    data_dir()  # a FOCUSTIMER_DATA_DIR typed wrong is bad input (exit 2), said first
    try:
        overview = read_log(lambda store: gather(store, now, local_offset_s(now)))
    except StoreError as error:
        say_error(str(error))
        return EXIT_UNREADABLE
    if args.json:
        json.dump(_json(overview), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print(overview)
    return 0


def _seconds(ns: int) -> float:
    return round(ns / NS, 3)


def _json(overview: Overview) -> dict[str, object]:
    weekday = overview.usual_weekday
    return {
        "sessions": overview.sessions,
        "total_seconds": _seconds(overview.total_ns),
        "weekly_streak": overview.streak_weeks,
        "usual_weekday": None if weekday is None else WEEKDAYS[weekday],
        "usual_hour": overview.usual_hour,
        "partners": [
            {
                "name": p.name,
                "sessions": p.sessions,
                "boss_seconds": _seconds(p.boss_ns),
                "listening_seconds": _seconds(p.listening_ns),
            }
            for p in overview.partners
        ],
    }


def _weekday_names() -> tuple[str, ...]:
    return (
        _("Mondays"),
        _("Tuesdays"),
        _("Wednesdays"),
        _("Thursdays"),
        _("Fridays"),
        _("Saturdays"),
        _("Sundays"),
    )


def _print(overview: Overview) -> None:
    console = Console(highlight=False)
    if not overview.sessions:
        console.print(
            _("No sessions logged yet: stats start with your first session."), markup=False
        )
        return
    facts = Table.grid(padding=(0, 2))
    facts.add_row(_("Sessions"), str(overview.sessions))
    hours = needs_hours(overview.total_ns)
    boss, shared = parts_and_total([p.boss_ns for p in overview.partners], hours=hours)
    listening = times_spent([p.listening_ns for p in overview.partners], hours=hours)
    facts.add_row(_("Time shared"), shared)
    streak = ngettext("{n} week", "{n} weeks", overview.streak_weeks)
    facts.add_row(_("Weekly streak"), streak.format(n=overview.streak_weeks))
    if overview.usual_weekday is not None and overview.usual_hour is not None:
        usual = _("{weekday}, starting between {hour:02d}:00 and {next:02d}:00").format(
            weekday=_weekday_names()[overview.usual_weekday],
            hour=overview.usual_hour,
            next=(overview.usual_hour + 1) % 24,
        )
        facts.add_row(_("Usually"), usual)
    console.print(facts)
    console.print()
    table = Table(
        _("Partner"),
        _("Sessions"),
        _("Boss (attention received)"),
        _("Listening (attention given)"),
        show_edge=False,
        header_style="bold",
    )
    for p, boss_time, listening_time in zip(overview.partners, boss, listening, strict=True):
        table.add_row(
            literal(p.name, 30),
            Text(str(p.sessions), justify="right"),
            Text(boss_time, justify="right"),
            Text(listening_time, justify="right"),
        )
    console.print(table)
