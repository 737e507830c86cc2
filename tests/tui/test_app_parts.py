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
    """What the app asks of the log, written down instead of saved; it wants a heartbeat at
    ``next_heartbeat_ns`` (of the fake clock), and each one it hears is a beat."""

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock
        self.calls: list[str] = []
        self.notes: list[str] = []
        self.lost = False
        self.next_heartbeat_ns: int | None = None
        self.saving = True  # False: no turn running to save, each beat is declined

    def start(self, report) -> None:
        self.calls.append("start")

    def heartbeat(self) -> None:
        self.calls.append("heartbeat")
        if self.clock is not None and self.saving:
            self.next_heartbeat_ns = self.clock.monotonic_ns() + NS // 2

    def note(self, text: str) -> None:
        self.notes.append(text)

    def flush(self, timeout: float = 2.0) -> bool:
        return True

    def close(self, timeout: float = 2.0) -> bool:
        self.calls.append("close")
        return True


def parts(clock: FakeClock, total_s: int = 4, **options) -> tuple[Engine, Options, Chime]:
    chosen = Options(total_ns=total_s * NS, names=("Ann", "Bob"), **options)
    engine = Engine(Plan(chosen.total_ns, chosen.names), clock)
    return engine, chosen, Chime(clock)


async def test_an_app_built_from_fakes_runs_a_whole_session_and_keeps_its_note(tmp_path):
    clock = FakeClock()
    engine, options, chime = parts(clock, now=True)
    recorder = FakeRecorder()
    app = FocusTimerApp(
        engine,
        options,
        chime,
        recorder=recorder,
        notices=["something to say at start"],
        log_path=tmp_path / "sessions.db",
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


async def test_without_a_recorder_the_session_runs_and_says_it_is_not_saved(tmp_path):
    clock = FakeClock()
    engine, options, chime = parts(clock, now=True)
    app = FocusTimerApp(engine, options, chime, log_path=tmp_path / "sessions.db")
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2)
        await pilot.press("n")
        await advance(pilot, clock, 2)
        assert app.screen.query_one("#unsaved").display
    assert app.farewell.startswith("Session complete, not saved in the log:")


async def test_one_wake_up_serves_the_screen_and_the_log_s_heartbeat(tmp_path):
    clock = FakeClock()
    engine, options, chime = parts(clock, 3600, now=True, calm=True)
    recorder = FakeRecorder(clock)
    app = FocusTimerApp(
        engine, options, chime, recorder=recorder, log_path=tmp_path / "sessions.db"
    )
    async with app.run_test() as pilot:
        await advance(pilot, clock, 1)
        # The calm view redraws in 15 s; the log wants its heartbeat in 0.5 s: one wake-up.
        assert app.redraw_delay_s == 15 and app.wake_delay_s == 0.5
        shown = status(app)
        beats = recorder.calls.count("heartbeat")
        clock.advance(0.5)
        app.wake_up()  # as the wake-up does when it comes: a beat, and no redraw
        assert recorder.calls.count("heartbeat") == beats + 1
        assert app.wake_delay_s == 0.5 and app.redraw_delay_s == 15
        assert status(app) == shown
        recorder.saving = False  # nothing to save: the beat due now is declined
        clock.advance(0.5)
        app.wake_up()
        assert app.wake_delay_s == 14  # no busy loop: the screen's next redraw
        recorder.saving = True
        clock.advance(14)
        app.wake_up()  # the redraw is due: the whole round, and a beat with it
        await pilot.pause()
        assert recorder.calls.count("heartbeat") == beats + 3
        assert app.redraw_delay_s == 15 and app.wake_delay_s == 0.5
