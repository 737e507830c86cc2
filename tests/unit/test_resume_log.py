"""Resume in the log: a session cut off is found and goes on in its own row (real SQLite files)."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine, State
from focustimer.engine.plan import Plan
from focustimer.log import Recorder, Store, find_cut_off
from focustimer.log.record_builder import RecordBuilder, event_row

from ..budget import examples
from ..engine_events import listen

MIN = 60 * NS


def run_until(engine, clock, recorder, seconds, step=0.5):
    """The app's loop on the fake clock: tick and heartbeat every ``step`` seconds (coarser
    over long stretches: each heartbeat is a write to a real file)."""
    step = step if seconds <= 120 else 5
    for _ in range(round(seconds / step)):
        clock.advance(step)
        engine.tick()
        recorder.heartbeat()


def first_run(
    path, clock, *, names=("Ann", "Bob"), total_min=60, auto=False, even_out=True, warn_ns=0
):
    plan = Plan(round(total_min * MIN), names)
    engine = Engine(plan, clock, auto=auto, even_out=even_out, warn_ns=warn_ns)
    recorder = Recorder(engine.clock, path)
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    return engine, recorder


def killed(recorder):
    """What a kill -9 leaves: whatever the writer had saved; the process gone."""
    assert recorder.flush(timeout=60)
    recorder.close()


def find(path, clock, partners=None):
    with Store.open(path) as store:
        return find_cut_off(store, clock.wall_ns(), partners)


def second_run(path, clock, cut):
    engine = Engine(cut.plan, clock, auto=cut.auto, even_out=cut.even_out)
    engine.continue_from(cut.progress)
    recorder = Recorder(engine.clock, path, continuing=cut.record)
    engine.subscribe(recorder)
    recorder.start()
    return engine, recorder


def cut_off_ten_seconds_in(path, clock):
    """Ann and Bob's session, killed 10 s into Ann's turn, found a minute later."""
    engine, recorder = first_run(path, clock)
    run_until(engine, clock, recorder, 10)
    killed(recorder)
    clock.advance(60)
    return find(path, clock)


def sessions(path, clock):
    with Store.open(path) as store:
        return store.sessions(limit=None, now_ns=clock.wall_ns())


def test_killed_mid_turn_it_goes_on_in_the_same_row_with_the_gap_as_a_pause(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock)
    run_until(engine, clock, recorder, 7 * 60 + 45)
    killed(recorder)
    (before,) = sessions(path, clock)
    clock.advance(10 * 60)

    cut = find(path, clock)
    assert cut is not None and cut.session_id == before.id
    assert cut.plan.names == ("Ann", "Bob") and cut.progress.current == 0
    assert abs(cut.progress.turns[0].used_ns - (7 * 60 + 45) * NS) <= NS // 2  # the heartbeat
    engine, recorder = second_run(path, clock, cut)
    left = engine.view().remaining_ns
    engine.start()
    run_until(engine, clock, recorder, float(left) / NS)
    clock.advance(4)  # Ann finishes her sentence: evened out as ever
    engine.advance()
    run_until(engine, clock, recorder, 30 * 60 + 4)
    assert engine.state is State.FINISHED
    killed(recorder)

    (after,) = sessions(path, clock)  # one session, not two
    assert after.id == before.id and after.status == "finished"
    assert after.started_ns == before.started_ns
    assert [t.actual_ns for t in after.turns] == [30 * MIN + 4 * NS] * 2
    (gap,) = after.pauses
    assert gap.reason == "cut_off" and gap.turn == 1
    assert gap.end_ns - gap.start_ns == after.paused_ns
    assert abs(after.paused_ns - 10 * MIN) <= NS // 2
    with Store.open(path) as store:
        kinds = [k for k, _ in store.events_of(after.id, ("SessionStarted", "SessionContinued"))]
    assert kinds == ["SessionStarted", "SessionContinued"]
    assert find(path, clock) is None  # finished: nothing more to resume


def test_a_session_quit_by_mistake_goes_on_with_its_rule_and_earlier_pauses(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock, names=("Ann", "Bob", "Cas"), total_min=3,
                                 auto=True, even_out=False)  # fmt: skip
    run_until(engine, clock, recorder, 30)
    engine.pause()
    clock.advance(20)
    engine.resume()
    run_until(engine, clock, recorder, 40)  # 1:10 into Bob's turn: Ann ended, Cas to come
    engine.abort()  # q q
    killed(recorder)
    clock.advance(3600)

    cut = find(path, clock, partners=("cas", "ANN", "bob"))
    assert cut is not None and (cut.auto, cut.even_out) == (True, False)
    assert cut.progress.current == 1 and cut.progress.turns[1].used_ns == 10 * NS
    engine, recorder = second_run(path, clock, cut)
    assert engine.view().remaining_ns == 50 * NS
    engine.start()
    run_until(engine, clock, recorder, 50 + 60)  # --auto: Cas follows Bob without a key
    assert engine.state is State.FINISHED
    killed(recorder)
    (after,) = sessions(path, clock)
    assert [t.actual_ns for t in after.turns] == [MIN] * 3
    assert [p.reason for p in after.pauses] == ["user", "cut_off"]
    assert after.paused_ns == 20 * NS + 3600 * NS


def test_cut_off_after_the_chime_the_next_boss_goes_on_with_the_overrun_evened_out(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock, total_min=2)
    run_until(engine, clock, recorder, 60 + 42)  # 42 s past Ann's chime, no n yet
    assert engine.state is State.TURN_OVER
    killed(recorder)
    clock.advance(60)

    cut = find(path, clock)
    assert cut is not None and cut.progress.after_chime
    engine, recorder = second_run(path, clock, cut)
    engine.start()
    assert engine.view().boss == "Bob" and engine.view().turn_planned_ns == 60 * NS + 42 * NS
    run_until(engine, clock, recorder, 60 + 42)
    killed(recorder)
    (after,) = sessions(path, clock)
    assert after.status == "finished"
    assert [t.actual_ns for t in after.turns] == [60 * NS + 42 * NS] * 2


@pytest.mark.parametrize(
    ("gap_s", "partners", "found"),
    [
        (11 * 3600, None, True),
        (12 * 3600 + 1, None, False),  # cut off too long ago
        (60, ("Ann", "Cas"), False),  # other partners
        (60, ("bob", "ann"), True),  # the same people, in any case and order
    ],
)
def test_what_is_offered(tmp_path, gap_s, partners, found):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock)
    run_until(engine, clock, recorder, 10)
    killed(recorder)
    clock.advance(gap_s)
    assert (find(path, clock, partners) is not None) is found


def test_nothing_to_resume_when_the_last_chime_came_or_the_process_is_alive(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock, auto=True)
    run_until(engine, clock, recorder, 10)
    assert recorder.flush()
    assert find(path, clock) is None  # still running, its heartbeat fresh
    run_until(engine, clock, recorder, 3590)
    assert engine.state is State.FINISHED
    killed(recorder)
    clock.advance(60)
    assert find(path, clock) is None


def test_two_resumes_of_one_session_cannot_both_take_it_up(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    cut = cut_off_ten_seconds_in(path, clock)
    with Store.open(path) as store:
        assert store.take_up(cut.session_id, heartbeat_ns=clock.wall_ns())
        assert not store.take_up(cut.session_id, heartbeat_ns=clock.wall_ns())


def test_a_session_after_which_the_partners_met_again_is_not_offered(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock, names=("Ann", "Bob"))
    run_until(engine, clock, recorder, 10)
    killed(recorder)
    clock.advance(60)
    engine, recorder = first_run(path, clock, names=("Cas", "Dirk"))
    run_until(engine, clock, recorder, 10)
    killed(recorder)
    clock.advance(60)
    assert find(path, clock).plan.names == ("Cas", "Dirk")
    assert find(path, clock, ("Ann", "Bob")) is not None  # another pair met in between
    engine, recorder = first_run(path, clock, names=("bob", "ann"), total_min=1, auto=True)
    run_until(engine, clock, recorder, 60)
    killed(recorder)
    assert find(path, clock, ("Ann", "Bob")) is None  # they met again since


def test_a_session_cut_off_twice_goes_on_twice_and_ends_with_each_partners_share(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock, total_min=2)
    run_until(engine, clock, recorder, 20)
    killed(recorder)
    clock.advance(30)
    engine, recorder = second_run(path, clock, find(path, clock))
    engine.start()
    run_until(engine, clock, recorder, 60)  # Ann's chime, then 20 s past it
    killed(recorder)
    clock.advance(30)
    cut = find(path, clock)
    assert cut.progress.after_chime and cut.progress.turns[0].overrun_ns == 20 * NS
    engine, recorder = second_run(path, clock, cut)
    engine.start()
    run_until(engine, clock, recorder, 80)
    assert engine.state is State.FINISHED
    killed(recorder)
    (after,) = sessions(path, clock)
    assert [t.actual_ns for t in after.turns] == [80 * NS] * 2
    assert [p.reason for p in after.pauses] == ["cut_off", "cut_off"]
    assert after.paused_ns == 60 * NS


def test_a_second_timer_resuming_the_same_session_says_it_is_not_saved(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    cut = cut_off_ten_seconds_in(path, clock)
    first, first_recorder = second_run(path, clock, cut)
    second, second_recorder = second_run(path, clock, cut)
    first.start()
    assert first_recorder.flush(timeout=60)
    second.start()
    assert second_recorder.flush(timeout=60)
    assert first_recorder.problems == []
    assert second_recorder.problems == [
        "This session will not be saved: another focustimer has resumed it already"
    ]
    run_until(first, clock, first_recorder, 5)
    killed(first_recorder)
    killed(second_recorder)
    (after,) = sessions(path, clock)
    assert after.turns[0].actual_ns == 15 * NS  # the first timer's, untouched by the second


@settings(max_examples=examples(40))
@given(
    n=st.integers(2, 4),
    total_s=st.integers(8, 40),
    auto=st.booleans(),
    steps=st.lists(st.sampled_from(["run", "pause", "n", "early"]), max_size=12),
    gap_s=st.integers(0, 3 * 3600),
)
@example(n=3, total_s=16, auto=False, steps=["run"] * 4, gap_s=11)  # cut off after a chime
def test_a_session_cut_off_anywhere_resumed_ends_equal_in_one_row(n, total_s, auto, steps, gap_s):
    """Whatever the session was doing when it was cut off (running, paused, after a chime,
    after a turn ended early), resumed it ends with the turns equal, in its own row."""
    with tempfile.TemporaryDirectory() as folder:
        path, clock = Path(folder) / "sessions.db", FakeClock()
        names = tuple(f"P{i}" for i in range(n))
        engine, recorder = first_run(path, clock, names=names, total_min=total_s / 60, auto=auto)
        for step in steps:
            if engine.state is State.FINISHED:
                break
            if step == "run":
                run_until(engine, clock, recorder, 1.5)
            elif step == "pause" and engine.state in (State.RUNNING, State.TURN_OVER):
                engine.pause()
                run_until(engine, clock, recorder, 1)
                engine.resume()
            elif step == "n" and engine.state is State.TURN_OVER:
                engine.advance()
            elif step == "early" and engine.state is State.RUNNING:
                engine.end_turn_early()
        killed(recorder)
        clock.advance(gap_s)
        cut = find(path, clock)
        if cut is None:
            return  # the session had ended (the last chime)
        engine, recorder = second_run(path, clock, cut)
        engine.start()
        while engine.state is not State.FINISHED:  # n at each chime: no overrun after resume
            if engine.state is State.TURN_OVER:
                engine.advance()
            due = engine.next_deadline() - clock.monotonic_ns()
            clock.advance_ns(max(1, min(NS // 2, math.ceil(due))))
            engine.tick()
            recorder.heartbeat()
        killed(recorder)
        (after,) = sessions(path, clock)
        assert after.id == cut.session_id and after.status == "finished"
        early = {t.order for t in after.turns if t.actual_ns < t.planned_ns - NS // 1000}
        full = [t.actual_ns for t in after.turns if t.order not in early]
        # Evening out gives each later turn the overruns before it, so one overrun (the turn
        # cut off after its chime, say) ends equal; a later boss's overrun cannot be given
        # back to the bosses before, in a group, and the finished screen says so.
        if sum(1 for t in after.turns if t.overrun_ns > 2) <= 1 or n == 2:
            assert max(full) - min(full) <= 2, after  # equal, to a rounding of nanoseconds
        assert after.pauses[-1].reason == "cut_off"
        event("resumed")
        assert after.paused_ns == sum(p.end_ns - p.start_ns for p in after.pauses)


def test_the_row_and_its_first_event_are_written_together(tmp_path):
    """A kill between two writes must not leave a row whose rule (--auto) is unknown."""
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine = Engine(Plan(MIN, ("Ann", "Bob")), clock, auto=True)
    rows = []
    engine.subscribe(lambda event: rows.append(event_row(event)))
    builder = RecordBuilder()
    engine.subscribe(builder.apply)
    engine.start()
    with Store.open(path) as store:
        sid = store.begin_session(builder.record, heartbeat_ns=clock.wall_ns(), events=rows)
        kinds = [(k, f.get("auto")) for k, f in store.events_of(sid, ("SessionStarted",))]
    assert kinds == [("SessionStarted", True)]


def test_an_unsaved_session_goes_on_from_where_its_times_were_saved(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock)
    run_until(engine, clock, recorder, 10)
    killed(recorder)
    with Store.open(path) as store:
        (row,) = store.sessions(now_ns=clock.wall_ns())
        saved = store.heartbeat_of(row.id)
        assert store.mark_unsaved(row.id, saved)  # the disk was full from then on
    clock.advance(600)
    assert sessions(path, clock)[0].status == "unsaved"
    cut = find(path, clock)
    assert cut is not None and cut.cut_off_ns == saved
    engine, recorder = second_run(path, clock, cut)
    engine.start()
    run_until(engine, clock, recorder, 5)
    killed(recorder)
    with Store.open(path) as store:
        unsaved = store.db.execute("SELECT unsaved_ns FROM sessions").fetchall()
    assert unsaved == [(None,)]  # taken up: saved again from here


def test_a_warning_cue_given_before_the_cut_off_is_not_given_again(tmp_path):
    path, clock = tmp_path / "sessions.db", FakeClock()
    engine, recorder = first_run(path, clock, total_min=4, warn_ns=MIN)
    run_until(engine, clock, recorder, 70)  # the cue came at 1:00 of Ann's 2:00
    killed(recorder)
    clock.advance(60)
    cut = find(path, clock)
    assert cut.progress.turns[0].warned and not cut.progress.turns[1].warned
    engine = Engine(cut.plan, clock, warn_ns=MIN)
    engine.continue_from(cut.progress)
    events = listen(engine)
    engine.start()
    clock.advance(1)
    engine.tick()
    assert not [e for e in events if type(e).__name__ == "WarningCue"]
