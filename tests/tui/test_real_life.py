"""Real sessions: calm view, warning, scheduled start, sleep, long pauses, groups, who starts."""

from __future__ import annotations

import pytest

from focustimer.compose import make_app
from focustimer.engine.clock import NS
from focustimer.engine.machine import State
from focustimer.log import Store
from focustimer.settings.locations import log_path
from focustimer.settings.options import Options
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.questions import Question
from focustimer.tui.screens.ready import ReadyScreen
from focustimer.tui.screens.session import SessionScreen

from .helpers import advance, app_for, status, text_of


async def test_calm_view_shows_no_digits_and_wakes_every_15_seconds():
    app, clock = app_for(60 * 60, now=True, calm=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 1)
        screen = app.screen
        assert screen.has_class("-calm")
        assert (
            not screen.query_one("#clock-row").display
            or screen.query_one("#clock").region.height == 0
        )
        assert status(app) == "Ann is boss · turn 1 of 2 · calm view: c shows the clock"
        assert not any(ch.isdigit() for ch in status(app).replace("1 of 2", ""))
        assert app.redraw_delay_s == pytest.approx(15)
        assert app._title == "Ann is boss - focustimer"  # and no time, as on the screen


async def test_in_the_calm_view_the_log_still_hears_from_the_session_every_half_second():
    app, clock = app_for(60 * 60, now=True, calm=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 0.4)  # the first beat, a little early: on its grid
        # One wake-up: the screen's in 15 s, the log's next heartbeat before it.
        assert app.redraw_delay_s == pytest.approx(15)
        assert app.wake_delay_s == pytest.approx(0.6)
        clock.advance(0.6)
        shown = status(app)
        app.wake_up()  # as the wake-up does, when it comes
        await pilot.pause()
        assert app.wake_delay_s == pytest.approx(0.5)  # the next beat; the screen still waits
        assert app.redraw_delay_s == pytest.approx(15)
        assert status(app) == shown
        assert app.recorder.flush()
        with Store.open(log_path()) as store:
            (session,) = store.sessions(now_ns=clock.wall_ns())
        assert session.status == "running"  # not taken for a session whose process died
        assert session.turns[0].actual_ns == 1 * NS


async def test_a_key_that_does_nothing_peeks_at_the_clock_for_five_seconds():
    app, _clock = app_for(60 * 60, now=True, calm=True)
    async with app.run_test() as pilot:
        await pilot.press("x")
        assert not app.screen.has_class("-calm")
        assert "30:00 left" in status(app)
        app.screen._end_peek()  # as the 5 s timer would
        await pilot.pause()
        assert app.screen.has_class("-calm")


async def test_keys_that_act_do_their_job_and_leave_the_calm_view_calm():
    app, clock = app_for(10, calm=True)
    async with app.run_test() as pilot:
        await pilot.press("space")  # start
        assert app.screen.has_class("-calm")
        await pilot.press("space")  # pause
        assert app.engine.state is State.PAUSED and app.screen.has_class("-calm")
        await pilot.press("space")  # resume
        await advance(pilot, clock, 5)
        await pilot.press("n")  # Bob starts his turn: no digits for 5 s
        assert app.engine.view().turn == 1
        assert app.screen.has_class("-calm")
        await pilot.press("n")  # end it early? (asks first)
        assert app.screen.has_class("-calm")
        await pilot.press("q")
        assert app.screen.has_class("-calm")


async def test_c_toggles_the_calm_view():
    app, _clock = app_for(60 * 60, now=True)
    async with app.run_test() as pilot:
        await pilot.press("c")
        assert app.screen.has_class("-calm")
        await pilot.press("c")
        assert not app.screen.has_class("-calm")
        assert "30:00 left" in status(app)


async def test_calm_view_still_ends_the_turn_at_its_deadline():
    app, clock = app_for(10, now=True, calm=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 4)
        assert app.redraw_delay_s == pytest.approx(1)  # the deadline, not 15 s
        await advance(pilot, clock, 1)
        assert app.engine.state is State.TURN_OVER
        assert status(app).startswith("Time is up for Ann")


async def test_warning_is_shown_subtly():
    app, clock = app_for(20 * 60, now=True, warn_ns=2 * 60 * NS)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 7 * 60)
        assert not app.screen.has_class("-warned")
        await advance(pilot, clock, 60)
        assert app.screen.has_class("-warned")
        assert status(app) == "Ann is boss · 2:00 left · turn 1 of 2 · warning given"


