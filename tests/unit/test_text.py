"""One rule for lengths of time, and user text that is never markup (properties over the class)."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from focustimer.engine.clock import NS
from focustimer.text import (
    MS,
    count_up,
    difference,
    fill,
    literal,
    parts_and_total,
    time_exact,
    time_left,
    time_spent,
    times_spent,
)
from focustimer.visible import visible

from ..hostile import hostile_text as hostile


def seconds_of(shown: str) -> Fraction:
    """What a shown time says, read back: 1:02:03.456 -> 3723.456 seconds."""
    sign = -1 if shown.startswith("-") else 1
    whole, _, fraction = shown.lstrip("-").partition(".")
    value = Fraction(0)
    for part in whole.split(":"):
        value = value * 60 + int(part)
    if fraction:
        value += Fraction(int(fraction), 1000)
    return sign * value


def nearest_ms(ns) -> Fraction:
    """The rule's first step: any length is taken to the nearest millisecond (a half up)."""
    return Fraction(math.floor(Fraction(ns) / MS + Fraction(1, 2)) * MS)


def unit_of(shown: str) -> Fraction:
    return Fraction(1, 1000) if "." in shown else Fraction(1)


@pytest.mark.parametrize(
    ("ns", "shown"),
    [
        (0, "0:00"),
        (1, "0:01"),  # a countdown shows 0:00 only when time is up
        (59 * NS + 1, "1:00"),
        (30 * 60 * NS, "30:00"),
        (60 * 60 * NS, "60:00"),
        (99 * 60 * NS + 59 * NS, "99:59"),
        (100 * 60 * NS, "1:40:00"),
        (12 * 3600 * NS, "12:00:00"),
    ],
)
def test_time_left_is_rounded_up(ns, shown):
    assert time_left(ns) == shown


def test_the_examples_of_issue_12():
    assert time_spent(383_644 * MS) == "6:23"  # "+6:23 after the chime"
    assert difference(383_644 * MS, 0) == "6:23.644"  # "had 6:23.644 more", not 6:24
    assert time_exact(Fraction(60 * NS, 7)) == "0:08.571"  # 1m, 7 names: each
    assert times_spent([Fraction(60 * NS, 7)] * 7) == ["0:08.571"] * 7  # not 0:09
    assert times_spent([26_200 * MS, 0]) == ["0:26", "0:00"]  # no difference said
    assert times_spent([26_200 * MS, 0], compared=True) == ["0:26.200", "0:00.000"]
    assert times_spent([NS // 2, NS // 2]) == ["0:00.500", "0:00.500"]  # 1s: not 0:00
    assert time_spent(NS // 10) == "0:00.100"  # a 0.1 s pause is not 0:00
    assert time_exact(75 * 60 * NS, hours=True) == "1:15:00"  # one format per screen
    assert count_up(Fraction(79, 10) * NS) == "0:07"


durations = st.integers(min_value=0, max_value=24 * 3600 * NS)


@given(durations)
def test_time_left_shows_zero_only_at_the_end_and_never_less_than_left(ns):
    shown = seconds_of(time_left(ns))
    assert (shown == 0) == (ns == 0)
    assert shown * NS >= ns > (shown - 1) * NS


@given(durations)
def test_time_spent_never_says_more_than_was_spent_nor_zero_for_something(ns):
    shown = time_spent(ns)
    ms = nearest_ms(ns)
    assert seconds_of(shown) * NS <= ms < (seconds_of(shown) + unit_of(shown)) * NS
    if ns >= MS:
        assert seconds_of(shown) > 0


@given(st.fractions(min_value=0, max_value=24 * 3600 * NS))
def test_a_share_is_whole_seconds_only_when_it_is(ns):
    shown = time_exact(ns)
    ms = nearest_ms(ns)
    assert ("." in shown) == (ms % NS != 0)
    assert seconds_of(shown) * NS == ms


@given(
    total=st.integers(min_value=NS, max_value=24 * 3600 * NS),
    group=st.integers(min_value=2, max_value=8),
    overruns=st.lists(st.integers(min_value=0, max_value=600 * NS), min_size=8, max_size=8),
)
def test_partners_times_add_up_and_differ_as_said(total, group, overruns):
    """Equal shares of any total, any group size, each with an overrun or none."""
    share = Fraction(total, group)
    lengths = [share + overruns[i] for i in range(group)]
    parts, shown_total = parts_and_total(lengths, compared=True)
    assert parts == times_spent(lengths, compared=True)
    unit = unit_of(shown_total)
    assert all(unit_of(p) == unit for p in parts)  # one precision for the set
    # The shown parts add up to the shown total (to the half millisecond each is rounded by).
    assert abs(seconds_of(shown_total) - sum(map(seconds_of, parts))) <= group * Fraction(1, 2000)
    if unit == 1:
        assert sum(map(seconds_of, parts)) == seconds_of(shown_total)
    # A difference said between two of them is the difference of what is shown.
    most, least = max(lengths), min(lengths)
    said = seconds_of(difference(most, least))
    shown_most = seconds_of(parts[lengths.index(most)])
    shown_least = seconds_of(parts[lengths.index(least)])
    assert said == shown_most - shown_least
    assert abs(said * NS - (most - least)) <= MS
    if most - least >= MS:
        assert said > 0  # never "0:00 more"
    # Each shown part is what was spent, to the millisecond, truncated.
    for length, part in zip(lengths, parts, strict=True):
        ms = nearest_ms(length)
        assert seconds_of(part) * NS <= ms < (seconds_of(part) + unit_of(part)) * NS


@given(st.integers(min_value=2, max_value=8), st.integers(min_value=1, max_value=24 * 3600))
def test_equal_shares_shown_on_the_finished_screen_agree_with_the_ready_screen(group, seconds):
    share = Fraction(seconds * NS, group)
    assert times_spent([share] * group)[0] == time_exact(share)


# -- user text ------------------------------------------------------------------------------------


@given(hostile, hostile)
def test_fill_puts_user_text_in_literally(name, other):
    line = fill("{a} is boss · {b:>3}", a=name, b=other)
    assert line.plain == f"{visible(name)} is boss · {visible(format(other, '>3'))}"
    assert not line.spans  # nothing in a name styles anything


@given(hostile)
def test_literal_keeps_its_style_and_its_text(name):
    styled = fill("{x}!", x=literal(name, style="bold"))
    assert styled.plain == visible(name) + "!"
    assert isinstance(styled, Text)
    if name:
        assert styled.spans[0].style == "bold"
