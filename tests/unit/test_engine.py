"""The turn engine, driven by a fake clock: every rule of equal turns."""

from __future__ import annotations

import sys
import time
from fractions import Fraction

import pytest

from focustimer.engine import clock as clock_module
from focustimer.engine.clock import NS, FakeClock, sleep_counting_clock
from focustimer.engine.events import (
    OverrunEnded,
    Paused,
    PauseReason,
    Resumed,
    SessionAborted,
    SessionFinished,
    SessionStarted,
    TurnEnded,
    TurnStarted,
    WarningCue,
)
from focustimer.engine.machine import SINCE_CHIME_LIMIT_NS, Engine, EngineError, State
from focustimer.engine.plan import Plan

from ..engine_events import listen


def make(total_s: float = 10, names=("Ann", "Bob"), **options):
    clock = FakeClock()
    engine = Engine(Plan(round(total_s * NS), tuple(names)), clock, **options)
    events = listen(engine)
    return clock, engine, events


def kinds(events):
    return [type(e).__name__ for e in events]


def test_ten_seconds_for_two_is_five_each_then_turn_over_then_next():
    clock, engine, events = make(10)
    engine.start()
    assert kinds(events) == ["SessionStarted", "TurnStarted"]
    clock.advance(4.999)
    engine.tick()
    assert engine.state is State.RUNNING
    assert engine.view().remaining_ns == Fraction(1, 1000) * NS
    clock.advance(0.001)
    engine.tick()
    assert engine.state is State.TURN_OVER
    ended = events[-1]
    assert isinstance(ended, TurnEnded) and ended.boss == "Ann" and not ended.is_last
    assert ended.used_ns == 5 * NS


def test_turn_end_is_stamped_at_the_deadline_even_when_the_tick_is_late():
    clock, engine, events = make(10)
    engine.start()
    start = events[-1].at
    clock.advance(5.3)  # the app woke up 300 ms late
    engine.tick()
    ended = events[-1]
    assert isinstance(ended, TurnEnded)
    assert ended.at - start == 5 * NS
    assert engine.view().overrun_ns == Fraction(3, 10) * NS


def test_full_session_with_manual_next_records_each_partners_time():
    clock, engine, events = make(10, even_out=False)
    engine.start()
    clock.advance(5)
    engine.tick()
    clock.advance(2)  # two seconds before Bob presses n
    engine.advance()
    assert kinds(events)[-2:] == ["OverrunEnded", "TurnStarted"]
    assert events[-1].boss == "Bob" and events[-1].planned_ns == 5 * NS
    clock.advance(5)
    engine.tick()
    assert engine.state is State.FINISHED and events[-2].is_last  # the last chime ends it
    summary = events[-1].summary
    assert isinstance(events[-1], SessionFinished)
    assert [t.actual_ns for t in summary.turns] == [7 * NS, 5 * NS]
    assert not summary.equal and summary.spread_ns == 2 * NS


def test_auto_starts_the_next_turn_at_the_exact_end_of_the_previous_one():
    clock, engine, events = make(10, auto=True)
    engine.start()
    clock.advance(12)  # one very late tick catches up both turns
    engine.tick()
    assert kinds(events) == [
        "SessionStarted",
        "TurnStarted",
        "TurnEnded",
        "TurnStarted",
        "TurnEnded",
        "SessionFinished",
    ]
    first, second = events[1], events[3]
    assert second.at - first.at == 5 * NS
    assert events[-1].at - first.at == 10 * NS
    assert events[-1].summary.equal


def test_overrun_is_evened_out_to_the_millisecond():
    clock, engine, events = make(60 * 60)
    engine.start()
    clock.advance(30 * 60)
    engine.tick()
    clock.advance(42.123)  # Ann finishes her sentence
    engine.advance()
    bob = events[-1]
    assert isinstance(bob, TurnStarted)
    assert bob.extension_ns == Fraction(42123, 1000) * NS
    assert bob.planned_ns == 30 * 60 * NS + Fraction(42123, 1000) * NS
    clock.advance(30 * 60 + 42.123)
    engine.tick()
    summary = engine.summary()
    assert summary.equal
    assert summary.turns[0].actual_ns == summary.turns[1].actual_ns
    assert summary.evened_out_ns == Fraction(42123, 1000) * NS


