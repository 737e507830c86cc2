"""A late partner joins the agreed schedule (--at a time that has passed), on the fake clock."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console

from focustimer.engine.clock import NS
from focustimer.engine.machine import State
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.session import SessionScreen

from .helpers import advance, app_for, status, text_of


def table_text(screen: FinishedScreen) -> str:
    console = Console(width=80, color_system=None)
    with console.capture() as captured:
        console.print(screen._table())
    return captured.get()


def joining(late_s: float, total_s: float = 60 * 60, **options):
    app, clock = app_for(total_s, auto=True, **options)
    start_wall = clock.wall_ns() - round(late_s * NS)
    app.options = app.options.typed(at_wall_ns=start_wall)
    at = datetime.fromtimestamp(start_wall // NS).astimezone().strftime("%H:%M:%S")
    return app, clock, at


async def test_five_seconds_late_joins_anns_turn_with_what_it_has_left():
    app, clock, at = joining(5)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, SessionScreen)  # no ready screen: the session is on
        assert status(app) == "Ann is boss · 29:55 left · turn 1 of 2"
        assert text_of(app, "#joined") == f"Joined 0:05 late: the schedule started at {at}"
        await advance(pilot, clock, 29 * 60 + 55)
        assert status(app) == "Bob is boss · 30:00 left · turn 2 of 2"
        assert text_of(app, "#joined") == f"Joined 0:05 late: the schedule started at {at}"
        await advance(pilot, clock, 30 * 60)
        assert isinstance(app.screen, FinishedScreen)
        assert text_of(app, "#verdict") == "Equal: each was boss for 30:00 · joined 0:05 late"
        table = table_text(app.screen)
        assert "Ann  29:55  0:05 before joining" in table and "Bob  30:00" in table
        assert app.recorder is not None and app.recorder.flush()


async def test_thirty_five_minutes_late_joins_bobs_turn():
    app, clock, _at = joining(35 * 60)
    async with app.run_test(size=(80, 24)) as pilot:
        assert status(app) == "Bob is boss · 25:00 left · turn 2 of 2"
        await advance(pilot, clock, 25 * 60)
        assert isinstance(app.screen, FinishedScreen)
        summary = app.screen.summary
        assert [t.actual_ns for t in summary.turns] == [0, 25 * 60 * NS]


async def test_a_start_still_to_come_waits_on_the_ready_screen_as_before():
    app, clock, _at = joining(-3)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.engine.state is State.SCHEDULED
        await advance(pilot, clock, 3)
        assert status(app) == "Ann is boss · 30:00 left · turn 1 of 2"
        assert not app.screen.query_one("#joined").display


async def test_a_session_started_on_time_says_nothing_about_joining():
    app, _clock = app_for(10, now=True)
    async with app.run_test(size=(80, 24)):
        assert not app.screen.query_one("#joined").display


async def test_the_time_here_and_the_time_before_joining_add_up_on_the_finished_screen():
    app, clock, _at = joining(8.6, total_s=20)  # Ann has 1.4 s left of her 10
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 11.4)
        table = table_text(app.screen)
        # 1.4 + 8.6 = 10, to the millisecond: whole seconds (0:01 + 0:08) would not add up.
        assert "Ann  0:01.400  0:08.600 before joining" in table
        # As the session screen said it: 8.6 s is 0:08 (spent, truncated), not 0:09.
        assert text_of(app, "#verdict") == "Equal: each was boss for 0:10 · joined 0:08 late"
