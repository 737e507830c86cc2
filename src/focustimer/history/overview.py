"""What ``stats`` and the stats screen show, gathered from the log for the sessions chosen."""

from __future__ import annotations

from dataclasses import dataclass

from ..log import PartnerTotals, Store
from ..log.stats_query import Selection, day_totals, finished_days, read_totals, start_counts
from .glance import STRIP_WEEKS, Balance, balances, recent_start, strip_start
from .rhythm import local_day, most_common, partner_totals, weekly_streak


@dataclass(frozen=True)
class Overview:
    sessions: int
    total_ns: int
    partners: list[PartnerTotals]
    streak_weeks: int
    usual_weekday: int | None  # Monday 0
    usual_hour: int | None
    today: int  # the local day it was gathered on
    days: dict[int, int]  # time shared per local day (the strip's weeks only, unless all_days)
    balance: list[Balance]  # over all the sessions chosen
    recent: list[Balance]  # the same since recent_from
    recent_from: int  # a local day: the Monday RECENT_WEEKS - 1 weeks ago
    groups: bool  # some sessions had three partners or more


def gather(
    store: Store,
    now_ns: int,
    utc_offset_s: int,
    selection: Selection | None = None,
    *,
    all_days: bool = False,
) -> Overview:
    """What ``stats`` shows, from a handful of aggregate queries (fast over many sessions).

    ``all_days`` reads the time of every day, for JSON; else only the strip's weeks.
    """
    selection = (selection or Selection()).resolved(store)
    today = local_day(now_ns, utc_offset_s)
    totals = read_totals(store, selection)
    partnerships = totals.partnerships
    weekdays: dict[int, int] = {}
    hours: dict[int, int] = {}
    for (weekday, hour), count in start_counts(store, selection).items():
        weekdays[weekday] = weekdays.get(weekday, 0) + count
        hours[hour] = hours.get(hour, 0) + count
    recent_from = recent_start(today)
    recent = read_totals(store, selection.narrowed(recent_from))
    days = selection if all_days else selection.narrowed(strip_start(today, STRIP_WEEKS))
    return Overview(
        sessions=sum(count for _names, count, _total in partnerships),
        total_ns=sum(total for _names, _count, total in partnerships),
        partners=partner_totals(partnerships, totals.boss),
        streak_weeks=weekly_streak(finished_days(store, selection), today),
        usual_weekday=most_common(weekdays),
        usual_hour=most_common(hours),
        today=today,
        days=day_totals(store, days),
        balance=balances(partnerships, totals.boss, totals.group_boss),
        recent=balances(recent.partnerships, recent.boss, recent.group_boss),
        recent_from=recent_from,
        groups=any(len(names) > 2 for names, _count, _total in partnerships),
    )
