"""Logs the stats tests write: empty, one session, a year with gaps, a group (real SQLite files).

Every log is written relative to NOW, a Wednesday, in a fixed time zone, so pictures of it
never change with the day the tests run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from focustimer.engine.clock import NS
from focustimer.log import SessionRecord, Store, TurnRecord
from focustimer.settings.locations import log_path

NOW_S = 1_795_000_000  # Wednesday 2026-11-18, 12:06:40 in Amsterdam; the FakeClock's default
NOW_NS = NOW_S * NS
TZ = "CET-1CEST,M3.5.0,M10.5.0/3"  # Amsterdam, without needing tzdata
KINDS = ("empty", "one", "year", "group")


@contextmanager
def amsterdam() -> Iterator[None]:
    """The local time zone is Amsterdam's for the block (it decides what "today" is)."""
    import os

    before = os.environ.get("TZ")
    os.environ["TZ"] = TZ
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def at(days_ago: int, hour: int, minute: int = 0) -> int:
    """Wall nanoseconds of a local time (UTC+1) ``days_ago`` days before NOW."""
    zone = timezone(timedelta(hours=1))
    today = datetime.fromtimestamp(NOW_S, zone).replace(hour=0, minute=0, second=0)
    return (
        int((today - timedelta(days=days_ago)).replace(hour=hour, minute=minute).timestamp()) * NS
    )


def session(
    start_ns: int, minutes: dict[str, float], status: str = "finished", note: str | None = None
) -> SessionRecord:
    names = tuple(minutes)
    share = round(sum(minutes.values()) / len(names) * 60 * NS)
    turns = tuple(
        TurnRecord(name, i + 1, share, round(m * 60 * NS))
        for i, (name, m) in enumerate(minutes.items())
    )
    total = share * len(names)
    return SessionRecord(start_ns, 3600, total, turns, status, note=note)


def records(kind: str) -> list[SessionRecord]:
    if kind == "empty":
        return []
    if kind == "one":
        return [session(at(8, 19), {"Ann": 30, "Bob": 30})]
    if kind == "year":
        out = []
        for week in range(52):
            if week in (3, 4, 5, 17, 30, 31):
                continue  # a holiday, an illness, a summer: the gaps a real year has
            days_ago = 1 + 7 * week  # Tuesdays
            each = (10, 30, 45, 20)[week % 4]
            bob = each + (3 if week % 5 == 0 else 0)  # Bob runs over now and then
            out.append(session(at(days_ago, 19, 5), {"Ann": each, "Bob": bob}))
            if week % 6 == 5:  # now and then a second session that week, on the Friday
                out.append(session(at(days_ago - 3, 8), {"Bob": 15, "Ann": 15}))
        out.append(session(at(0, 7, 30), {"Ann": 12, "Bob": 0}, status="aborted"))
        return out
    if kind == "group":
        return [
            session(at(1, 19), {"Ann": 20, "Bob": 20, "Cas": 20}),
            session(at(8, 19), {"Cas": 20, "Ann": 25, "Bob": 20}),
            session(at(15, 19), {"Bob": 20, "Cas": 20, "Ann": 20}),
            session(at(70, 20), {"Ann": 30, "Dee [/b]": 30}),  # a name that looks like markup
        ]
    raise ValueError(kind)


def write_log(kind: str) -> None:
    with Store.open(log_path()) as store:
        for record in records(kind):
            store.begin_session(record, heartbeat_ns=record.started_ns)
