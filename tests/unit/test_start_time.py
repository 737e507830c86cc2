from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focustimer.settings.start_time import StartTimeError, parse_start_time

NOW = datetime(2026, 11, 22, 14, 3, 20).astimezone()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:04", (14, 4, 0)),
        ("19:30:15", (19, 30, 15)),
        ("23.59", (23, 59, 0)),
        ("2:03:20", (2, 3, 20)),  # 12 hours on, to the second: still to come
    ],
)
def test_times_in_the_next_twelve_hours_are_still_to_come(text, expected):
    start = parse_start_time(text, NOW)
    assert (start.hour, start.minute, start.second) == expected
    assert NOW < start <= NOW + timedelta(hours=12)


@pytest.mark.parametrize(
    ("text", "ago"),
    [
        ("14:03:20", timedelta(0)),
        ("14:00", timedelta(minutes=3, seconds=20)),
        ("9:05", timedelta(hours=4, minutes=58, seconds=20)),
        ("2:03:21", timedelta(hours=11, minutes=59, seconds=59)),
    ],
)
def test_times_in_the_last_twelve_hours_have_passed(text, ago):
    assert parse_start_time(text, NOW) == NOW - ago


def test_just_before_midnight_a_time_just_after_it_is_tomorrow():
    now = datetime(2026, 11, 22, 23, 59, 0).astimezone()
    start = parse_start_time("00:00:30", now)
    assert start - now == timedelta(seconds=90) and start.day == 23


def test_just_after_midnight_a_time_just_before_it_was_yesterday():
    now = datetime(2026, 11, 23, 0, 0, 10).astimezone()
    assert now - parse_start_time("23:59:50", now) == timedelta(seconds=20)


@given(
    now=st.datetimes(datetime(2000, 1, 1), datetime(2090, 1, 1)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    second=st.integers(0, 59),
)
def test_every_time_of_day_lies_within_half_a_day_of_now(now, hour, minute, second):
    now = now.replace(microsecond=0).astimezone()
    start = parse_start_time(f"{hour}:{minute:02d}:{second:02d}", now)
    assert (start.hour, start.minute, start.second) == (hour, minute, second) or _dst_gap(start)
    assert abs(start - now) <= timedelta(hours=13)  # 12, and an hour of daylight saving


def _dst_gap(start: datetime) -> bool:
    return start.utcoffset() != (start - timedelta(hours=2)).utcoffset()


@pytest.mark.parametrize("text", ["24:00", "7pm", "19:60", "", "1930"])
def test_nonsense_is_refused_with_an_example(text):
    with pytest.raises(StartTimeError, match=r"^takes a time of day like 19:30"):
        parse_start_time(text, NOW)