def test_no_even_out_keeps_shares_and_shows_the_difference():
    clock, engine, events = make(60, even_out=False)
    engine.start()
    clock.advance(30)
    engine.tick()
    clock.advance(3)
    engine.advance()
    assert events[-1].extension_ns == 0 and events[-1].planned_ns == 30 * NS
    clock.advance(30)
    engine.tick()
    assert engine.summary().spread_ns == 3 * NS and engine.summary().evened_out_ns == 0


@pytest.mark.parametrize("auto", [False, True])
def test_the_last_chime_ends_the_session_and_the_last_turn_is_exactly_its_length(auto):
    clock, engine, events = make(10, auto=auto)
    engine.start()
    clock.advance(5)
    engine.tick()
    if not auto:
        clock.advance(2)  # Ann goes on for 2 s: evened out in Bob's turn
        engine.advance()
    clock.advance(5 if auto else 7)
    engine.tick()
    assert engine.state is State.FINISHED
    assert kinds(events)[-2:] == ["TurnEnded", "SessionFinished"]
    finished = events[-1]
    assert finished.at == events[-2].at  # at the chime, not at a key pressed later
    summary = finished.summary
    share = 5 if auto else 7
    assert [t.actual_ns for t in summary.turns] == [share * NS, share * NS]
    assert summary.turns[1].overrun_ns == 0 and summary.equal
    # Time passing after the last chime is nobody's: the summary does not move.
    clock.advance(11 * 60)
    engine.tick()
    assert engine.summary() == summary
    heard = len(events)
    engine.abort()
    assert len(events) == heard  # quitting later changes nothing either
    assert engine.state is State.FINISHED


def test_the_time_since_the_last_chime_counts_to_five_minutes_and_is_nobodys():
    clock, engine, _events = make(10, auto=True)
    engine.start()
    assert engine.view().since_chime_ns is None
    clock.advance(10.25)  # the tick comes a quarter of a second late
    engine.tick()
    assert engine.view().since_chime_ns == Fraction(1, 4) * NS  # from the chime itself
    assert engine.counting_since_chime
    clock.advance(42)
    assert engine.view().since_chime_ns == Fraction(169, 4) * NS
    clock.advance(10 * 60)
    assert engine.view().since_chime_ns == SINCE_CHIME_LIMIT_NS == 5 * 60 * NS
    assert not engine.counting_since_chime
    assert engine.summary().turns[1].actual_ns == 5 * NS


def test_a_key_stops_the_count_since_the_last_chime():
    clock, engine, _events = make(10, auto=True)
    engine.start()
    clock.advance(10)
    engine.tick()
    clock.advance(42)
    engine.stop_since_chime()
    clock.advance(60)
    assert engine.view().since_chime_ns == 42 * NS and not engine.counting_since_chime


def test_a_session_not_ended_by_the_chime_counts_nothing_since_it():
    clock, engine, _events = make(10, auto=True)
    engine.start()
    clock.advance(6)
    engine.tick()
    engine.end_turn_early()  # Bob ends the last turn himself: no chime
    assert engine.state is State.FINISHED
    clock.advance(30)
    assert engine.view().since_chime_ns is None and not engine.counting_since_chime


def test_in_a_group_every_later_boss_gets_what_the_longest_turn_had():
    clock, engine, events = make(30, names=("Ann", "Bob", "Cas"))
    engine.start()
    clock.advance(10)
    engine.tick()
    clock.advance(2)
    engine.advance()
    clock.advance(12)
    engine.tick()
    engine.advance()
    cas = events[-1]
    assert cas.boss == "Cas" and cas.planned_ns == 12 * NS
    clock.advance(12)
    engine.tick()
    assert [t.actual_ns for t in engine.summary().turns] == [12 * NS] * 3


def test_three_partners_split_a_total_that_does_not_divide_evenly_exactly():
    clock, engine, events = make(10, names=("Ann", "Bob", "Cas"), auto=True)
    engine.start()
    clock.advance(11)
    engine.tick()
    starts = [e.at for e in events if isinstance(e, TurnStarted)]
    assert [e.planned_ns for e in events if isinstance(e, TurnStarted)] == [
        Fraction(10, 3) * NS
    ] * 3
    assert starts[1] - starts[0] == starts[2] - starts[1] == Fraction(10, 3) * NS
    assert events[-1].at - starts[0] == 10 * NS


