"""Every question ``stats`` asks the log, for the sessions chosen by ``--partner`` and ``--since``.

SQLite counts and sums over covering indexes, so the answers stay small however long the log
is. Local days count from 1970-01-01 in the offset each session started in (see stats.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from ..engine.clock import NS
from ..engine.plan import person_key
from ..engine.turns import SessionStatus
from .records import PartnershipRow
from .store import Store, floor_div, partners_key

# Floored, not truncated as SQLite's / does: a session before 1970 falls on its own day and hour.
# Each from the local time in nanoseconds at once (a floor of a floor is one floor): SQLite
# works the expression out for every session.
_LOCAL_NS = f"s.started_ns + s.utc_offset_s * {NS}"
_LOCAL_DAY = floor_div(_LOCAL_NS, 86_400 * NS)
_LOCAL_HOUR = floor_div(_LOCAL_NS, 3_600 * NS)
_MARGIN_NS = 2 * 86_400 * NS  # more than any UTC offset: a day's sessions all start after


@dataclass(frozen=True)
class Selection:
    """Which sessions count: those with ``partner`` (any case), started on or after ``since_ns``,
    on local day ``from_day`` or later.

    A partner is found through the partnerships they are in (``resolved``): a handful of keys
    the index finds, rather than a look-up in every turn for every question.
    """

    partner: str | None = None
    since_ns: int | None = None
    from_day: int | None = None
    partnerships: tuple[str, ...] | None = None  # the partner's, once resolved

    def resolved(self, store: Store) -> Selection:
        if self.partner is None:
            return self
        wanted = person_key(self.partner)  # as ``log --partner`` compares
        keys = tuple(
            key
            for (key,) in store.db.execute("SELECT DISTINCT partners FROM sessions")
            if any(person_key(name) == wanted for name in json.loads(key))
        )
        return replace(self, partnerships=keys)

    def where(self) -> tuple[str, list[object]]:
        """A condition on ``sessions s`` (fixed fragments; the values are parameters)."""
        clauses: list[str] = []
        params: list[object] = []
        since = self.since_ns
        if self.from_day is not None:
            # The index finds the start; the local day is then exact in each session's offset.
            earliest = self.from_day * 86_400 * NS - _MARGIN_NS
            since = earliest if since is None else max(since, earliest)
            clauses.append(f"{_LOCAL_DAY} >= ?")
            params.append(self.from_day)
        if since is not None:
            clauses.append("s.started_ns >= ?")
            params.append(since)
        if self.partner is not None:
            if self.partnerships is None:
                raise ValueError("a partner's selection is used resolved")
            clauses.append(f"s.partners IN ({','.join('?' * len(self.partnerships))})")
            params += self.partnerships
        return " AND ".join(clauses) or "1", params

    def narrowed(self, from_day: int) -> Selection:
        day = from_day if self.from_day is None else max(self.from_day, from_day)
        return replace(self, from_day=day)


@dataclass(frozen=True)
class Totals:
    """Time per partnership and per partner, for the sessions of one selection.

    A person is one row however their name was typed ("Ann", "ann": ``plan.person_key``),
    under the spelling of their latest session.
    """

    partnerships: list[PartnershipRow]
    boss: dict[str, int]  # each person's boss time
    group_boss: dict[tuple[tuple[str, ...], str], int]  # the same per group of three or more


def read_totals(store: Store, selection: Selection) -> Totals:
    where, params = selection.where()
    rows = [
        (tuple(json.loads(key)), count, total, latest)
        for key, count, total, latest in store.db.execute(
            "SELECT s.partners, COUNT(*), SUM(s.actual_ns), MAX(s.started_ns) FROM sessions s"
            f" WHERE {where} GROUP BY s.partners",
            params,
        )
    ]
    # Each person's spelling in their latest partnership (found by the partners' index).
    spelt: dict[str, tuple[int, str]] = {}
    for names, _count, _total, latest in rows:
        for name in names:
            key = person_key(name)
            spelt[key] = max(spelt.get(key, (latest, name)), (latest, name))

    def shown(name: str) -> str:
        return spelt.get(person_key(name), (0, name))[1]

    def people(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(shown(name) for name in names))

    merged: dict[tuple[str, ...], tuple[int, int]] = {}
    for names, count, total, _latest in rows:
        before = merged.get(people(names), (0, 0))
        merged[people(names)] = (before[0] + count, before[1] + total)
    partnerships = [(names, count, total) for names, (count, total) in merged.items()]
    if where == "1":
        boss_sql = "SELECT name, SUM(actual_ns) FROM turns GROUP BY name"
    else:
        boss_sql = (
            "SELECT name, SUM(actual_ns) FROM turns"
            f" WHERE session_id IN (SELECT s.id FROM sessions s WHERE {where}) GROUP BY name"
        )
    boss: dict[str, int] = {}
    for name, total in store.db.execute(boss_sql, params):
        boss[shown(name)] = boss.get(shown(name), 0) + total
    group_boss: dict[tuple[tuple[str, ...], str], int] = {}
    for names, _count, _total, _latest in rows:
        if len(names) <= 2:
            continue
        # Only groups need each name's own time per partnership: few sessions, found by index.
        found = store.db.execute(
            "SELECT t.name, SUM(t.actual_ns) FROM sessions s CROSS JOIN turns t"
            f" ON t.session_id = s.id WHERE s.partners = ? AND {where} GROUP BY t.name",
            [partners_key(names), *params],
        )
        for name, total in found:
            own = (people(names), shown(name))
            group_boss[own] = group_boss.get(own, 0) + total
    return Totals(partnerships, boss, group_boss)


def finished_days(store: Store, selection: Selection) -> list[int]:
    """The local days with at least one finished session."""
    where, params = selection.where()
    rows = store.db.execute(
        f"SELECT DISTINCT {_LOCAL_DAY} FROM sessions s WHERE s.status = ? AND {where}",
        (SessionStatus.FINISHED, *params),
    )
    return [row[0] for row in rows]


def start_counts(store: Store, selection: Selection) -> dict[tuple[int, int], int]:
    """Sessions per local (weekday, hour) of starting; Monday is 0."""
    where, params = selection.where()
    # One key, the hour of the week from Monday 00:00 (the epoch is a Thursday, 72 hours on),
    # is grouped much faster than two.
    rows = store.db.execute(
        f"SELECT (({_LOCAL_HOUR} + 72) % 168 + 168) % 168, COUNT(*)"
        " FROM sessions s"
        f" WHERE {where}"
        " GROUP BY 1",
        params,
    )
    return {divmod(hour_of_week, 24): count for hour_of_week, count in rows}


def day_totals(store: Store, selection: Selection) -> dict[int, int]:
    """The time shared on each local day: all the boss time of the sessions started that day."""
    where, params = selection.where()
    rows = store.db.execute(
        f"SELECT {_LOCAL_DAY}, SUM(s.actual_ns) FROM sessions s WHERE {where} GROUP BY 1",
        params,
    )
    return {day: total for day, total in rows if total}