async def test_scheduled_start_counts_down_then_starts_on_the_second():
    from focustimer.engine.clock import FakeClock

    clock = FakeClock()
    at = clock.wall_ns() + 90 * NS
    app = make_app(
        Options(total_ns=10 * NS, names=("Ann", "Bob"), auto=True, at_wall_ns=at), clock=clock
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.engine.state is State.SCHEDULED
        assert "in 1:30" in text_of(app, "#press-start")
        await pilot.press("space")  # no early start: the partner's machine starts on time
        assert app.engine.state is State.SCHEDULED
        await advance(pilot, clock, 89.5)
        assert "in 0:01" in text_of(app, "#press-start")
        assert app.redraw_delay_s == pytest.approx(0.5)
        await advance(pilot, clock, 0.5)
        assert isinstance(app.screen, SessionScreen)
        assert app.engine.summary().turns[0].started_wall == at


async def sleep_a_minute_into_anns_turn(pilot, clock) -> None:
    """The lid closes 60 s into Ann's half-hour, for 20 minutes; the first tick after it."""
    await advance(pilot, clock, 60)
    clock.sleep(20 * 60)
    await advance(pilot, clock, 0.5)


async def test_after_sleep_it_asks_and_counts_the_gap_as_a_pause():
    app, clock = app_for(60 * 60, now=True)
    async with app.run_test() as pilot:
        await sleep_a_minute_into_anns_turn(pilot, clock)
        assert isinstance(app.screen, Question)
        assert "The computer slept for 20:00 during Ann's turn" in app.screen.question
        await pilot.press("p")
        assert app.engine.state is State.RUNNING
        assert status(app) == "Ann is boss · 29:00 left · turn 1 of 2"


async def test_after_sleep_the_gap_can_count_as_turn_time():
    app, clock = app_for(60 * 60, now=True)
    async with app.run_test() as pilot:
        await sleep_a_minute_into_anns_turn(pilot, clock)
        await pilot.press("t")
        assert status(app) == "Ann is boss · 9:00 left · turn 1 of 2"


async def test_a_sleep_during_the_overrun_is_a_pause_and_not_asked_about_in_bobs_turn():
    app, clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 6)  # Ann's time is up, 1 s over
        clock.sleep(20 * 60)
        clock.advance(0.5)
        await pilot.press("n")  # on waking, before any tick: Bob starts
        await advance(pilot, clock, 0.5)
        assert isinstance(app.screen, SessionScreen) and app.engine.state is State.RUNNING
        assert status(app) == "Bob is boss · 0:06 left · turn 2 of 2"


async def test_escape_leaves_a_question_unanswered_and_the_session_paused():
    app, clock = app_for(60 * 60, now=True)
    async with app.run_test() as pilot:
        await sleep_a_minute_into_anns_turn(pilot, clock)
        assert "escape: decide later" in text_of(app, "#question-later")
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        assert app.engine.state is State.PAUSED  # nothing decided: the turn waits
        await advance(pilot, clock, 5)
        await pilot.press("space")  # going on later counts the sleep as a pause
        assert status(app) == "Ann is boss · 29:00 left · turn 1 of 2"

        await pilot.press("space")
        await advance(pilot, clock, 31 * 60)
        await pilot.press("space", "escape")
        assert app.engine.state is State.PAUSED and isinstance(app.screen, SessionScreen)


async def test_a_pause_over_30_minutes_asks_whether_to_go_on():
    app, clock = app_for(60 * 60, now=True)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 31 * 60)
        await pilot.press("space")
        assert isinstance(app.screen, Question)
        assert "You paused for 31:00" in app.screen.question
        await pilot.press("g")
        assert app.engine.state is State.RUNNING


async def test_after_a_long_pause_the_session_can_end_keeping_the_times():
    app, clock = app_for(60 * 60, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 10 * 60)
        await pilot.press("space")
        await advance(pilot, clock, 45 * 60)
        await pilot.press("space", "e")
        assert app.engine.state is State.ABORTED
        assert isinstance(app.screen, FinishedScreen)
        assert "Session ended" in text_of(app, "#plan")
        assert "Paused 45:00 in all" in str(app.screen.query_one("#paused").render())


async def test_a_group_sees_the_whole_circle_and_who_is_next():
    app, clock = app_for(30, names=("Ann", "Bob", "Cas", "Dan"), now=True, auto=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 7.5)
        line = text_of(app, "#order-line")
        assert line == "Ann ✓  ·  ▶ Bob  ·  Cas (next)  ·  Dan"
        assert status(app) == "Bob is boss · 0:08 left · turn 2 of 4"


async def test_two_partners_have_no_order_line():
    app, _ = app_for(10, now=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#order-line").display


async def test_who_starts_alternates_with_the_last_session_of_the_same_names():
    options = Options(total_ns=10 * NS, names=("Ann", "Bob"))
    app = make_app(options, last_first=lambda names: "Ann")
    assert app.engine.plan.names == ("Bob", "Ann")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadyScreen)
        assert text_of(app, "#reason") == "Bob starts: Ann started last time"
        await pilot.press("f")
        assert app.engine.plan.names == ("Ann", "Bob")
        assert text_of(app, "#reason") == "Ann starts: you chose"


async def test_first_is_the_first_name_when_there_is_no_history():
    app = make_app(Options(total_ns=10 * NS, names=("Ann", "Bob")), last_first=lambda n: None)
    assert app.engine.plan.names == ("Ann", "Bob") and app.first_reason.plain == "Ann starts"


async def test_first_on_the_command_line_wins_over_alternation():
    options = Options(total_ns=10 * NS, names=("Ann", "Bob"), first="Ann")
    app = make_app(options, last_first=lambda names: "Ann")
    assert (
        app.engine.plan.names == ("Ann", "Bob") and app.first_reason.plain == "Ann starts, as asked"
    )


async def test_in_a_group_the_next_in_the_circle_starts():
    options = Options(total_ns=30 * NS, names=("Ann", "Bob", "Cas"))
    app = make_app(options, last_first=lambda names: "Bob")
    assert app.engine.plan.names == ("Cas", "Ann", "Bob")
