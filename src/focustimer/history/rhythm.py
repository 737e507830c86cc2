"""The partners' rhythm from the log: weekly streak, usual weekday and hour (pure).

Days are local calendar days counted from 1970-01-01, a Thursday, in the UTC offset each
session was held in; weeks run Monday to Sunday, like ISO 8601 weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..engine.clock import NS
from ..log.records import PartnerTotals

DAY_S = 86_400
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def local_day(wall_ns: int, utc_offset_s: int) -> int:
    return (wall_ns // NS + utc_offset_s) // DAY_S


def week_of(day: int) -> int:
    """The Monday-to-Sunday week a local day falls in: consecutive weeks differ by one."""
    return (day + 3) // 7  # day 0 is a Thursday, three days after a Monday


def weekday_of(day: int) -> int:
    """Monday 0 to Sunday 6, like ``datetime.weekday()``."""
    return (day + 3) % 7


def weekly_streak(days: Iterable[int], today: int) -> int:
    """Consecutive weeks, up to this one, with a finished session on at least one ``days``.

    This week counts once it has a session; until then the streak still stands on last week.
    """
    weeks = {week_of(day) for day in days}
    week = week_of(today)
    if week not in weeks:
        week -= 1
    streak = 0
    while week - streak in weeks:
        streak += 1
    return streak


def most_common(counts: Mapping[int, int]) -> int | None:
    """The key with the highest count; the smallest such key on a tie; None when empty."""
    if not counts:
        return None
    return min(counts, key=lambda key: (-counts[key], key))


def partner_totals(
    partnerships: Iterable[tuple[tuple[str, ...], int, int]], boss: Mapping[str, int]
) -> list[PartnerTotals]:
    """Per partner: sessions, time as boss and time listening, most boss time first.

    ``partnerships`` gives each set of names with its sessions and all their boss time;
    a partner listened for all of it that was not their own.
    """
    sessions: dict[str, int] = {}
    present: dict[str, int] = {}
    for names, count, total in partnerships:
        for name in names:
            sessions[name] = sessions.get(name, 0) + count
            present[name] = present.get(name, 0) + total
    rows = [
        PartnerTotals(name, sessions[name], boss.get(name, 0), present[name] - boss.get(name, 0))
        for name in sessions
    ]
    return sorted(rows, key=lambda row: (-row.boss_ns, row.name))
