"""The whole app, driven by Textual's Pilot with a fake clock: no test waits on real time."""

from __future__ import annotations

import pytest

from focustimer.engine.clock import NS
from focustimer.engine.events import Event, TurnEnded
from focustimer.engine.machine import State
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.help import HelpScreen
from focustimer.tui.screens.ready import ReadyScreen
from focustimer.tui.screens.session import SessionScreen

from .helpers import advance, app_for, notices, status, text_of


async def test_ten_seconds_ann_then_bob_then_finished():
    app, clock = app_for(10)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReadyScreen)
        assert "0:10 session, 0:05 each" in text_of(app, "#plan")
        await pilot.press("space")
        assert isinstance(app.screen, SessionScreen)
        assert status(app) == "Ann is boss · 0:05 left · turn 1 of 2"
        await advance(pilot, clock, 4.999)
        assert status(app) == "Ann is boss · 0:01 left · turn 1 of 2"
        await advance(pilot, clock, 0.001)
        assert status(app) == "Time is up for Ann · +0:00 · turn 1 of 2"
        assert "Bob, press n to start your turn" in text_of(app, "#listeners")
        await advance(pilot, clock, 7)
        assert "+0:07" in status(app)
        await pilot.press("n")
        assert status(app) == "Bob is boss · 0:12 left · turn 2 of 2"  # 5 s + Ann's 7 s over
        await advance(pilot, clock, 12)  # the last chime ends the session at once
        assert isinstance(app.screen, FinishedScreen)
        assert "Equal: each was boss for 0:12 · 0:07 evened out" in text_of(app, "#verdict")
        await pilot.press("escape")  # no note for the log
        await pilot.press("q")
    assert app.return_code == 0


async def test_while_the_note_is_typed_the_footer_offers_only_what_works():
    app, clock = app_for(10, auto=True, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 10)
        assert isinstance(app.screen, FinishedScreen)
        shown = {b.binding.action for b in app.active_bindings.values() if b.binding.show}
        assert "skip_note" in shown and not {"log", "quit"} & shown  # l and q type letters
        await pilot.press("q", "l")
        assert app.screen.query_one("#note").value == "ql"
        await pilot.press("escape")
        shown = {b.binding.action for b in app.active_bindings.values() if b.binding.show}
        assert {"log", "quit"} <= shown and "skip_note" not in shown


async def test_no_even_out_gives_bob_exactly_his_share():
    app, clock = app_for(10, even_out=False)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 6)
        await pilot.press("n")
        assert status(app) == "Bob is boss · 0:05 left · turn 2 of 2"


async def test_auto_and_now_run_the_whole_session_without_keys():
    app, clock = app_for(10, auto=True, now=True)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, SessionScreen)
        await advance(pilot, clock, 5)
        assert status(app) == "Bob is boss · 0:05 left · turn 2 of 2"
        await advance(pilot, clock, 5)
        assert isinstance(app.screen, FinishedScreen)
        assert "Equal: each was boss for 0:05" in text_of(app, "#verdict")


async def test_pause_freezes_the_clock_and_shows_paused():
    app, clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2)
        await pilot.press("space")
        assert app.engine.state is State.PAUSED
        assert app.screen.has_class("-paused")
        assert "PAUSED" in text_of(app, "#paused-banner")
        await advance(pilot, clock, 60)
        assert status(app) == "Paused 1:00 · Ann is boss · 0:03 left · turn 1 of 2"
        await pilot.press("space")
        assert not app.screen.has_class("-paused")
        await advance(pilot, clock, 2.5)
        assert status(app) == "Ann is boss · 0:01 left · turn 1 of 2"


async def test_n_during_a_turn_asks_first_then_ends_it_early():
    app, clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 1)
        await pilot.press("n")
        assert app.engine.view().boss == "Ann"
        assert "Press n again to end Ann's turn now" in text_of(app, "#notice")
        await pilot.press("n")
        assert app.engine.view().boss == "Bob"
        assert app.engine.summary().turns[0].early
        assert text_of(app, "#notice") == ""


