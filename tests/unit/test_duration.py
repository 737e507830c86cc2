"""Durations as people type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focustimer.settings.duration import (
    NS,
    DurationError,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30", 1800),
        ("12.5", 750),
        ("12,5", 750),
        ("30m", 1800),
        ("45min", 2700),
        ("90s", 90),
        ("1h", 3600),
        ("1h30m", 5400),
        ("1h 30m", 5400),
        ("1h30", 5400),
        ("1u30", 5400),
        ("1:30", 5400),
        ("1:30:00", 5400),
        ("0:00:10", 10),
        ("10S", 10),
        (" 20 min ", 1200),
        ("24h", 86400),
        ("1s", 1),
    ],
)
def test_accepted_durations(text, seconds):
    assert parse_duration(text) == seconds * NS


def test_fractions_of_a_minute_are_exact():
    assert parse_duration("0.1") == 6 * NS
    assert parse_duration("1.0000000001") == 60 * NS + 6


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("0", "needs some time"),
        ("0m", "needs some time"),
        ("-5", "needs some time"),
        ("abc", "not a duration"),
        ("", "not a duration"),
        ("30m1h", "not a duration"),
        ("1h1h", "not a duration"),
        ("1:60", "not a duration"),
        ("1e5", "not a duration"),
        ("nan", "not a duration"),
        ("25h", "more than 24 hours"),
        ("24h1s", "more than 24 hours"),
        ("0.5s", "under a second"),
    ],
)
def test_rejected_durations_say_what_to_type(text, hint):
    with pytest.raises(DurationError) as error:
        parse_duration(text)
    message = str(error.value)
    assert hint in message
    assert "\n" not in message


LONG = "1" * 5000  # past int()'s 4300-digit limit on converting text


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (LONG, "more than 24 hours"),
        (LONG + "m", "more than 24 hours"),
        (LONG + ":00", "more than 24 hours"),
        (LONG + ":00:00", "more than 24 hours"),
        ("1h" + LONG, "more than 24 hours"),
        ("0" * 5000 + "61:00", "more than 24 hours"),
    ],
    ids=["minutes", "m", "h:mm", "h:mm:ss", "1h-then-minutes", "zeros-h:mm"],
)
def test_thousands_of_digits_are_refused_in_every_form(text, hint):
    with pytest.raises(DurationError) as error:
        parse_duration(text)
    assert hint in str(error.value)


def test_leading_zeros_past_the_digit_limit_still_count():
    zeros = "0" * 5000
    assert parse_duration(zeros + "1:30") == 5400 * NS
    assert parse_duration("1h" + zeros + "30") == 5400 * NS


@given(st.text(max_size=200))
def test_any_text_is_a_duration_or_a_one_line_refusal(text):
    try:
        ns = parse_duration(text)
    except DurationError as error:
        assert "\n" not in str(error) and len(str(error)) < 200
    else:
        assert NS <= ns <= 24 * 3600 * NS
