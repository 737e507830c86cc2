"""The log in the TUI: the log screen, the note on the finished screen, saving as it runs."""

from __future__ import annotations

import time

import pytest
from synthetic import add_sessions  # tools/synthetic.py (pytest's pythonpath)
from textual.widgets import DataTable

from focustimer.compose import session_app
from focustimer.engine.clock import NS
from focustimer.log import Store
from focustimer.settings.locations import log_path
from focustimer.settings.options import Options
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.log import PAGE, LogScreen
from focustimer.tui.screens.ready import ReadyScreen
from focustimer.tui.screens.session import SessionScreen

from ..logs import damage_pages
from .helpers import advance, app_for, notices, status, text_of


async def settle(pilot) -> None:
    """Let the log screen's reading worker finish and its page reach the table."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def logged(now_ns: int | None = None):
    """The log as read at ``now_ns`` (the fake clock's wall time, for a running session)."""
    with Store.open(log_path()) as store:
        return store.sessions(limit=None, now_ns=now_ns or time.time_ns())


async def finish(pilot, clock) -> None:
    await pilot.press("space")
    await advance(pilot, clock, 5)
    await pilot.press("n")
    await advance(pilot, clock, 5)  # the last chime ends the session
    assert isinstance(pilot.app.screen, FinishedScreen)


async def test_l_on_the_ready_screen_shows_an_empty_log_and_escape_goes_back():
    app, _clock = app_for(10)
    async with app.run_test() as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LogScreen)
        await settle(pilot)
        assert "No sessions yet" in text_of(app, "#log-empty")
        assert app.screen.has_class("-empty")
        await pilot.press("escape")
        assert isinstance(app.screen, ReadyScreen)


async def test_the_log_screen_reads_a_long_log_a_page_at_a_time_newest_first():
    with Store.open(log_path()) as store:
        add_sessions(store, 250, seed=3)
        newest = store.sessions(limit=1)[0]
    app, _clock = app_for(10)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE
        assert status(app).startswith("Session log: 250 sessions, newest first")
        when = str(table.get_row_at(0)[0])
        assert newest.turns[0].name in str(table.get_row_at(0)[2]) and when[:4] in (
            "Mon ",
            "Tue ",
            "Wed ",
            "Thu ",
            "Fri ",
            "Sat ",
            "Sun ",
        )
        table.move_cursor(row=PAGE - 5)  # near the end: the next page is read
        await settle(pilot)
        assert table.row_count == 2 * PAGE
        table.move_cursor(row=2 * PAGE - 1)
        await settle(pilot)
        assert table.row_count == 250
        table.move_cursor(row=249)
        await settle(pilot)
        assert table.row_count == 250  # nothing more to read


async def test_a_note_typed_on_the_finished_screen_is_saved_with_the_session():
    app, clock = app_for(10)
    async with app.run_test() as pilot:
        await finish(pilot, clock)
        await pilot.press(*"we laughed", "enter")
        assert "Note saved: we laughed" in text_of(app, "#note-saved")
        assert not app.screen.query("#note")
        assert app.recorder is not None and app.recorder.flush()
        (session,) = logged()
        assert session.note == "we laughed" and session.status == "finished"
        await pilot.press("q")
    assert app.return_code == 0


async def test_escape_skips_the_note_and_then_l_shows_the_session_just_had():
    app, clock = app_for(10)
    async with app.run_test(size=(100, 30)) as pilot:
        await finish(pilot, clock)
        await pilot.press("l")  # typed into the note: not yet a key
        assert isinstance(app.screen, FinishedScreen)
        await pilot.press("escape")
        assert not app.screen.query("#note")
        await pilot.press("l")
        assert isinstance(app.screen, LogScreen)
        await settle(pilot)
        row = app.screen.query_one(DataTable).get_row_at(0)
        assert "Ann 0:05, Bob 0:05" in str(row[2]) and "finished" in str(row[4])
        assert str(row[5]) == ""  # the "l" typed before escape was not saved
        await pilot.press("escape")
        assert isinstance(app.screen, FinishedScreen)