def test_pause_never_changes_the_turn_length():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(2)
    engine.pause()
    assert engine.state is State.PAUSED
    frozen = engine.view().remaining_ns
    clock.advance(100)
    engine.tick()
    assert engine.view().remaining_ns == frozen == 3 * NS
    assert engine.view().pause_ns == 100 * NS
    engine.resume()
    clock.advance(2.999)
    engine.tick()
    assert engine.state is State.RUNNING
    clock.advance(0.001)
    engine.tick()
    assert isinstance(events[-1], TurnEnded) and events[-1].used_ns == 5 * NS
    pause = engine.summary().pauses[0]
    assert pause.length_ns == 100 * NS and pause.turn == 0 and pause.reason is PauseReason.USER
    assert engine.summary().paused_ns == 100 * NS


def test_pause_during_turn_over_freezes_the_overrun():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(6)
    engine.tick()
    engine.pause()  # the phone line dropped after the chime
    clock.advance(60)
    engine.resume()
    clock.advance(1)
    engine.advance()
    overrun = next(e for e in events if isinstance(e, OverrunEnded))
    assert overrun.overrun_ns == 2 * NS


def test_pause_after_the_deadline_passed_ends_the_turn_first():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(5.2)  # no tick happened since the deadline
    engine.pause()
    assert kinds(events)[-2:] == ["TurnEnded", "Paused"]
    assert engine.view().paused_from is State.TURN_OVER


def test_ending_early_forfeits_the_rest_and_moves_nothing_to_others():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(3)
    engine.end_turn_early()
    ended = next(e for e in events if isinstance(e, TurnEnded))
    assert ended.early and ended.used_ns == 3 * NS
    bob = events[-1]
    assert isinstance(bob, TurnStarted) and bob.planned_ns == 5 * NS and bob.extension_ns == 0
    clock.advance(5)
    engine.tick()
    ann, bob_result = engine.summary().turns
    assert ann.early and ann.actual_ns == 3 * NS < ann.planned_ns
    assert bob_result.actual_ns == 5 * NS


def test_ending_the_last_turn_early_finishes_the_session():
    clock, engine, _events = make(10, auto=True)
    engine.start()
    clock.advance(6)
    engine.tick()
    engine.end_turn_early()
    assert engine.state is State.FINISHED
    assert engine.summary().turns[1].used_ns == 1 * NS


def test_ending_early_while_paused_counts_only_time_before_the_pause():
    clock, engine, _events = make(10)
    engine.start()
    clock.advance(1)
    engine.pause()
    clock.advance(30)
    engine.end_turn_early()
    assert engine.summary().turns[0].used_ns == 1 * NS
    assert engine.state is State.RUNNING and engine.view().boss == "Bob"


def test_abort_keeps_the_times_so_far():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(2)
    engine.abort()
    assert isinstance(events[-1], SessionAborted)
    assert engine.state is State.ABORTED
    assert [t.actual_ns for t in events[-1].summary.turns] == [2 * NS, 0]
    heard = len(events)
    engine.abort()
    assert len(events) == heard  # a second abort changes nothing


def test_abort_before_the_start_records_nothing():
    _clock, engine, events = make(10)
    engine.abort()
    assert engine.state is State.ABORTED and events == []


def test_quitting_after_the_last_chime_unnoticed_completes_the_session_at_the_chime():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(5)
    engine.tick()
    engine.advance()
    clock.advance(6)  # no tick came since the chime: quitting notices it first
    engine.abort()
    assert isinstance(events[-1], SessionFinished)
    assert events[-1].at == events[-2].at and events[-2].used_ns == 5 * NS
    assert events[-1].summary.turns[1].overrun_ns == 0


def test_warning_cue_sounds_before_each_turn_ends():
    clock, engine, events = make(120, warn_ns=10 * NS, auto=True)
    engine.start()
    assert engine.next_deadline() == clock.monotonic_ns() + 50 * NS
    clock.advance(50)
    engine.tick()
    assert isinstance(events[-1], WarningCue) and events[-1].boss == "Ann"
    assert engine.view().warned
    clock.advance(10)
    engine.tick()
    clock.advance(50)
    engine.tick()
    cues = [e for e in events if isinstance(e, WarningCue)]
    assert [c.boss for c in cues] == ["Ann", "Bob"]
    assert cues[1].at - cues[0].at == 60 * NS


