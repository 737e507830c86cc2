"""Taking up a session that was cut off (Engine.continue_from), on the fake clock."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.events import (
    OverrunEnded,
    Paused,
    PauseReason,
    Resumed,
    SessionContinued,
    TurnEnded,
    TurnStarted,
    WarningCue,
)
from focustimer.engine.machine import Engine, State
from focustimer.engine.plan import Plan
from focustimer.engine.progress import Progress, TurnProgress
from focustimer.engine.turns import PauseRecord

from ..budget import examples
from ..engine_events import listen

MIN = 60 * NS


def engine_for(total_min=60, names=("Ann", "Bob"), **options):
    clock = FakeClock()
    engine = Engine(Plan(total_min * MIN, tuple(names)), clock, **options)
    events = listen(engine)
    return clock, engine, events


def cut_off_in_anns_turn(clock, used_min=7.75):
    """Ann had 7:45 of her 30:00 when the laptop lid killed the terminal, 10 minutes ago."""
    return Progress(
        current=0,
        turns=(TurnProgress(used_ns=round(used_min * MIN), started_wall=111), TurnProgress()),
        cut_off_wall=clock.wall_ns() - 10 * MIN,
    )


def test_before_the_start_the_view_shows_what_will_go_on():
    clock, engine, events = engine_for()
    engine.continue_from(cut_off_in_anns_turn(clock))
    view = engine.view()
    assert engine.state is State.READY and events == []
    assert view.boss == "Ann" and view.remaining_ns == (22 * 60 + 15) * NS
    assert view.turn_planned_ns == 30 * MIN and view.session_done_ns == Fraction(31, 4) * MIN


def test_the_cut_off_turn_goes_on_with_the_time_it_had_left_and_the_gap_is_a_pause():
    clock, engine, events = engine_for()
    engine.continue_from(cut_off_in_anns_turn(clock))
    wall = clock.wall_ns()
    engine.start()
    assert [type(e) for e in events] == [SessionContinued, Paused, Resumed]
    went_on, paused, resumed = events
    assert (went_on.turn, went_on.gap_ns, went_on.wall_ns) == (0, 10 * MIN, wall)
    assert paused.reason is PauseReason.CUT_OFF and paused.wall_ns == wall - 10 * MIN
    assert resumed.paused_ns == 10 * MIN
    assert engine.view().remaining_ns == (22 * 60 + 15) * NS
    clock.advance(22 * 60 + 15)
    engine.tick()
    ended = next(e for e in events if isinstance(e, TurnEnded))
    assert ended.used_ns == 30 * MIN and ended.wall_ns == wall + (22 * 60 + 15) * NS
    clock.advance(3)  # Ann finishes her sentence: evened out as ever
    engine.advance()
    assert events[-1].boss == "Bob" and events[-1].extension_ns == 3 * NS
    clock.advance(30 * 60 + 3)
    engine.tick()
    summary = engine.summary()
    assert summary.status == "finished" and summary.equal
    assert [t.actual_ns for t in summary.turns] == [30 * MIN + 3 * NS] * 2
    assert summary.turns[0].started_wall == 111  # when it really started, in the first run
    (gap,) = summary.pauses
    assert gap.length_ns == 10 * MIN and gap.reason is PauseReason.CUT_OFF


def test_earlier_pauses_are_kept_and_the_gap_is_added():
    clock, engine, _events = engine_for()
    earlier = PauseRecord(0, PauseReason.USER, 0, 5, 2 * MIN, 5 + 2 * MIN)
    progress = cut_off_in_anns_turn(clock)
    engine.continue_from(Progress(progress.current, progress.turns, progress.cut_off_wall,
                                  pauses=(earlier,)))  # fmt: skip
    engine.start()
    assert [p.reason for p in engine.summary().pauses] == [PauseReason.USER, PauseReason.CUT_OFF]
    assert engine.summary().paused_ns == 12 * MIN


def test_cut_off_after_the_chime_the_next_boss_starts_with_the_overrun_evened_out():
    clock, engine, events = engine_for()
    progress = Progress(
        current=0,
        turns=(TurnProgress(used_ns=30 * MIN, overrun_ns=42 * NS), TurnProgress()),
        cut_off_wall=clock.wall_ns() - 60 * NS,
        after_chime=True,
    )
    engine.continue_from(progress)
    view = engine.view()
    assert view.boss == "Ann" and view.next_boss == "Bob" and view.remaining_ns == 0
    engine.start()
    overrun = next(e for e in events if isinstance(e, OverrunEnded))
    assert overrun.overrun_ns == 42 * NS  # as saved: the gap is a pause, nobody's
    bob = next(e for e in events if isinstance(e, TurnStarted))
    assert bob.boss == "Bob" and bob.planned_ns == 30 * MIN + 42 * NS
    clock.advance(30 * 60 + 42)
    engine.tick()
    assert engine.state is State.FINISHED and engine.summary().equal


def test_cut_off_in_the_last_turn_goes_on_to_the_last_chime():
    clock, engine, _events = engine_for(auto=True)
    progress = Progress(
        current=1,
        turns=(TurnProgress(used_ns=30 * MIN), TurnProgress(used_ns=29 * MIN)),
        cut_off_wall=clock.wall_ns(),
    )
    engine.continue_from(progress)
    engine.start()
    clock.advance(60)
    engine.tick()
    assert engine.state is State.FINISHED
    assert [t.actual_ns for t in engine.summary().turns] == [30 * MIN, 30 * MIN]


def test_a_warning_given_before_the_cut_off_is_not_given_again():
    clock, engine, events = engine_for(warn_ns=2 * MIN)
    progress = Progress(
        current=0,
        turns=(TurnProgress(used_ns=29 * MIN, warned=True), TurnProgress()),
        cut_off_wall=clock.wall_ns(),
    )
    engine.continue_from(progress)
    engine.start()
    clock.advance(60)
    engine.tick()
    assert not [e for e in events if isinstance(e, WarningCue)]


def test_a_warning_still_ahead_comes_on_time_after_going_on():
    clock, engine, events = engine_for(warn_ns=2 * MIN)
    engine.continue_from(cut_off_in_anns_turn(clock))
    engine.start()
    clock.advance(20 * 60 + 14)
    engine.tick()
    assert not [e for e in events if isinstance(e, WarningCue)]
    clock.advance(1)
    engine.tick()
    assert [e.remaining_ns for e in events if isinstance(e, WarningCue)] == [2 * MIN]


def test_ending_the_continued_turn_early_counts_the_time_before_the_cut_off():
    clock, engine, _events = engine_for()
    engine.continue_from(cut_off_in_anns_turn(clock))
    engine.start()
    clock.advance(60)
    engine.end_turn_early()
    ann = engine.summary().turns[0]
    assert ann.early and ann.used_ns == Fraction(35, 4) * MIN


def test_quitting_the_continued_session_keeps_both_runs():
    clock, engine, _events = engine_for()
    engine.continue_from(cut_off_in_anns_turn(clock))
    engine.start()
    clock.advance(15)
    engine.abort()
    assert engine.summary().turns[0].actual_ns == Fraction(31, 4) * MIN + 15 * NS


def test_a_clock_set_back_makes_no_negative_gap():
    clock, engine, events = engine_for()
    progress = cut_off_in_anns_turn(clock)
    engine.continue_from(Progress(0, progress.turns, clock.wall_ns() + 5 * MIN))
    engine.start()
    assert events[0].gap_ns == 0 and engine.view().remaining_ns == (22 * 60 + 15) * NS


@pytest.mark.parametrize(
    ("progress", "problem"),
    [
        (Progress(0, (TurnProgress(),), 0), "one turn's progress per partner"),
        (Progress(2, (TurnProgress(), TurnProgress()), 0), "not in the session"),
        (Progress(0, (TurnProgress(), TurnProgress(used_ns=1)), 0), "after the current"),
        (Progress(1, (TurnProgress(), TurnProgress(used_ns=1)), 0, True), "the last chime"),
        (Progress(0, (TurnProgress(used_ns=-1), TurnProgress()), 0), "negative"),
        (Progress(0, (TurnProgress(used_ns=31 * MIN), TurnProgress()), 0, True), "past its"),
        (Progress(0, (TurnProgress(used_ns=30 * MIN), TurnProgress()), 0), "after its chime"),
    ],
)
def test_progress_that_does_not_fit_the_plan_is_refused(progress, problem):
    _clock, engine, _events = engine_for()
    with pytest.raises(ValueError, match=problem):
        engine.continue_from(progress)
    assert engine.state is State.READY


def test_only_a_session_not_started_can_be_continued():
    clock, engine, _events = engine_for()
    engine.start()
    with pytest.raises(RuntimeError):
        engine.continue_from(cut_off_in_anns_turn(clock))


@settings(max_examples=examples(100))
@given(
    n=st.integers(2, 8),
    total_s=st.integers(1, 24 * 3600),
    cut=st.floats(0, 1, exclude_max=True),
    gap_s=st.integers(0, 12 * 3600),
)
def test_a_session_cut_anywhere_and_continued_ends_with_each_partner_their_share(
    n, total_s, cut, gap_s
):
    """The issue's promise for resume: each partner's total equals their share."""
    plan = Plan(total_s * NS, tuple(f"P{i}" for i in range(n)))
    share = plan.share_ns
    cut_ns = Fraction(plan.total_ns) * Fraction(cut)
    current = int(cut_ns // share)
    turns = tuple(
        TurnProgress(used_ns=share if i < current else (cut_ns - i * share if i == current else 0))
        for i in range(n)
    )
    clock = FakeClock()
    engine = Engine(plan, clock, auto=True)
    engine.continue_from(Progress(current, turns, clock.wall_ns() - gap_s * NS))
    engine.start()
    while engine.state is not State.FINISHED:
        clock.advance_ns(max(1, engine.next_deadline() - clock.monotonic_ns()))
        engine.tick()
    summary = engine.summary()
    assert [t.actual_ns for t in summary.turns] == [share] * n and summary.equal
    assert summary.paused_ns == gap_s * NS
