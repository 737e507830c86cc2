"""Resume in the app: the ready screen says what goes on, the turn goes on, one row in the log."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from focustimer.cli.launch import resume_options
from focustimer.compose import make_app, session_app
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine, State
from focustimer.engine.plan import Plan
from focustimer.log import Recorder, Store, find_cut_off
from focustimer.settings.locations import log_path
from focustimer.settings.options import Options
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.ready import ReadyScreen

from .helpers import advance, status, text_of

MIN = 60 * NS


def cut_off_session(clock, names=("Ann", "Bob", "Cas"), total_min=90, used_s=7 * 60 + 47,
                    gap_s=600):  # fmt: skip
    """A session in the user's log that was killed ``used_s`` into the first turn."""
    engine = Engine(Plan(total_min * MIN, names), clock)
    recorder = Recorder(engine.clock, log_path())
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    for _ in range(used_s):
        clock.advance(1)
        engine.tick()
        recorder.heartbeat()
    assert recorder.flush(timeout=60)
    recorder.close()  # and the process is gone: no end is written
    clock.advance(gap_s)
    with Store.open(log_path()) as store:
        return find_cut_off(store, clock.wall_ns())


def resumed_app(clock, cut, **options):
    return make_app(resume_options(Options(**options), cut), clock=clock, continuing=cut)


async def test_the_ready_screen_says_what_goes_on_and_the_turn_goes_on_with_what_it_had_left():
    clock = FakeClock()
    cut = cut_off_session(clock)
    app = resumed_app(clock, cut)
    async with app.run_test(size=(100, 24)) as pilot:
        assert isinstance(app.screen, ReadyScreen)
        line = "Continue Ann's turn: 22:13 left of 30:00; Bob, Cas have not started"
        assert text_of(app, "#reason") == line
        assert text_of(app, "#press-start") == "Press space to continue"
        assert "other first" not in str(app.screen.active_bindings)
        await pilot.press("f")  # the order is the session's own
        assert app.engine.plan.names == ("Ann", "Bob", "Cas")
        await pilot.press("space")
        assert status(app) == "Ann is boss · 22:13 left · turn 1 of 3"
        await advance(pilot, clock, 22 * 60 + 13)
        assert app.engine.state is State.TURN_OVER
        await pilot.press("n")
        await advance(pilot, clock, 30 * 60)
        await pilot.press("n")
        await advance(pilot, clock, 30 * 60)
        assert isinstance(app.screen, FinishedScreen)
        assert app.recorder is not None and app.recorder.flush()
    with Store.open(log_path()) as store:
        (session,) = store.sessions(now_ns=clock.wall_ns())
    assert session.id == cut.session_id and session.status == "finished"
    assert [abs(t.actual_ns - 30 * MIN) <= NS for t in session.turns] == [True] * 3
    assert [p.reason for p in session.pauses] == ["cut_off"]


async def test_cut_off_after_a_chime_the_ready_screen_names_the_next_boss():
    clock = FakeClock()
    cut = cut_off_session(clock, names=("Ann", "Bob"), total_min=2, used_s=70)
    app = resumed_app(clock, cut)
    async with app.run_test(size=(100, 24)) as pilot:
        assert text_of(app, "#reason") == "Continue with Bob's turn: Ann's turn was over"
        await pilot.press("space")
        assert status(app) == "Bob is boss · 1:10 left · turn 2 of 2"  # 10 s evened out


async def test_names_are_shown_literally_on_the_ready_screen():
    clock = FakeClock()
    cut = cut_off_session(clock, names=("[b]Ann[/]", "Bob\x1b"), total_min=60, used_s=60)
    app = resumed_app(clock, cut)
    async with app.run_test(size=(100, 24)):
        assert text_of(app, "#reason") == (
            "Continue [b]Ann[/]'s turn: 29:00 left of 30:00; Bob\\x1b has not started"
        )


async def test_a_new_session_of_the_same_people_offers_the_one_cut_off():
    clock = FakeClock(wall_s=time.time() - 3600)  # session_app reads the real wall clock
    cut = cut_off_session(clock, names=("Ann", "Bob"), total_min=60, used_s=60)
    at = datetime.fromtimestamp(cut.cut_off_ns // NS).astimezone().strftime("%H:%M")
    app = session_app(Options(total_ns=30 * MIN, names=("bob", "ANN")))
    assert app.offer is not None and app.offer.session_id == cut.session_id
    async with app.run_test(size=(100, 24)) as pilot:
        assert text_of(app, "#offer") == f"r resume the session cut off at {at}"
        await pilot.press("r")
        assert app.resume_with is not None and app.resume_with.session_id == cut.session_id
    assert app.return_code == 0


async def test_other_partners_are_offered_nothing():
    clock = FakeClock(wall_s=time.time() - 3600)
    cut_off_session(clock, names=("Ann", "Bob"), total_min=60, used_s=60)
    app = session_app(Options(total_ns=30 * MIN, names=("Ann", "Cas")))
    assert app.offer is None
    async with app.run_test(size=(100, 24)) as pilot:
        assert not app.screen.query("#offer")
        await pilot.press("r")
        assert app.resume_with is None and app.engine.state is State.READY


async def test_the_ready_screen_speaks_dutch():
    from focustimer import i18n

    clock = FakeClock()
    cut = cut_off_session(clock, used_s=60)
    i18n.set_language("nl")
    try:
        app = resumed_app(clock, cut)
        async with app.run_test(size=(100, 24)):
            assert text_of(app, "#reason") == (
                "Verder met de beurt van Ann: nog 29:00 van 30:00; Bob, Cas zijn nog niet begonnen"
            )
            assert text_of(app, "#press-start") == "Druk op spatie om verder te gaan"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_ready_screen_of_a_session_cut_off(snap_compare, size):
    clock = FakeClock()
    cut = cut_off_session(clock, names=("Ann", "Bob"), total_min=60, used_s=7 * 60 + 47)
    assert snap_compare(resumed_app(clock, cut), terminal_size=size)
