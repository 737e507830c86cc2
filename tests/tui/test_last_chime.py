"""The last chime ends the session: the finished screen at once; the time after it is nobody's."""

from __future__ import annotations

import pytest

from focustimer.engine.machine import State
from focustimer.tui.screens.finished import FinishedScreen

from .helpers import advance, app_for, status, text_of


@pytest.mark.parametrize("auto", [False, True])
async def test_the_finished_screen_comes_with_the_last_chime_with_or_without_auto(auto):
    app, clock = app_for(10, auto=auto)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 5)
        if not auto:
            await pilot.press("n")
        await advance(pilot, clock, 4.999)
        assert app.engine.state is State.RUNNING
        await advance(pilot, clock, 0.001)
        assert isinstance(app.screen, FinishedScreen)
        assert "Session complete" in text_of(app, "#plan")
        assert text_of(app, "#since-chime") == "+0:00 since the chime"
        assert status(app) == "Ann 0:05, Bob 0:05: Equal: each was boss for 0:05"


async def test_the_time_since_the_chime_counts_live_for_five_minutes_and_counts_for_nobody():
    app, clock = app_for(10, auto=True, now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 10)
        await advance(pilot, clock, 42)
        assert text_of(app, "#since-chime") == "+0:42 since the chime"
        # It keeps moving by itself: the app wakes for it as for any clock on screen.
        assert app.wake_delay_s is not None
        await advance(pilot, clock, 11 * 60)
        assert text_of(app, "#since-chime") == "+5:00 since the chime"
        assert app.wake_delay_s is None  # nothing moves any more: no more wake-ups
        summary = app.screen.summary
        assert [t.actual_ns for t in summary.turns] == [t.planned_ns for t in summary.turns]
        assert "Equal: each was boss for 0:05" in text_of(app, "#verdict")


async def test_a_key_stops_the_count_and_n_from_habit_is_not_typed_into_the_note():
    app, clock = app_for(10, auto=True, now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 10.5)
        await pilot.press("n")  # as the chime came, from the habit of pressing n
        await advance(pilot, clock, 30)
        assert text_of(app, "#since-chime") == "+0:00 since the chime"
        await pilot.press(*"we laughed", "enter")
        assert "Note saved: we laughed" in text_of(app, "#note-saved")
        assert app.recorder is not None and app.recorder.flush()


async def test_a_note_started_after_a_while_keeps_its_first_letter():
    app, clock = app_for(10, auto=True, now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 10)
        await advance(pilot, clock, 20)
        await pilot.press(*"nice", "enter")
        assert "Note saved: nice" in text_of(app, "#note-saved")
        assert text_of(app, "#since-chime") == "+0:20 since the chime"


async def test_a_session_ended_early_shows_no_time_since_a_chime():
    app, clock = app_for(10, auto=True, now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 6)
        await pilot.press("n", "n")  # Bob ends the last turn early: no chime
        assert isinstance(app.screen, FinishedScreen)
        assert not app.screen.query_one("#since-chime").display