async def test_asking_to_end_a_turn_is_forgotten_when_that_turn_ends_by_itself():
    app, clock = app_for(10, now=True, auto=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 4)
        await pilot.press("n")  # Ann thinks of ending early...
        await advance(pilot, clock, 1.5)  # ...but her time is up first; Bob's turn starts
        assert app.engine.view().boss == "Bob"
        assert text_of(app, "#notice") == ""
        await pilot.press("n")  # Bob's first n only asks
        assert app.engine.view().boss == "Bob" and app.engine.state is State.RUNNING
        assert "Press n again to end Bob's turn now" in text_of(app, "#notice")


async def test_escape_cancels_the_question():
    app, _clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await pilot.press("n", "escape", "n")
        assert app.engine.view().boss == "Ann"


async def test_q_during_a_session_asks_then_quits_keeping_the_times():
    events: list[Event] = []
    app, clock = app_for(10, now=True)
    app.engine.subscribe(events.append)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2)
        await pilot.press("q")
        assert app.is_running
        assert "Press q again" in text_of(app, "#notice")
        await pilot.press("q")
    assert app.engine.state is State.ABORTED
    assert app.engine.summary().turns[0].used_ns == 2_000_000_000


async def test_ctrl_q_during_a_session_asks_first_like_q():
    app, clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2)
        await pilot.press("ctrl+q")
        assert app.is_running and app.engine.state is State.RUNNING
        assert "Press q again" in text_of(app, "#notice")
        await pilot.press("ctrl+q")
    assert app.engine.state is State.ABORTED
    assert app.engine.summary().turns[0].used_ns == 2 * NS


async def test_ctrl_q_over_help_or_a_question_still_asks_first():
    app, clock = app_for(60 * 60, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+q")
        assert app.is_running and isinstance(app.screen, SessionScreen)
        assert "Press q again" in text_of(app, "#notice")
        await pilot.press("escape")  # changed their mind
        clock.sleep(20 * 60)
        await advance(pilot, clock, 0.5)
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)  # the sleep question
        await pilot.press("ctrl+q")
        assert app.is_running and app.engine.state is State.PAUSED
        await pilot.press("ctrl+q")
    assert app.engine.state is State.ABORTED


async def test_ctrl_c_says_how_to_quit():
    app, _clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert notices(app) == [
            "Do you want to quit? ctrl+c does not quit: press q (twice during a session)"
        ]
        assert app.is_running


async def test_q_on_the_ready_screen_quits_at_once():
    app, _ = app_for(10)
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert app.engine.state is State.READY and app.return_code == 0


async def test_help_opens_and_closes():
    app, _ = app_for(10, now=True)
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


async def test_turn_end_event_reaches_listeners_at_the_exact_deadline():
    events: list[Event] = []
    app, clock = app_for(10, now=True)
    app.engine.subscribe(events.append)
    async with app.run_test() as pilot:
        start = app.engine.turns[0].started_at
        await advance(pilot, clock, 5.25)
        ended = [e for e in events if isinstance(e, TurnEnded)]
        assert len(ended) == 1 and ended[0].at - start == 5_000_000_000


async def test_wake_timer_aims_at_the_next_second_and_the_deadline():
    app, clock = app_for(10, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 0.3)
        assert app.redraw_delay_s == pytest.approx(0.7)
        await advance(pilot, clock, 4.5)  # 0.2 s to the deadline
        assert app.redraw_delay_s == pytest.approx(0.2)


async def test_names_with_markup_are_shown_literally():
    app, _ = app_for(10, names=("[bold]Ann[/]", "Bob\x1b[31m"), now=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "[bold]Ann[/] is boss" in text_of(app, "#boss")
        assert "Bob\\x1b[31m listens" in text_of(app, "#listeners")


async def test_group_shows_who_is_next():
    app, _ = app_for(30, names=("Ann", "Bob", "Cas"), now=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert text_of(app, "#listeners") == "Bob and Cas listen · Bob is next"
