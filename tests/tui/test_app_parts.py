"""The app is handed its parts: a test builds it from fakes, with no patching."""

from __future__ import annotations

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine, State
from focustimer.engine.plan import Plan
from focustimer.settings.options import Options
from focustimer.sound.chime import Chime
from focustimer.tui.app import FocusTimerApp
from focustimer.tui.screens.finished import FinishedScreen

from .helpers import advance, status


class FakeRecorder:
    """What the app asks of the log, written down instead of saved."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.notes: list[str] = []
        self.lost = False

    def start(self, report) -> None:
        self.calls.append("start")

    def heartbeat(self) -> None:
        self.calls.append("heartbeat")

    def note(self, text: str) -> None:
        self.notes.append(text)

    def flush(self, timeout: float = 2.0) -> bool:
        return True

    def close(self, timeout: float = 2.0) -> bool:
        self.calls.append("close")
        return True


def parts(clock: FakeClock, **options) -> tuple[Engine, Options, Chime]:
    chosen = Options(total_ns=4 * NS, names=("Ann", "Bob"), **options)
    engine = Engine(Plan(chosen.total_ns, chosen.names), clock)
    return engine, chosen, Chime(clock)


async def test_an_app_built_from_fakes_runs_a_whole_session_and_keeps_its_note():
    clock = FakeClock()
    engine, options, chime = parts(clock, now=True)
    recorder = FakeRecorder()
    app = FocusTimerApp(
        engine, options, chime, recorder=recorder, notices=["something to say at start"]
    )
    async with app.run_test() as pilot:
        assert app.notices[0].plain == "something to say at start"
        assert status(app).startswith("Ann is boss · 0:02 left")
        await advance(pilot, clock, 2)
        await pilot.press("n")
        await advance(pilot, clock, 2)
        assert isinstance(app.screen, FinishedScreen)
        assert engine.state is State.FINISHED
        await pilot.press(*"calm", "enter")
        assert recorder.notes == ["calm"]
        assert recorder.calls[0] == "start" and "heartbeat" in recorder.calls
    assert recorder.calls[-1] == "close"
    assert app.farewell.startswith("Session complete:")  # the fake said nothing was lost


async def test_without_a_recorder_the_session_runs_and_says_it_is_not_saved():
    clock = FakeClock()
    engine, options, chime = parts(clock, now=True)
    app = FocusTimerApp(engine, options, chime)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2)
        await pilot.press("n")
        await advance(pilot, clock, 2)
        assert app.screen.query_one("#unsaved").display
    assert app.farewell.startswith("Session complete, not saved in the log:")
