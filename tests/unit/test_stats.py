"""Stats: the weekly streak, the usual weekday and hour, each partner's time, from a real log."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from synthetic import add_sessions  # tools/synthetic.py (pytest's pythonpath)

from focustimer.cli.main import main
from focustimer.engine.clock import NS
from focustimer.history.overview import gather
from focustimer.history.rhythm import local_day, most_common, weekday_of, weekly_streak
from focustimer.log import SessionRecord, Store, TurnRecord
from focustimer.settings.locations import log_path

EPOCH = date(1970, 1, 1)


def day(text: str) -> int:
    return (date.fromisoformat(text) - EPOCH).days


def at(text: str, offset_h: int = 1) -> int:
    """Wall-clock nanoseconds of a local time in UTC+offset_h."""
    local = datetime.fromisoformat(text).replace(tzinfo=timezone(timedelta(hours=offset_h)))
    return int(local.timestamp()) * NS


def session(start: str, names=("Ann", "Bob"), minutes=(30, 30), status="finished", offset_h=1):
    turns = tuple(
        TurnRecord(name, i + 1, 30 * 60 * NS, m * 60 * NS)
        for i, (name, m) in enumerate(zip(names, minutes, strict=True))
    )
    return SessionRecord(at(start, offset_h), offset_h * 3600, 60 * 60 * NS, turns, status)


def fill(*records: SessionRecord) -> None:
    with Store.open(log_path()) as store:
        for record in records:
            store.begin_session(record, heartbeat_ns=record.started_ns)


# -- pure -------------------------------------------------------------------------------------


def test_weekdays_and_local_days():
    assert weekday_of(day("2026-01-05")) == 0  # a Monday
    assert weekday_of(day("1970-01-01")) == 3  # a Thursday
    assert local_day(at("2026-01-04T23:30", 1), 3600) == day("2026-01-04")
    assert local_day(at("2026-01-04T23:30", 1), 0) == day("2026-01-04")  # 22:30 UTC
    assert local_day(at("2026-01-05T00:30", 1), 0) == day("2026-01-04")  # 23:30 UTC


def test_weekly_streak_runs_across_the_turn_of_the_year():
    days = [day(d) for d in ("2025-12-17", "2025-12-24", "2025-12-31", "2026-01-07")]
    assert weekly_streak(days, day("2026-01-08")) == 4
    # 2025-12-29 is a Monday: Sunday the 28th and Monday the 29th are two weeks, not one.
    assert weekly_streak([day("2025-12-28"), day("2025-12-29")], day("2025-12-30")) == 2
    assert weekly_streak([day("2026-01-03"), day("2026-01-04")], day("2026-01-05")) == 1
    # 2020 had an ISO week 53: it is one week like any other.
    days = [day(d) for d in ("2020-12-24", "2020-12-31", "2021-01-07")]
    assert weekly_streak(days, day("2021-01-07")) == 3


def test_weekly_streak_stands_until_this_week_is_over_and_breaks_on_a_missed_week():
    days = [day("2026-03-02"), day("2026-03-09")]
    assert weekly_streak(days, day("2026-03-15")) == 2  # this week's Sunday, session done
    assert weekly_streak(days, day("2026-03-16")) == 2  # next week, nothing yet: still 2
    assert weekly_streak(days, day("2026-03-23")) == 0  # a whole week missed
    assert weekly_streak([day("2026-03-02"), day("2026-03-16")], day("2026-03-17")) == 1
    assert weekly_streak([], day("2026-03-17")) == 0


def test_the_usual_one_is_the_most_common_the_earliest_on_a_tie():
    assert most_common({1: 3, 4: 5, 6: 5}) == 4
    assert most_common({}) is None


# -- from a real log ----------------------------------------------------------------------------


def test_per_partner_time_as_boss_and_listening():
    fill(
        session("2026-01-06T19:00", ("Ann", "Bob"), (30, 31)),
        session("2026-01-13T19:00", ("Bob", "Ann"), (20, 20)),
        session("2026-01-14T08:00", ("Ann", "Bob", "Cas"), (10, 10, 12)),
    )
    with Store.open(log_path()) as store:
        stats = gather(store, at("2026-01-15T12:00"), 3600)
    assert stats.sessions == 3 and stats.total_ns == 133 * 60 * NS
    by_name = {p.name: p for p in stats.partners}
    assert [p.name for p in stats.partners] == ["Bob", "Ann", "Cas"]  # most boss time first
    ann, bob, cas = by_name["Ann"], by_name["Bob"], by_name["Cas"]
    assert (ann.sessions, ann.boss_ns, ann.listening_ns) == (3, 60 * 60 * NS, 73 * 60 * NS)
    assert (bob.sessions, bob.boss_ns, bob.listening_ns) == (3, 61 * 60 * NS, 72 * 60 * NS)
    assert (cas.sessions, cas.boss_ns, cas.listening_ns) == (1, 12 * 60 * NS, 20 * 60 * NS)


def test_streak_and_usual_day_and_hour_in_the_partners_local_time():
    fill(
        session("2025-12-23T19:10"),  # Tuesday
        session("2025-12-30T19:40"),  # Tuesday, the week of New Year
        session("2026-01-06T19:05", status="aborted"),  # does not count for the streak
        session("2026-01-13T19:30"),
        session("2026-01-14T07:00"),  # Wednesday morning
        # 02:30 UTC on Wednesday is still Tuesday 21:30 in New York, where it was held.
        session("2026-01-20T21:30", offset_h=-5),
    )
    with Store.open(log_path()) as store:
        stats = gather(store, at("2026-01-22T10:00"), 3600)
    assert stats.streak_weeks == 2  # weeks of the 13th and the 20th; the 6th was aborted
    assert stats.usual_weekday == 1  # Tuesday
    assert stats.usual_hour == 19


def test_stats_command_json_and_text(capsys):
    fill(session("2026-01-06T19:00"), session("2026-01-13T19:00", ("Bob", "Ann"), (30, 29)))
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "sessions",
        "total_seconds",
        "weekly_streak",
        "usual_weekday",
        "usual_hour",
        "days",
        "recent_since",
        "partners",
    }
    assert data["sessions"] == 2 and data["total_seconds"] == 119 * 60
    assert data["usual_weekday"] == "Tuesday" and data["usual_hour"] == 19
    assert [p["name"] for p in data["partners"]] == ["Bob", "Ann"]
    assert data["partners"][1] == {
        "name": "Ann",
        "sessions": 2,
        "boss_seconds": 59 * 60,
        "listening_seconds": 60 * 60,
        "received_seconds": 59 * 60,
        "given_seconds": 60 * 60,
        "difference_seconds": -60,
        "balanced": True,
        "recent": {  # long ago: nothing in the last 8 weeks
            "sessions": 0,
            "received_seconds": 0,
            "given_seconds": 0,
            "difference_seconds": 0,
            "balanced": True,
        },
    }
    assert data["days"] == [
        {"date": "2026-01-06", "seconds": 60 * 60},
        {"date": "2026-01-13", "seconds": 59 * 60},
    ]
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Usually Tuesday" in out and "around 19:00" in out  # beside the strip, wrapped
    assert "Ann: received 59:00, gave 60:00 · balanced within 1:00" in out
    assert "1:59:00" in out


def test_stats_on_an_empty_log(capsys):
    assert main(["stats"]) == 0
    assert capsys.readouterr().out.startswith("No sessions logged yet")
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 0 and data["partners"] == [] and data["usual_hour"] is None


@pytest.mark.parametrize("count", [20_000])
def test_stats_stay_fast_over_many_sessions(count):
    with Store.open(log_path()) as store:
        add_sessions(store, count, seed=1)
        started = time.perf_counter()
        stats = gather(store, time.time_ns(), 0)
        elapsed = time.perf_counter() - started
    assert stats.sessions == count
    assert elapsed < 0.5, elapsed  # about 0.04 s here; 100,000 take about 0.2 s


def test_the_partners_times_add_up_to_the_time_shared(capsys):
    # 30:00.6 + 29:00.6: rounded each would show 30:01 + 29:01 against a total of 59:01.
    ann, bob = 30 + 0.6 / 60, 29 + 0.6 / 60
    fill(session("2026-01-06T19:00", minutes=(ann, bob)))
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "59:01.200" in out  # the time shared
    assert "30:00.600" in out and "29:00.600" in out  # the parts, in the same precision
