"""Events are the whole contract: why each turn ended, and a ``Timing`` after every action that
tells the chime and the log's heartbeat what the engine's view would, at any later moment."""

from __future__ import annotations

import contextlib
import json
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.events import Timing, TurnEnded, TurnEndReason
from focustimer.engine.machine import Engine, EngineError, State
from focustimer.engine.plan import Plan
from focustimer.log.record_builder import event_row

from ..budget import examples


def make(total_s: float = 10, names=("Ann", "Bob"), **options):
    clock = FakeClock()
    engine = Engine(Plan(round(total_s * NS), tuple(names)), clock, **options)
    events: list = []
    engine.subscribe(events.append)
    return clock, engine, events


def ends(events) -> list[TurnEndReason]:
    return [e.reason for e in events if isinstance(e, TurnEnded)]


def test_a_turn_ends_by_its_deadline_by_its_boss_or_by_a_quit():
    clock, engine, events = make(30, names=("Ann", "Bob", "Cy"), auto=True)
    engine.start()
    clock.advance(10)
    engine.tick()  # Ann's time ran out
    clock.advance(4)
    engine.end_turn_early()  # Bob ended his
    clock.advance(3)
    engine.abort()  # Cy's was cut short by a quit
    assert ends(events) == [TurnEndReason.DEADLINE, TurnEndReason.EARLY, TurnEndReason.STOPPED]
    assert [e.early for e in events if isinstance(e, TurnEnded)] == [False, True, False]


def test_a_joined_turn_that_runs_out_ends_by_its_deadline():
    clock, engine, events = make(10)
    engine.join(clock.wall_ns() - 2 * NS)  # Ann's turn had run 2 s before this machine joined
    clock.advance(3)
    engine.tick()
    (ended,) = [e for e in events if isinstance(e, TurnEnded)]
    assert ended.reason is TurnEndReason.DEADLINE and ended.used_ns == 3 * NS


def test_the_log_keeps_its_rows_as_they_were():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(1)
    engine.abort()
    (ended,) = [e for e in events if isinstance(e, TurnEnded)]
    kind, _wall, data = event_row(ended)
    assert kind == "TurnEnded"
    assert json.loads(data) == {
        "at": ended.at,
        "turn": 0,
        "boss": "Ann",
        "used_ns": NS,
        "early": False,
        "is_last": False,
    }
    assert list(json.loads(data)) == ["at", "turn", "boss", "used_ns", "early", "is_last"]


def test_a_timing_follows_each_action_once_and_a_quiet_tick_says_nothing():
    clock, engine, events = make(10, warn_ns=2 * NS)
    engine.start()
    assert [type(e).__name__ for e in events] == ["SessionStarted", "TurnStarted", "Timing"]
    clock.advance(1)
    engine.tick()
    assert len(events) == 3  # nothing happened: nothing said
    engine.pause()
    clock.advance(5)
    engine.end_turn_early()  # resumes, then ends the turn: one Timing for the whole action
    kinds = [type(e).__name__ for e in events[3:]]
    assert kinds == ["Paused", "Timing", "Resumed", "TurnEnded", "TurnStarted", "Timing"]
    timing = events[-1]
    assert timing.state is State.RUNNING and timing.turn == 1 and timing.is_last


def test_a_refused_action_says_nothing():
    _clock, engine, events = make(10)
    engine.start()
    heard = len(events)
    with pytest.raises(EngineError):
        engine.advance()  # not possible while running
    assert len(events) == heard


def test_the_timing_says_when_the_cue_and_the_end_are_due():
    clock, engine, events = make(10, warn_ns=2 * NS)
    engine.start()
    timing = events[-1]
    start = clock.monotonic_ns()
    assert timing.cue_due == start + 3 * NS and timing.end_due == start + 5 * NS
    assert engine.next_deadline() == timing.cue_due
    clock.advance(3)
    engine.tick()  # the cue
    assert events[-1].cue_due is None and events[-1].end_due == start + 5 * NS
    engine.pause()
    assert events[-1].end_due is None  # nothing is due while paused


actions = st.sampled_from(
    ["tick", "toggle_pause", "advance", "end_turn_early", "sleep", "count_sleep"]
)


@settings(max_examples=examples(150))
@given(
    n=st.integers(2, 4),
    auto=st.booleans(),
    warn=st.booleans(),
    steps=st.lists(
        st.tuples(actions, st.integers(0, 4 * NS), st.lists(st.integers(0, 3 * NS), max_size=3)),
        max_size=12,
    ),
)
def test_a_timing_and_the_clock_tell_what_the_view_shows(n, auto, warn, steps):
    """What the chime and the heartbeat read from the last Timing is the view's, at any time."""
    clock = FakeClock()
    names = tuple(f"P{i}" for i in range(n))
    engine = Engine(Plan(n * 30 * NS, names), clock, auto=auto, warn_ns=3 * NS if warn else 0)
    timings: list[Timing] = []
    engine.subscribe(lambda e: timings.append(e) if isinstance(e, Timing) else None)
    engine.start()
    for action, wait, looks in steps:
        if action == "sleep":
            clock.sleep(wait / NS + 6)  # long enough to be noticed as sleep
        else:
            clock.advance_ns(wait)
        with contextlib.suppress(EngineError):  # not possible now: nothing happens
            if action == "count_sleep":
                engine.resume(count_sleep=True)
            else:
                getattr(engine, "tick" if action == "sleep" else action)()
        for look in looks:  # moments before anything is done again: no tick in between
            clock.advance_ns(look)
            view, timing, now = engine.view(), timings[-1], clock.monotonic_ns()
            assert timing.state is view.state and timing.turn == view.turn
            if view.phase in (State.RUNNING, State.TURN_OVER, State.PAUSED):
                used = view.turn_planned_ns - view.missed_ns - view.remaining_ns
                assert timing.used_at(now) == used
                if view.phase is State.TURN_OVER:
                    assert timing.overrun_at(now) == view.overrun_ns
                assert timing.all_pauses_at(now) == view.all_pauses_ns
            deadline = engine.next_deadline()
            due = timing.cue_due if timing.cue_due is not None else timing.end_due
            if view.state is State.RUNNING:
                assert due is not None and math.ceil(due) == deadline
            else:
                assert timing.end_due is None
    assert all(isinstance(t.used_ns, Fraction) for t in timings)