def test_warning_longer_than_a_turn_is_not_given():
    clock, engine, events = make(10, warn_ns=60 * NS)
    engine.start()
    clock.advance(5)
    engine.tick()
    assert not [e for e in events if isinstance(e, WarningCue)]


def test_next_deadline_is_the_turn_end_and_moves_with_a_pause():
    clock, engine, _ = make(10)
    assert engine.next_deadline() is None
    engine.start()
    start = clock.monotonic_ns()
    assert engine.next_deadline() == start + 5 * NS
    clock.advance(1)
    engine.pause()
    assert engine.next_deadline() is None
    clock.advance(3)
    engine.resume()
    assert engine.next_deadline() == start + 8 * NS


def test_wall_clock_jumps_never_change_a_turn():
    clock, engine, events = make(10)
    engine.start()
    clock.advance(1)
    clock.jump_wall(-3600)  # NTP steps the clock back an hour
    engine.tick()
    clock.advance(1)
    clock.jump_wall(7200)
    engine.tick()
    assert engine.state is State.RUNNING
    assert engine.view().remaining_ns == 3 * NS
    assert not [e for e in events if isinstance(e, Paused)]


def test_sleep_pauses_at_the_moment_the_computer_fell_asleep():
    clock, engine, events = make(600)
    engine.start()
    clock.advance(100)
    engine.tick()
    clock.sleep(3600)
    clock.advance(0.5)  # the first tick after waking
    engine.tick()
    paused = events[-1]
    assert isinstance(paused, Paused) and paused.reason is PauseReason.SLEEP
    assert paused.sleep_ns == 3600 * NS
    assert engine.view().remaining_ns == 200 * NS  # 300 - 100: the turn stopped at 100 s
    assert engine.view().sleep_ns == 3600 * NS


def test_sleep_counted_as_a_pause_leaves_the_turn_as_it_was():
    clock, engine, events = make(600)
    engine.start()
    clock.advance(100)
    engine.tick()
    clock.sleep(60)
    clock.advance(1)
    engine.tick()
    engine.resume(count_sleep=False)
    assert engine.view().remaining_ns == 200 * NS
    assert isinstance(events[-1], Resumed) and events[-1].sleep_counted_ns == 0


def test_sleep_counted_as_turn_time_moves_the_turn_on():
    clock, engine, events = make(600)
    engine.start()
    clock.advance(100)
    engine.tick()
    clock.sleep(60)
    clock.advance(1)
    engine.tick()
    engine.resume(count_sleep=True)
    assert engine.view().remaining_ns == 140 * NS
    assert isinstance(events[-1], Resumed) and events[-1].sleep_counted_ns == 60 * NS


def test_sleep_counted_as_turn_time_can_end_the_turn_at_its_exact_deadline():
    clock, engine, events = make(600)
    engine.start()
    start = events[-1].at
    clock.advance(250)
    engine.tick()
    clock.sleep(120)  # the turn had 50 s left
    clock.advance(1)
    engine.tick()
    engine.resume(count_sleep=True)
    assert engine.state is State.TURN_OVER
    ended = next(e for e in events if isinstance(e, TurnEnded))
    # 250 s before sleeping, 1 s awake deciding (a pause), then 50 s of the counted sleep.
    assert ended.at - start == 301 * NS and ended.used_ns == 300 * NS
    assert engine.view().overrun_ns == 70 * NS


def test_quitting_right_after_an_unnoticed_sleep_ends_the_turn_not_an_overrun():
    clock, engine, events = make(600)
    engine.start()
    clock.advance(100)
    engine.tick()
    clock.sleep(3600)  # the lid opens and the first thing anyone does is quit
    clock.advance(1)
    engine.abort()
    aborted = events[-1]
    assert isinstance(aborted, SessionAborted)
    assert not [e for e in events if isinstance(e, OverrunEnded)]
    ann = aborted.summary.turns[0]
    assert ann.actual_ns == 100 * NS and ann.overrun_ns == 0  # the sleep is a pause
    assert [kinds(events).count(k) for k in ("Paused", "Resumed")] == [1, 1]


