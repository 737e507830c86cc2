from __future__ import annotations

from datetime import datetime

import pytest

from focustimer.start_time import StartTimeError, parse_start_time

NOW = datetime(2026, 11, 22, 14, 3, 20).astimezone()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:04", (14, 4, 0)),
        ("19:30:15", (19, 30, 15)),
        ("23.59", (23, 59, 0)),
        ("9:05", (9, 5, 0)),
    ],
)
def test_times_later_today(text, expected):
    if expected[0] < 14:
        with pytest.raises(StartTimeError, match="has passed already"):
            parse_start_time(text, NOW)
        return
    start = parse_start_time(text, NOW)
    assert (start.hour, start.minute, start.second) == expected
    assert start.date() == NOW.date() and start > NOW


@pytest.mark.parametrize("text", ["14:03:20", "14:00", "00:00"])
def test_a_time_already_past_is_refused(text):
    with pytest.raises(StartTimeError, match=r"has passed already \(it is 14:03:20 now\)"):
        parse_start_time(text, NOW)


@pytest.mark.parametrize("text", ["24:00", "7pm", "19:60", "", "1930"])
def test_nonsense_is_refused_with_an_example(text):
    with pytest.raises(StartTimeError, match="--at takes a time of day like 19:30"):
        parse_start_time(text, NOW)
