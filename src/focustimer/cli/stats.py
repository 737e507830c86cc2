"""``focustimer stats``: the partnership at a glance, for all sessions or one partner's."""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta

from rich.console import Console

from ..engine.clock import NS
from ..history.glance import Balance
from ..history.overview import Overview, gather
from ..history.pictures import picture
from ..history.rhythm import WEEKDAYS
from ..i18n import _
from ..log import EXIT_UNREADABLE, StoreError, local_offset_s, read_log
from ..log.stats_query import Selection
from ..settings.locations import log_path
from ..usage import Parser, say_error
from .log import partner_filter, since_ns

EPOCH = date(1970, 1, 1)


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer stats",
        description=_(
            "The partnership at a glance: the time shared per day over the last weeks, the "
            "weekly streak and the usual day and hour; per partner the attention received (as "
            "boss) and given (listening), in all and over the last weeks."
        ),
    )
    parser.add_argument(
        "--partner", metavar=_("NAME"), help=_("only sessions with this partner (any case)")
    )
    parser.add_argument(
        "--since", metavar=_("YYYY-MM-DD"), help=_("only sessions started on or after this day")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    return parser


def _now_ns() -> int:
    return time.time_ns()


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    partner = partner_filter(args.partner)
    selection = Selection(partner=partner, since_ns=since_ns(args.since))
    now = _now_ns()
    path = log_path()  # a FOCUSTIMER_DATA_DIR typed wrong is bad input (exit 2), said first
    try:
        overview = read_log(
            lambda store: gather(store, now, local_offset_s(now), selection, all_days=args.json),
            path,
        )
    except StoreError as error:
        say_error(str(error))
        return EXIT_UNREADABLE
    if args.json:
        json.dump(_json(overview), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        console = Console(highlight=False)
        since = args.since.strip() if args.since is not None else None
        console.print(picture(overview, partner=partner, since=since))
    return 0


def _seconds(ns: int) -> float:
    return round(ns / NS, 3)


def _date(day: int) -> str:
    return (EPOCH + timedelta(days=day)).isoformat()


def _balance_json(row: Balance) -> dict[str, object]:
    return {
        "sessions": row.sessions,
        "received_seconds": _seconds(row.received_ns),
        "given_seconds": _seconds(row.given_ns),
        "difference_seconds": _seconds(row.difference_ns),
        "balanced": row.balanced,
    }


def _json(overview: Overview) -> dict[str, object]:
    weekday = overview.usual_weekday
    balance = {row.name: row for row in overview.balance}
    recent = {row.name: row for row in overview.recent}
    nothing = Balance("", 0, 0, 0)
    return {
        "sessions": overview.sessions,
        "total_seconds": _seconds(overview.total_ns),
        "weekly_streak": overview.streak_weeks,
        "usual_weekday": None if weekday is None else WEEKDAYS[weekday],
        "usual_hour": overview.usual_hour,
        "days": [
            {"date": _date(day), "seconds": _seconds(ns)}
            for day, ns in sorted(overview.days.items())
        ],
        "recent_since": _date(overview.recent_from),
        "partners": [
            {
                "name": p.name,
                "sessions": p.sessions,
                "boss_seconds": _seconds(p.boss_ns),
                "listening_seconds": _seconds(p.listening_ns),
                **{
                    key: value
                    for key, value in _balance_json(balance.get(p.name, nothing)).items()
                    if key != "sessions"
                },
                "recent": _balance_json(recent.get(p.name, nothing)),
            }
            for p in overview.partners
        ],
    }