def test_quitting_a_pause_that_spanned_sleep_keeps_the_turn_as_it_was():
    clock, engine, events = make(600)
    engine.start()
    clock.advance(100)
    engine.pause()
    clock.sleep(3600)
    clock.advance(1)
    engine.abort()
    assert engine.state is State.ABORTED
    assert events[-1].summary.turns[0].actual_ns == 100 * NS
    assert kinds(events).count("Paused") == 1


def test_resuming_a_pause_that_spanned_sleep_resumes_once():
    clock, engine, events = make(600)
    engine.start()
    clock.advance(100)
    engine.pause()
    clock.advance(5)
    clock.sleep(3600)  # the user paused, then closed the lid
    clock.advance(5)
    engine.resume()
    assert engine.state is State.RUNNING
    assert kinds(events).count("Paused") == 1  # the sleep was inside the pause already
    assert engine.view().remaining_ns == 200 * NS
    assert engine.view().all_pauses_ns == 10 * NS


def test_the_sleep_pause_begins_when_the_computer_was_last_seen_awake():
    clock, engine, events = make(10, auto=True)
    engine.start()
    clock.advance(4)
    engine.tick()
    clock.advance(2)  # awake for 2 s, but before or after the sleep? Assume before.
    clock.sleep(600)
    engine.tick()
    assert kinds(events)[-1] == "Paused"
    assert engine.view().boss == "Ann" and engine.view().remaining_ns == 1 * NS


def test_scheduled_start_begins_at_the_agreed_wall_clock_second():
    clock, engine, events = make(10, auto=True)
    target = clock.wall_ns() + 30 * NS
    engine.schedule(target)
    assert engine.state is State.SCHEDULED
    assert engine.view().starts_in_ns == 30 * NS
    assert engine.next_deadline() == clock.monotonic_ns() + 30 * NS
    clock.advance(30.2)  # this tick came 200 ms late
    engine.tick()
    started = next(e for e in events if isinstance(e, SessionStarted))
    assert started.wall_ns == target
    assert engine.view().remaining_ns == Fraction(48, 10) * NS


def test_a_scheduled_start_passed_while_waiting_starts_at_that_exact_moment():
    clock, engine, _events = make(10)
    clock.advance(1)  # the engine was already waiting when the agreed second passed
    engine.tick()
    clock.advance(0.4)
    engine.schedule(clock.wall_ns() - round(0.3 * NS))
    engine.tick()
    assert engine.state is State.RUNNING
    assert engine.view().remaining_ns == Fraction(47, 10) * NS


def test_a_scheduled_start_never_begins_before_the_engine_was_last_awake():
    clock, engine, _events = make(10)
    clock.advance(1)
    engine.tick()
    engine.schedule(clock.wall_ns() - 60 * NS)  # long past: start now, not a minute ago
    engine.tick()
    assert engine.view().remaining_ns == 5 * NS


def test_set_first_rotates_the_circle_of_partners():
    _clock, engine, events = make(30, names=("Ann", "Bob", "Cas"))
    engine.set_first("Bob")
    engine.start()
    assert engine.plan.names == ("Bob", "Cas", "Ann")
    assert events[-1].boss == "Bob"
    with pytest.raises(EngineError):
        engine.set_first("Ann")


@pytest.mark.parametrize("action", ["advance", "resume", "end_turn_early"])
def test_actions_that_make_no_sense_are_refused(action):
    _, engine, _ = make(10)
    with pytest.raises(EngineError):
        getattr(engine, action)()


def test_view_reports_progress_over_the_whole_session():
    clock, engine, _ = make(10)
    engine.start()
    clock.advance(2.5)
    view = engine.view()
    assert view.session_done_ns / view.session_planned_ns == Fraction(1, 4)
    assert view.boss == "Ann" and view.next_boss == "Bob" and not view.is_last


def test_wall_times_of_turns_are_recorded():
    clock, engine, _ = make(10, auto=True)
    wall0 = clock.wall_ns()
    engine.start()
    clock.advance(11)
    engine.tick()
    ann, bob = engine.summary().turns
    assert ann.started_wall == wall0 and ann.ended_wall == wall0 + 5 * NS
    assert bob.started_wall == wall0 + 5 * NS and bob.ended_wall == wall0 + 10 * NS


