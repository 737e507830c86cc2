"""Small edges: a warning from config.toml that does not fit, and names that are people."""

from __future__ import annotations

import pytest

from focustimer import config
from focustimer.cli import parse_session
from focustimer.clock import NS, FakeClock
from focustimer.log import last_first_speaker
from focustimer.options import Options
from focustimer.tui.app import make_app
from focustimer.tui.screens.ready import ReadyScreen

from .helpers import advance, text_of


def from_config(text: str, argv: list[str]) -> Options:
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return parse_session(argv, config.load())


async def test_the_ready_screen_says_the_files_warning_is_skipped_and_none_sounds(isolated):
    clock = FakeClock()
    options = from_config("warn = 2\n", ["4", "--names", "Ann", "Bob", "--auto"])
    app = make_app(options, clock=clock, record=False)
    events = []
    app.engine.subscribe(events.append)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReadyScreen)
        assert text_of(app, "#skipped") == (
            "No warning cue: warn = 2:00 in config.toml is too long for 2:00 turns"
        )
        await pilot.press("space")
        await advance(pilot, clock, 2 * 60)
        assert not [e for e in events if type(e).__name__ == "WarningCue"]
        assert app.engine.view().boss == "Bob"


async def test_with_now_the_skipped_warning_is_a_notice(isolated):
    options = from_config("warn = 2\n", ["4", "--now"])
    app = make_app(options, clock=FakeClock(), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert notices == ["No warning cue: warn = 2:00 in config.toml is too long for 2:00 turns"]


async def test_a_warning_that_fits_says_nothing(isolated):
    options = from_config("warn = 2\n", ["10"])
    app = make_app(options, clock=FakeClock(), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#skipped")


@pytest.mark.parametrize("last", ["ann", "ANN", "Ann"])
async def test_alternation_knows_ann_last_time_is_ann_today(last):
    options = Options(total_ns=10 * NS, names=("Ann", "Bob"))
    app = make_app(options, last_first=lambda names: last, record=False)
    assert app.engine.plan.names == ("Bob", "Ann")
    assert app.first_reason.plain == "Bob starts: Ann started last time"


async def test_a_pair_typed_in_another_case_alternates_with_the_logged_session(isolated):
    """The whole way: a session of Ann and Bob in the log, then `--names bob ann`."""
    clock = FakeClock()
    first = make_app(Options(total_ns=10 * NS, names=("Ann", "Bob"), now=True), clock=clock)
    async with first.run_test() as pilot:
        await advance(pilot, clock, 10)
    assert first.recorder is not None

    def logged(names):
        return last_first_speaker(names, on_damaged=print)

    options = parse_session(["10s", "--names", "bob", "ann"])
    again = make_app(options, clock=clock, last_first=logged, record=False)
    assert again.engine.plan.names == ("bob", "ann")  # shown as typed today
    assert again.first_reason.plain == "bob starts: ann started last time"
