"""The partnership at a glance: the calendar of time shared and each partner's balance (pure).

Rows read from the log become what the pictures show: a level per day for the rhythm strip,
and per partner the attention received and given. Days are local days as in stats.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..engine.clock import NS
from ..log.records import PartnershipRow
from .rhythm import week_of

STRIP_WEEKS = 26  # the strip's length when there is room: half a year
RECENT_WEEKS = 8  # the balance's second period: this week and the seven before

# A day's shade from the minutes shared that day: up to 30, 60, 90, and more. One full
# session of half an hour each is a 60-minute day, the practice's usual week.
LEVEL_LIMITS_NS = (30 * 60 * NS, 60 * 60 * NS, 90 * 60 * NS)

# Balanced: the difference is within five minutes, or within 2% of the larger side.
BALANCED_NS = 5 * 60 * NS
BALANCED_SHARE = 0.02


def level(ns: int) -> int:
    """0 for a day with no time shared, then 1 to 4 by the limits above."""
    if ns <= 0:
        return 0
    return 1 + sum(ns >= limit for limit in LEVEL_LIMITS_NS)


def monday_of(day: int) -> int:
    return week_of(day) * 7 - 3  # week 0 begins on Monday 1969-12-29, day -3


def strip_start(today: int, weeks: int) -> int:
    """The Monday the strip begins on: ``weeks`` weeks, the last being this one."""
    return monday_of(today) - 7 * (weeks - 1)


def recent_start(today: int) -> int:
    """The first day of the balance's recent period: the Monday RECENT_WEEKS - 1 weeks ago."""
    return strip_start(today, RECENT_WEEKS)


def strip(day_ns: Mapping[int, int], today: int, weeks: int) -> list[list[int | None]]:
    """One column a week, oldest first, of seven levels from Monday; None after today."""
    first = strip_start(today, weeks)
    return [
        [
            level(day_ns.get(day, 0)) if day <= today else None
            for day in range(first + 7 * week, first + 7 * week + 7)
        ]
        for week in range(weeks)
    ]


@dataclass(frozen=True)
class Balance:
    """One partner over a period: the attention they received and the attention they gave.

    In a group, the boss's turn is given by all its listeners together: each is counted as
    giving an equal share of it, so a group whose turns were equal is balanced for everyone.
    """

    name: str
    sessions: int
    received_ns: int  # their own turns, as boss
    given_ns: int  # their share of listening to the others' turns

    @property
    def difference_ns(self) -> int:
        """Positive when they received more than they gave."""
        return self.received_ns - self.given_ns

    @property
    def balanced(self) -> bool:
        larger = max(self.received_ns, self.given_ns)
        return abs(self.difference_ns) <= max(BALANCED_NS, larger * BALANCED_SHARE)


def balances(
    partnerships: Iterable[PartnershipRow],
    boss: Mapping[str, int],
    group_boss: Mapping[tuple[tuple[str, ...], str], int],
) -> list[Balance]:
    """Each partner's balance, most attention received first.

    ``boss`` is each name's boss time over all the sessions counted; ``group_boss`` the same
    per group of three or more (a pair needs no split: one's listening is the other's turn).
    """
    sessions: dict[str, int] = {}
    given: dict[str, int] = {}
    in_groups: dict[str, int] = {}
    for names, count, total in partnerships:
        for name in names:
            sessions[name] = sessions.get(name, 0) + count
            if len(names) > 2:
                own = group_boss.get((names, name), 0)
                in_groups[name] = in_groups.get(name, 0) + own
                given[name] = given.get(name, 0) + (total - own) // (len(names) - 1)
            elif len(names) == 2:
                given[name] = given.get(name, 0) + total  # less their own turns, below
    rows = []
    for name, count in sessions.items():
        received = boss.get(name, 0)
        in_pairs = received - in_groups.get(name, 0)
        rows.append(Balance(name, count, received, given.get(name, 0) - in_pairs))
    return sorted(rows, key=lambda row: (-row.received_ns, row.name))