def test_the_system_clock_never_takes_a_wall_clock_step_for_sleep(monkeypatch):
    if clock_module.sleep_counting_clock() is None:
        pytest.skip("no clock that counts sleep here")
    monkeypatch.setattr(clock_module, "sleep_counting_clock", lambda: None)
    real = clock_module.SystemClock()
    engine = Engine(Plan(600 * NS, ("Ann", "Bob")), real)
    engine.start()
    monkeypatch.setattr(clock_module.time, "time_ns", lambda: 10**18 * 3)  # NTP steps far
    engine.tick()
    assert engine.state is State.RUNNING


def test_where_to_look_for_a_clock_that_counts_sleep():
    assert sleep_counting_clock("win32") is None
    assert sleep_counting_clock("freebsd14") is None
    if sys.platform.startswith("linux"):
        assert sleep_counting_clock("linux") == time.CLOCK_BOOTTIME


def test_sleep_during_an_overrun_is_not_blamed_on_the_next_turn():
    clock, engine, events = make(600)
    engine.start()
    clock.advance(300)
    engine.tick()  # Ann's time is up
    clock.advance(10)
    engine.tick()
    clock.sleep(3600)
    clock.advance(0.5)
    engine.advance()  # the first key on waking comes before the first tick
    clock.advance(0.5)
    engine.tick()
    assert engine.state is State.RUNNING and engine.view().boss == "Bob"
    # Bob: his 300 s and Ann's 10 s over (evened out), 0.5 s of it gone.
    assert engine.view().remaining_ns == Fraction(309_500_000_000)
    assert not [e for e in events if isinstance(e, Paused) and e.turn == 1]
    (over,) = [e for e in events if isinstance(e, OverrunEnded)]
    assert over.overrun_ns == 10 * NS  # the sleep, and deciding after it, were a pause


def test_sleep_before_the_start_belongs_to_no_turn():
    clock, engine, events = make(600)
    engine.tick()
    clock.sleep(3600)
    engine.start()
    clock.advance(1)
    engine.tick()
    assert engine.state is State.RUNNING and engine.view().remaining_ns == 299 * NS
    assert not [e for e in events if isinstance(e, Paused)]


# -- a late partner joins the schedule (--at a time that has passed) ---------------------------


def late_join(total_s, late_s, names=("Ann", "Bob"), **options):
    clock, engine, events = make(total_s, names=names, **options)
    start_wall = clock.wall_ns() - round(late_s * NS)
    engine.join(start_wall)
    return clock, engine, events, start_wall


@pytest.mark.parametrize("auto", [True, False])
def test_joining_five_seconds_late_continues_anns_turn_with_what_it_has_left(auto):
    clock, engine, events, start_wall = late_join(60 * 60, 5, auto=auto)
    assert kinds(events) == ["SessionStarted", "TurnStarted"]
    started, ann = events
    assert started.wall_ns == start_wall and started.joined_ns == 5 * NS  # the true start
    assert ann.boss == "Ann" and ann.wall_ns == clock.wall_ns()  # ran here from now
    view = engine.view()
    assert view.boss == "Ann" and view.remaining_ns == (30 * 60 - 5) * NS
    assert view.joined_ns == 5 * NS and view.missed_ns == 5 * NS
    assert view.session_done_ns == 5 * NS  # the schedule's progress, not this machine's
    clock.advance(30 * 60 - 5)
    engine.tick()
    ended = next(e for e in events if isinstance(e, TurnEnded))
    assert ended.used_ns == (30 * 60 - 5) * NS
    assert ended.wall_ns == start_wall + 30 * 60 * NS  # Ann's chime at 20:00:00, as scheduled
    if not auto:
        engine.advance()
    clock.advance(30 * 60)
    engine.tick()
    assert engine.state is State.FINISHED
    summary = engine.summary()
    assert [t.actual_ns for t in summary.turns] == [(30 * 60 - 5) * NS, 30 * 60 * NS]
    assert [t.missed_ns for t in summary.turns] == [5 * NS, 0]
    assert summary.joined_ns == 5 * NS and summary.equal  # as the schedule had it


