"""The rhythm strip and the balance: what the log's rows become, and the pictures of them."""

from __future__ import annotations

import re
import tempfile
from fractions import Fraction
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from focustimer import i18n
from focustimer.engine.clock import NS
from focustimer.history.glance import Balance, balances, level, recent_start, strip, strip_start
from focustimer.history.overview import gather
from focustimer.history.pictures import (
    BalanceBars,
    RhythmStrip,
    bar,
    picture,
    rhythm_words,
    summary,
    weekday_initials,
)
from focustimer.history.rhythm import weekday_of
from focustimer.log import SessionRecord, Store, TurnRecord
from focustimer.log.stats_query import Selection
from focustimer.settings.locations import log_path

from ..budget import examples
from ..glance_logs import NOW_NS, records, write_log

MIN = 60 * NS


def render(renderable, width: int) -> str:
    console = Console(width=width, color_system=None, highlight=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


# -- pure -------------------------------------------------------------------------------------


def test_a_day_is_shaded_by_the_minutes_shared_that_day():
    assert [level(m * MIN) for m in (0, 1, 29, 30, 59, 60, 89, 90, 600)] == [
        0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip


def test_the_strip_runs_monday_to_sunday_ending_this_week_with_no_future():
    today = 20_411  # a Wednesday
    assert weekday_of(today) == 2
    columns = strip({today: 60 * MIN, today - 7: 10 * MIN}, today, 26)
    assert len(columns) == 26 and all(len(week) == 7 for week in columns)
    assert weekday_of(strip_start(today, 26)) == 0  # starts on a Monday
    assert columns[-1] == [0, 0, 3, None, None, None, None]  # Thursday on: not yet
    assert columns[-2][2] == 1
    assert recent_start(today) == strip_start(today, 8)


def test_a_pair_gives_what_the_other_receives_and_a_fair_group_is_balanced():
    pairs = [(("Ann", "Bob"), 2, 125 * MIN)]
    bob, ann = balances(pairs, {"Ann": 60 * MIN, "Bob": 65 * MIN}, {})
    assert (bob.name, bob.received_ns, bob.given_ns) == ("Bob", 65 * MIN, 60 * MIN)
    assert (ann.name, ann.received_ns, ann.given_ns) == ("Ann", 60 * MIN, 65 * MIN)
    assert ann.difference_ns == -5 * MIN and ann.balanced  # within five minutes
    names = ("Ann", "Bob", "Cas")
    own = {(names, name): 20 * MIN for name in names}
    rows = balances([(names, 1, 60 * MIN)], {name: 20 * MIN for name in names}, own)
    assert all(r.received_ns == r.given_ns == 20 * MIN for r in rows)


def test_balanced_within_five_minutes_or_two_percent():
    assert Balance("A", 1, 30 * MIN, 25 * MIN).balanced
    assert not Balance("A", 1, 30 * MIN, 24 * MIN).balanced
    assert Balance("A", 9, 600 * MIN, 588 * MIN).balanced  # 2% of 10 hours
    assert not Balance("A", 9, 600 * MIN, 587 * MIN).balanced


@given(st.integers(0, 10**15), st.integers(1, 10**15), st.integers(1, 200))
def test_a_bar_is_never_longer_than_its_width_and_never_empty_for_some_time(value, scale, width):
    value = min(value, scale)
    drawn = bar(value, scale, width)
    assert len(drawn) <= width
    assert (drawn != "") == (value > 0)


# -- the balance from a real log, against a count session by session --------------------------

NAMES = ("Ann", "Bob", "Cas", "Dee")
sessions_strategy = st.lists(
    st.tuples(
        st.lists(st.sampled_from(NAMES), min_size=2, max_size=4, unique=True),
        st.lists(st.integers(0, 90 * 60), min_size=4, max_size=4),
        st.integers(0, 120),  # days ago
    ),
    max_size=12,
)


@settings(max_examples=examples(40))
@given(sessions_strategy)
def test_each_partners_balance_is_their_share_session_by_session(sessions):
    expected_received: dict[str, Fraction] = {}
    expected_given: dict[str, Fraction] = {}
    recent_received: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as scratch, Store.open(Path(scratch) / "s.db") as store:
        for names, seconds, days_ago in sessions:
            turns = tuple(
                TurnRecord(n, i + 1, 30 * MIN, s * NS)
                for i, (n, s) in enumerate(zip(names, seconds, strict=False))
            )
            start = NOW_NS - days_ago * 86_400 * NS
            record = SessionRecord(start, 0, 60 * MIN, turns, "finished")
            store.begin_session(record, heartbeat_ns=start)
            total = sum(t.actual_ns for t in turns)
            for turn in turns:
                expected_received[turn.name] = expected_received.get(turn.name, 0) + turn.actual_ns
                share = Fraction(total - turn.actual_ns, len(turns) - 1)
                expected_given[turn.name] = expected_given.get(turn.name, 0) + share
                if days_ago <= 40:  # surely inside the last 8 weeks, whatever weekday
                    recent_received[turn.name] = recent_received.get(turn.name, 0) + turn.actual_ns
        overview = gather(store, NOW_NS, 0)
    assert {b.name: b.received_ns for b in overview.balance} == expected_received
    for row in overview.balance:
        assert abs(row.given_ns - expected_given[row.name]) < len(sessions) + 1  # rounding only
    recent = {b.name: b.received_ns for b in overview.recent}
    for name, received in recent_received.items():
        assert recent[name] >= received
    # Attention is conserved: all that was received was given.
    assert abs(
        sum(b.received_ns for b in overview.balance) - sum(b.given_ns for b in overview.balance)
    ) <= 4 * len(sessions)


def test_a_selection_counts_only_that_partners_sessions_since_that_day():
    write_log("group")
    with Store.open(log_path()) as store:
        everyone = gather(store, NOW_NS, 3600)
        dee = gather(store, NOW_NS, 3600, Selection(partner="dee [/B]"))
        recent = gather(store, NOW_NS, 3600, Selection(since_ns=NOW_NS - 20 * 86_400 * NS))
    assert everyone.sessions == 4 and everyone.groups
    assert dee.sessions == 1 and not dee.groups
    assert [b.name for b in dee.balance] == ["Ann", "Dee [/b]"]
    assert recent.sessions == 3 and {b.name for b in recent.balance} == {"Ann", "Bob", "Cas"}
    assert sum(recent.days.values()) == sum(r.actual_ns for r in records("group")[:3])


# -- the pictures -----------------------------------------------------------------------------


def test_the_strip_shortens_to_the_width_and_puts_the_words_under_it_when_narrow():
    words = ["Usually Tuesday around 19:00", "9 weeks in a row"]
    wide = render(RhythmStrip({}, 20_411, words), 80).splitlines()
    narrow = render(RhythmStrip({}, 20_411, words), 40).splitlines()
    assert wide[0] == "Rhythm: the last 26 weeks"
    assert wide[2].startswith("M " + "· " * 25 + "·  Usually Tuesday")
    assert wide[3].endswith("around 19:00")  # "around 19:00" is kept together
    assert narrow[0] == "Rhythm: the last 19 weeks"
    assert narrow[-2:] == words
    assert all(len(line) <= 40 for line in narrow)


def test_dutch_weekday_initials_and_month_names():
    i18n.set_language("nl")
    shown = render(RhythmStrip({}, 20_411, ["x"]), 80).splitlines()
    assert [line[0] for line in shown[2:9]] == list("MDWDVZZ")
    assert "okt" in shown[1] and "nov" in shown[1] and "Oct" not in shown[1]


@settings(max_examples=examples(60))
@given(st.text(min_size=1, max_size=40))
def test_any_name_is_shown_literally_never_as_markup(name):
    rows = [Balance(name, 1, 30 * MIN, 30 * MIN)]
    shown = render(BalanceBars(rows, rows, groups=False), 80)
    assert "received" in shown and "\x1b" not in shown
    from focustimer.visible import visible

    assert visible(name, 40) in shown.replace("\n", "")


def test_an_empty_log_says_so():
    with Store.open(log_path()) as store:
        overview = gather(store, NOW_NS, 3600)
    assert render(picture(overview), 80).startswith("No sessions logged yet")
    assert render(picture(overview, partner="Bob"), 80) == "No sessions match.\n"


@settings(max_examples=examples(80))
@given(
    width=st.integers(34, 240),
    lang=st.sampled_from(["en", "nl"]),
    today=st.integers(0, 30_000),
    days=st.dictionaries(st.integers(-200, 0), st.integers(0, 10**13), max_size=40),
    streak=st.integers(0, 600),
    weekday=st.none() | st.integers(0, 6),
)
def test_the_strip_fits_any_width_from_34_columns_in_either_language(
    width, lang, today, days, streak, weekday
):
    i18n.set_language(lang)
    try:
        words = rhythm_words(streak, weekday, None if weekday is None else 23)
        strip = RhythmStrip({today + d: ns for d, ns in days.items()}, today, words)
        lines = strip.render(width).plain.splitlines()
        initials = weekday_initials()
    finally:
        i18n.set_language("en")
    assert all(len(line) <= width for line in lines), lines
    weeks, beside = strip.layout(width)
    assert weeks == 26 or not beside  # the words move under before the strip shortens
    assert [line[0] for line in lines[2:9]] == initials


PEOPLE = ("Ann", "ann", "ÄNN", "änn", "Bob", "Zoë", "ZOË", "[/b]", "İlkay")


@settings(max_examples=examples(40))
@given(
    st.lists(st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=3, unique=True), max_size=8),
    st.sampled_from((*PEOPLE, "ANN", "zoë", "nobody")),
)
def test_stats_partner_chooses_the_same_sessions_as_log_partner(partnerships, partner):
    with tempfile.TemporaryDirectory() as scratch, Store.open(Path(scratch) / "s.db") as store:
        for i, names in enumerate(partnerships):
            turns = tuple(TurnRecord(n, j + 1, MIN, MIN) for j, n in enumerate(names))
            record = SessionRecord(NOW_NS - i * NS, 0, MIN * len(names), turns, "finished")
            store.begin_session(record, heartbeat_ns=record.started_ns)
        on_log = store.sessions(limit=None, partner=partner, now_ns=NOW_NS)
        overview = gather(store, NOW_NS, 0, Selection(partner=partner))
    assert overview.sessions == len(on_log)


@given(
    received=st.integers(0, 10 * 3600 * NS),
    given_ns=st.integers(0, 10 * 3600 * NS),
)
@example(received=30_900_000_000, given_ns=3_100_000_000)  # the reviewer's 0:30, 0:03, 0:26
def test_the_difference_said_is_the_difference_of_the_times_shown(received, given_ns):
    # "received 0:30, gave 0:03 · balanced within 0:27", never "within 0:26".
    row = Balance("Ann", 1, received, given_ns)
    amounts, words = summary(row)
    shown = re.findall(r"\d[\d:.]*", amounts)
    said = re.findall(r"\d[\d:.]*", words)
    assert (not said) == (words == "balanced")

    def ms(text: str) -> int:
        whole, _, frac = text.partition(".")
        seconds = 0
        for part in whole.split(":"):
            seconds = seconds * 60 + int(part)
        return seconds * 1000 + int(frac or 0)

    gap = abs(ms(shown[0]) - ms(shown[1]))
    assert (ms(said[0]) if said else 0) == gap


# -- one person, however their name was typed ---------------------------------------------------

SPELLINGS = {"ann": ("Ann", "ann", "ANN"), "bob": ("Bob", "bob"), "cas": ("Cas", "CAS")}


@settings(max_examples=examples(40))
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(sorted(SPELLINGS)), min_size=2, max_size=3, unique=True),
            st.lists(st.integers(0, 2), min_size=3, max_size=3),  # which spelling each time
            st.lists(st.integers(0, 90 * 60), min_size=3, max_size=3),
            st.integers(0, 120),  # days ago
        ),
        min_size=1,
        max_size=10,
        unique_by=lambda s: s[3],  # one session a day: "most recent" is never a tie
    )
)
def test_one_person_typed_in_different_cases_is_one_row_in_the_latest_spelling(sessions):
    received: dict[str, int] = {}
    latest: dict[str, tuple[int, str]] = {}
    with tempfile.TemporaryDirectory() as scratch, Store.open(Path(scratch) / "s.db") as store:
        for people, spelling, seconds, days_ago in sessions:
            names = [
                SPELLINGS[p][i % len(SPELLINGS[p])] for p, i in zip(people, spelling, strict=False)
            ]
            turns = tuple(
                TurnRecord(n, i + 1, 30 * MIN, s * NS)
                for i, (n, s) in enumerate(zip(names, seconds, strict=False))
            )
            start = NOW_NS - days_ago * 86_400 * NS
            store.begin_session(
                SessionRecord(start, 0, 60 * MIN, turns, "finished"), heartbeat_ns=start
            )
            for person, turn in zip(people, turns, strict=False):
                received[person] = received.get(person, 0) + turn.actual_ns
                latest[person] = max(latest.get(person, (start, turn.name)), (start, turn.name))
        overview = gather(store, NOW_NS, 0)
    shown = {person: spelt for person, (_start, spelt) in latest.items()}
    assert sorted(b.name for b in overview.balance) == sorted(shown.values())
    assert {b.name: b.received_ns for b in overview.balance} == {
        shown[p]: ns for p, ns in received.items()
    }
    assert sorted(p.name for p in overview.partners) == sorted(shown.values())
    assert {p.name: p.boss_ns for p in overview.partners} == {
        shown[p]: ns for p, ns in received.items()
    }
    assert sum(b.received_ns for b in overview.balance) == overview.total_ns
