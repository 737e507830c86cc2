"""The recorder with a fake clock and a real SQLite file: every event, the heartbeat, faults."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan
from focustimer.log import Recorder, Store
from focustimer.log import file as dbfile


@pytest.fixture
def setup(tmp_path):
    clock = FakeClock()
    engine = Engine(Plan(10 * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, tmp_path / "sessions.db")
    engine.subscribe(recorder)
    recorder.start()
    yield engine, clock, recorder, tmp_path / "sessions.db"
    recorder.close()


def read(path, clock):
    with Store.open(path) as store:
        (session,) = store.sessions(now_ns=clock.wall_ns())
        events = store.db.execute("SELECT kind, wall_ns, data FROM events ORDER BY id").fetchall()
    return session, events


def test_every_event_is_stored_as_it_happens(setup):
    engine, clock, recorder, path = setup
    t0 = clock.wall_ns()
    engine.start()
    clock.advance(2)
    engine.pause()
    clock.advance(3)
    engine.resume()
    clock.advance(3)
    engine.tick()  # Ann's 5 s are up
    clock.advance(1)
    engine.advance()  # Ann ran 1 s over; Bob gets 6 s
    assert recorder.flush()
    session, events = read(path, clock)
    assert session.status == "running" and session.ended_ns is None
    assert [e[0] for e in events] == [
        "SessionStarted",
        "TurnStarted",
        "Paused",
        "Resumed",
        "TurnEnded",
        "OverrunEnded",
        "TurnStarted",
    ]
    assert json.loads(events[4][2])["used_ns"] == 5 * NS
    ann, bob = session.turns
    assert (ann.actual_ns, ann.overrun_ns, bob.planned_ns) == (6 * NS, NS, 6 * NS)
    assert ann.started_ns == t0 and ann.ended_ns == t0 + 9 * NS

    clock.advance(6)
    engine.tick()  # the last chime ends the session
    recorder.note("  good session  ")
    assert recorder.flush()
    session, events = read(path, clock)
    assert [e[0] for e in events][-3:] == ["TurnStarted", "TurnEnded", "SessionFinished"]
    assert session.status == "finished" and session.ended_ns == t0 + 15 * NS
    assert [t.actual_ns for t in session.turns] == [6 * NS, 6 * NS]
    assert session.paused_ns == 3 * NS and session.evened_out_ns == NS
    (pause,) = session.pauses
    assert (pause.turn, pause.start_ns, pause.end_ns) == (1, t0 + 2 * NS, t0 + 5 * NS)
    assert session.note == "good session"
    assert recorder.problems == []


def test_the_heartbeat_goes_by_the_events_and_the_reading_it_is_given(setup):
    """The recorder knows the engine's clock, not the engine: what it saves between events
    comes from the last Timing and the reading, also one taken by its caller."""
    engine, clock, recorder, path = setup
    engine.start()
    clock.advance(2)
    engine.pause()
    clock.advance(1.5)
    recorder.heartbeat()  # paused: Ann's 2 s stand, the pause has run 1.5 s
    assert recorder.flush()
    session, _events = read(path, clock)
    assert (session.turns[0].actual_ns, session.paused_ns) == (2 * NS, 1.5 * NS)
    engine.resume()
    clock.advance(10)  # past Ann's deadline, and no tick yet: her turn stops at its 5 s
    recorder.heartbeat(clock.monotonic_ns() - 9 * NS)  # a reading taken a while ago
    assert recorder.flush()
    session, _events = read(path, clock)
    assert (session.turns[0].actual_ns, session.paused_ns) == (3 * NS, 1.5 * NS)
    recorder.heartbeat()
    assert recorder.flush()
    session, _events = read(path, clock)
    assert session.turns[0].actual_ns == 5 * NS


def test_a_window_left_open_after_the_last_chime_logs_the_last_turn_as_planned(setup):
    engine, clock, recorder, path = setup
    t0 = clock.wall_ns()
    engine.start()
    clock.advance(5)
    engine.tick()
    engine.advance()
    for _ in range(11 * 60):  # the partners hung up; the window stays open 11 minutes
        clock.advance(1)
        engine.tick()
        recorder.heartbeat()
    assert recorder.flush()
    session, events = read(path, clock)
    assert session.status == "finished" and session.ended_ns == t0 + 10 * NS
    assert [(t.actual_ns, t.overrun_ns) for t in session.turns] == [(5 * NS, 0), (5 * NS, 0)]
    assert [e[0] for e in events][-2:] == ["TurnEnded", "SessionFinished"]


def test_a_joined_session_is_logged_from_its_true_start_with_the_turns_as_they_ran_here(setup):
    engine, clock, recorder, path = setup
    start = clock.wall_ns() - 7 * NS  # the schedule started 7 s ago: Bob's turn, 3 s left
    engine.join(start)
    joined = clock.wall_ns()
    clock.advance(1)
    recorder.heartbeat()
    assert recorder.flush()
    session, _events = read(path, clock)
    assert session.turns[1].actual_ns == 1 * NS  # the heartbeat: this machine's time only
    clock.advance(2)
    engine.tick()
    assert recorder.flush()
    session, events = read(path, clock)
    assert session.status == "finished" and session.started_ns == start
    ann, bob = session.turns
    assert (ann.actual_ns, ann.started_ns, ann.ended_ns) == (0, None, None)  # nobody's here
    assert (bob.actual_ns, bob.started_ns, bob.ended_ns) == (3 * NS, joined, start + 10 * NS)
    assert json.loads(events[0][2])["joined_ns"] == 7 * NS
    with Store.open(path) as store:
        assert store.boss_totals() == {"Ann": 0, "Bob": 3 * NS}  # stats counts what ran here


def test_the_heartbeat_saves_the_time_so_far_at_most_twice_a_second(setup):
    engine, clock, recorder, path = setup
    engine.start()
    clock.advance(1.5)
    recorder.heartbeat()
    assert recorder.flush()
    assert read(path, clock)[0].turns[0].actual_ns == 1.5 * NS
    clock.advance(0.2)
    recorder.heartbeat()  # too soon after the last one: nothing written
    assert recorder.flush()
    assert read(path, clock)[0].turns[0].actual_ns == 1.5 * NS
    clock.advance(3.3)
    engine.tick()  # Ann's turn is over at 5 s
    clock.advance(2.25)
    recorder.heartbeat()
    assert recorder.flush()
    session, _events = read(path, clock)
    assert session.turns[0].actual_ns == 7.25 * NS and session.turns[0].overrun_ns == 2.25 * NS
    engine.pause()
    clock.advance(3)
    recorder.heartbeat()
    assert recorder.flush()
    session, _events = read(path, clock)
    assert session.paused_ns == 3 * NS and session.pauses[0].end_ns is None
    assert session.turns[0].actual_ns == 7.25 * NS  # a pause adds nothing to the boss's time


def test_a_heartbeat_during_a_pause_does_not_count_that_pause_twice(setup):
    engine, clock, recorder, path = setup
    engine.start()
    clock.advance(1)
    engine.pause()
    clock.advance(3)
    recorder.heartbeat()  # saves the pause so far: 3 s
    clock.advance(1)
    engine.resume()  # the whole pause: 4 s, saved with the event (a kill -9 may come next)
    assert recorder.flush()
    assert read(path, clock)[0].paused_ns == 4 * NS
    clock.advance(1.5)
    recorder.heartbeat()
    assert recorder.flush()
    session, _events = read(path, clock)
    assert session.paused_ns == 4 * NS
    assert session.turns[0].actual_ns == 2.5 * NS


def test_an_aborted_session_keeps_its_times(setup):
    engine, clock, recorder, path = setup
    engine.start()
    clock.advance(3)
    engine.abort()
    assert recorder.close()
    session, events = read(path, clock)
    assert session.status == "aborted"
    assert [t.actual_ns for t in session.turns] == [3 * NS, 0]
    assert events[-1][0] == "SessionAborted"


def test_nothing_is_written_before_a_session_starts(setup):
    engine, _clock, recorder, path = setup
    recorder.heartbeat()
    engine.abort()  # quit on the ready screen
    assert recorder.close()
    assert not path.exists()


def test_an_unusable_data_dir_never_stops_the_session_and_is_told_once(tmp_path):
    (tmp_path / "a-file").write_text("")
    clock = FakeClock()
    engine = Engine(Plan(10 * NS, ("Ann", "Bob")), clock, auto=True)
    told: list[str] = []
    lost: list[bool] = []
    recorder = Recorder(engine.clock, tmp_path / "a-file" / "sessions.db")
    engine.subscribe(recorder)
    recorder.start(lambda text, gone: (told.append(text), lost.append(gone)))
    engine.start()
    for _ in range(12):
        clock.advance(1)
        engine.tick()
        recorder.heartbeat()
    assert recorder.close()
    assert engine.summary().status == "finished"
    assert len(told) == 1 and told == recorder.problems
    assert told[0].startswith("This session will not be saved: cannot use ")
    assert lost == [True] and recorder.lost  # the one kind of message that means "not saved"


def test_a_full_disk_stops_the_saving_not_the_session(tmp_path, monkeypatch):
    opened = Store.open

    def full_after_opening(path=None):
        store = opened(path)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
        return store

    monkeypatch.setattr(Store, "open", staticmethod(full_after_opening))
    clock = FakeClock()
    engine = Engine(Plan(600 * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, tmp_path / "sessions.db")
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    for _ in range(200):  # every pause and resume is an event row: the pages fill up
        clock.advance(0.5)
        engine.toggle_pause()
    assert recorder.close()
    assert recorder.problems == [
        "The disk is full: the session goes on and is kept in memory,"
        " saved as soon as there is room"
    ]
    assert engine.running


def test_a_slow_disk_never_delays_the_timer(setup, monkeypatch):
    engine, clock, recorder, _path = setup
    saving = Store.save
    disk = threading.Event()  # the disk answers when the test says so
    writing = threading.Event()  # the writer thread is inside a write
    done = []

    def slow_save(self, *args, **kwargs):
        writing.set()
        disk.wait(timeout=10)  # a recorder that waited for its writes would be stuck here
        saving(self, *args, **kwargs)
        done.append(1)

    monkeypatch.setattr(Store, "save", slow_save)
    engine.start()
    assert writing.wait(timeout=5)
    for _ in range(5):
        clock.advance(1)
        engine.tick()
        recorder.heartbeat()
    assert done == []  # all of it happened while the first write still waited for the disk
    assert not recorder.flush(timeout=0.1)  # and quitting waits only as long as it is told
    disk.set()
    assert recorder.flush(timeout=5)
    assert len(done) == 8  # three events (the start, Ann's turn, its end), five heartbeats


def test_a_lock_held_by_another_timer_is_waited_for(setup):
    engine, clock, recorder, path = setup
    engine.start()
    assert recorder.flush()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another focustimer writing its own session
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    clock.advance(1.5)
    recorder.heartbeat()
    engine.pause()
    assert recorder.flush(timeout=5)
    release.join()
    other.close()
    session, events = read(path, clock)
    assert events[-1][0] == "Paused" and session.turns[0].actual_ns == 1.5 * NS
    assert recorder.problems == []


def test_a_lock_between_starting_the_row_and_saving_it_never_makes_two_sessions(
    tmp_path, monkeypatch
):
    path = tmp_path / "sessions.db"
    monkeypatch.setattr(dbfile, "BUSY_TIMEOUT_S", 0.05)  # SQLite gives up on a lock at once
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    beginning, saving = Store.begin_session, Store.save
    met_the_lock = threading.Event()

    def begin_then_lock(self, *args, **kwargs):
        session_id = beginning(self, *args, **kwargs)  # the row is written and committed
        if not met_the_lock.is_set():
            other.execute("BEGIN IMMEDIATE")  # now another timer takes the write lock
        return session_id

    def save_then_unlock(self, *args, **kwargs):
        try:
            return saving(self, *args, **kwargs)
        except sqlite3.OperationalError:  # SQLite's own "database is locked"
            met_the_lock.set()
            if other.in_transaction:
                other.execute("COMMIT")  # the other timer is done; the recorder tries again
            raise

    monkeypatch.setattr(Store, "begin_session", begin_then_lock)
    monkeypatch.setattr(Store, "save", save_then_unlock)
    clock = FakeClock()
    engine = Engine(Plan(10 * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, path)
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    clock.advance(1)
    engine.pause()
    assert recorder.flush(timeout=5)
    recorder.close()
    other.close()
    assert met_the_lock.is_set()
    with Store.open(path) as store:
        assert store.count() == 1
        (session,) = store.sessions(now_ns=clock.wall_ns())
        events = [kind for (kind,) in store.db.execute("SELECT kind FROM events ORDER BY id")]
    assert events == ["SessionStarted", "TurnStarted", "Paused"]  # each saved once, none lost
    assert len(session.pauses) == 1
    assert recorder.problems == []