async def test_the_log_is_not_opened_over_a_running_session():
    app, _clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, SessionScreen)


async def test_the_running_session_is_saved_from_its_first_second_with_heartbeats():
    app, clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        assert app.recorder is not None and app.recorder.flush()
        (session,) = logged(clock.wall_ns())
        assert session.status == "running" and session.names == ("Ann", "Bob")
        await advance(pilot, clock, 1.5)  # the app's wake-up sends a heartbeat
        assert app.recorder.flush()
        assert logged(clock.wall_ns())[0].turns[0].actual_ns == 1.5 * NS
        await pilot.press("q", "q")
    (session,) = logged()
    assert session.status == "aborted" and session.turns[0].actual_ns == 1.5 * NS


async def test_a_session_that_cannot_be_saved_runs_on_and_says_so_once(monkeypatch, tmp_path):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("FOCUSTIMER_DATA_DIR", str(tmp_path / "a-file" / "data"))
    app, clock = app_for(10, now=True)
    async with app.run_test(notifications=True) as pilot:
        for _ in range(4):
            await advance(pilot, clock, 1)
        assert app.recorder is not None and app.recorder.flush()
        await pilot.pause()
        messages = notices(app)
        assert len(messages) == 1
        assert messages[0].startswith("This session will not be saved: cannot use ")
        assert status(app) == "Ann is boss · 0:01 left · turn 1 of 2"


@pytest.mark.parametrize("found", ["on-opening", "on-reading"])
async def test_a_damaged_log_is_moved_aside_started_afresh_and_said_on_the_screen(isolated, found):
    path = isolated / "data" / "sessions.db"
    if found == "on-opening":
        path.parent.mkdir(mode=0o700)
        path.write_bytes(b"garbage" * 500)
    else:
        with Store.open(log_path()) as store:
            add_sessions(store, 300, seed=7)
        damage_pages(path)  # opens fine; the pages fail when read
    app, _clock = app_for(10)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("l")
        await settle(pilot)
        (notice,) = notices(app)
        assert notice.startswith("The session log was damaged: moved it to ")
        assert "Reading the log" not in status(app)
        assert "No sessions yet" in text_of(app, "#log-empty")
    assert list(path.parent.glob("sessions.db.corrupt-*"))


async def test_at_80_columns_the_highlighted_session_is_shown_in_full_under_the_table():
    long_note = "we both wanted more silence; next week we try 20 minutes each, same time"
    with Store.open(log_path()) as store:
        add_sessions(store, 3, seed=5, end_ns=1_700_000_000 * NS)
        newest, second, _third = store.sessions(limit=3)
        store.save_note(newest.id, long_note)
    app, _clock = app_for(10)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        shown = text_of(app, "#log-detail")
        assert long_note in shown
        assert newest.turns[0].name in shown and "finished" in shown
        await pilot.press("down")
        shown = text_of(app, "#log-detail")
        assert long_note not in shown and second.turns[0].name in shown


def test_log_screen_snapshot(snap_compare):
    with Store.open(log_path()) as store:
        add_sessions(
            store, 30, seed=5, end_ns=1_700_000_000 * NS
        )  # long past: no heartbeat is fresh
        (newest,) = store.sessions(limit=1)
        store.save_note(newest.id, "[b]not markup[/b], a note")
    app, _clock = app_for(10)

    async def run_before(pilot):
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 24), run_before=run_before)


async def test_a_log_found_damaged_while_choosing_who_starts_is_said_at_once(isolated):
    path = isolated / "data" / "sessions.db"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(b"garbage" * 500)
    app = session_app(Options(total_ns=10 * NS))
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        (notice,) = notices(app)
        assert notice.startswith("The session log was damaged: moved it to ")
        assert isinstance(app.screen, ReadyScreen)
    assert list(path.parent.glob("sessions.db.corrupt-*"))