def test_joining_in_bobs_turn_misses_anns_whole_turn():
    clock, engine, events, start_wall = late_join(60 * 60, 35 * 60, auto=True)
    assert kinds(events) == ["SessionStarted", "TurnStarted"]
    assert events[1].boss == "Bob" and events[1].turn == 1 and events[1].extension_ns == 0
    view = engine.view()
    assert view.boss == "Bob" and view.remaining_ns == 25 * 60 * NS
    assert view.session_done_ns == 35 * 60 * NS
    clock.advance(25 * 60)
    engine.tick()
    summary = engine.summary()
    ann, bob = summary.turns
    assert (ann.actual_ns, ann.missed_ns, ann.started_wall) == (0, 30 * 60 * NS, None)
    assert (bob.actual_ns, bob.missed_ns) == (25 * 60 * NS, 5 * 60 * NS)
    assert events[-1].wall_ns == start_wall + 60 * 60 * NS and summary.equal


def test_joining_a_group_finds_the_turn_the_schedule_has_reached():
    clock, engine, _events, _start = late_join(30, 21.5, names=("Ann", "Bob", "Cas"), auto=True)
    view = engine.view()
    assert view.boss == "Cas" and view.remaining_ns == Fraction(17, 2) * NS
    clock.advance(8.5)
    engine.tick()
    assert engine.state is State.FINISHED
    assert [t.actual_ns for t in engine.summary().turns] == [0, 0, Fraction(17, 2) * NS]


def test_joining_exactly_at_a_turns_start_misses_nothing_of_it():
    _clock, engine, _events, _start = late_join(10, 5, auto=True)
    assert engine.view().boss == "Bob" and engine.view().missed_ns == 0
    assert engine.view().remaining_ns == 5 * NS


def test_a_pause_after_joining_holds_the_turn_as_anywhere():
    clock, engine, _events, _start = late_join(10, 2, auto=True)
    engine.pause()
    clock.advance(4)
    engine.resume()
    assert engine.view().remaining_ns == 3 * NS
    clock.advance(3)
    engine.tick()
    assert engine.view().boss == "Bob"


def test_ending_a_joined_turn_early_counts_only_the_time_here():
    clock, engine, _events, _start = late_join(10, 2)
    clock.advance(1)
    engine.end_turn_early()
    ann = engine.summary().turns[0]
    assert ann.used_ns == 1 * NS and ann.missed_ns == 2 * NS and ann.early


def test_a_warning_due_before_joining_is_not_given_again():
    clock, engine, events, _start = late_join(10, 4, warn_ns=2 * NS, auto=True)
    assert engine.view().warned
    clock.advance(1)
    engine.tick()
    assert not [e for e in events if isinstance(e, WarningCue) and e.turn == 0]
    clock.advance(2)  # Bob's turn: 2 s in, his warning is due at 3 s
    engine.tick()
    assert not engine.view().warned
    clock.advance(1)
    engine.tick()
    assert [e.turn for e in events if isinstance(e, WarningCue)] == [1]


def test_a_warning_still_ahead_after_joining_comes_on_time():
    clock, engine, events, start_wall = late_join(10, 1, warn_ns=2 * NS, auto=True)
    assert not engine.view().warned
    clock.advance(2)
    engine.tick()
    (cue,) = [e for e in events if isinstance(e, WarningCue)]
    assert cue.wall_ns == start_wall + 3 * NS


def test_an_evened_out_overrun_counts_the_time_before_joining():
    clock, engine, events, _start = late_join(10, 2)  # Ann's turn, 3 s left here
    clock.advance(3)
    engine.tick()
    clock.advance(1)  # Ann runs 1 s over: Bob gets 6 s, as Ann had 5 + 1
    engine.advance()
    assert events[-1].extension_ns == 1 * NS
    clock.advance(6)
    engine.tick()
    assert engine.summary().equal


def test_joining_after_the_schedule_ended_finishes_at_once_with_nobodys_time():
    _clock, engine, events, _start = late_join(10, 12, auto=True)
    assert engine.state is State.FINISHED
    assert kinds(events) == ["SessionStarted", "SessionFinished"]
    assert all(t.actual_ns == 0 for t in engine.summary().turns)


def test_join_is_only_for_a_session_not_started():
    clock, engine, _events = make(10)
    engine.start()
    with pytest.raises(EngineError):
        engine.join(clock.wall_ns())
