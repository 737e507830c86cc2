"""A session's status is one enum from the engine to the log, and the log keeps its own words."""

from __future__ import annotations

import json
import sqlite3

from focustimer.cli.main import main
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan
from focustimer.engine.turns import SessionStatus
from focustimer.history.table import cells, status_label
from focustimer.log import Recorder, Store


def run_and_log(path, quit_s: float | None = None) -> None:
    clock = FakeClock()
    engine = Engine(Plan(10 * NS, ("Ann", "Bob")), clock, auto=True)
    recorder = Recorder(engine.clock, path)
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    clock.advance(quit_s if quit_s is not None else 10)
    engine.tick()
    if quit_s is not None:
        engine.abort()
    assert recorder.close()


def test_the_log_stores_the_same_words_as_ever(tmp_path):
    path = tmp_path / "sessions.db"
    run_and_log(path)
    run_and_log(path, quit_s=3)
    db = sqlite3.connect(path)
    rows = db.execute("SELECT status, typeof(status) FROM sessions ORDER BY id").fetchall()
    assert rows == [("finished", "text"), ("aborted", "text")]
    with Store.open(path) as store:
        statuses = [s.status for s in store.sessions(now_ns=FakeClock().wall_ns() + 60 * NS)]
    assert set(statuses) == {SessionStatus.FINISHED, SessionStatus.ABORTED}
    assert all(type(s) is SessionStatus for s in statuses)


def test_a_status_this_version_does_not_know_is_shown_as_written(tmp_path, isolated, capsys):
    path = isolated / "data" / "sessions.db"
    path.parent.mkdir(parents=True)
    run_and_log(path)
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE sessions SET status = 'linked'")  # a newer focustimer's word
    db.close()
    with Store.open(path) as store:
        (session,) = store.sessions(now_ns=FakeClock().wall_ns() + 60 * NS)
    assert session.status == "linked" and session.status.value == "linked"
    assert status_label(session.status) == "linked"
    assert "linked" in [cell.plain for cell in cells(session)]
    assert main(["log", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "linked"


def test_each_status_has_its_label():
    labels = {status: status_label(status) for status in SessionStatus}
    assert labels[SessionStatus.UNSAVED] == "saved up to the end time (disk full)"
    assert all(labels[s] == s.value for s in SessionStatus if s is not SessionStatus.UNSAVED)
