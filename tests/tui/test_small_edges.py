"""Small edges: a warning from config.toml that does not fit, and names that are people."""

from __future__ import annotations

import dataclasses

import pytest

from focustimer.cli.main import parse_session
from focustimer.compose import make_app
from focustimer.engine.clock import NS, FakeClock
from focustimer.log import last_first_speaker
from focustimer.settings import config_file as config
from focustimer.settings import locations
from focustimer.settings.locations import log_path
from focustimer.settings.options import Options
from focustimer.text import needs_hours, time_left
from focustimer.tui.screens.ready import ReadyScreen
from focustimer.tui.screens.session import SessionScreen

from .helpers import advance, text_of


def from_config(text: str, argv: list[str]) -> Options:
    path = locations.config_path()
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


@pytest.mark.parametrize("late", [False, True], ids=["now", "late join"])
async def test_with_no_ready_screen_the_skipped_warning_is_in_the_notice_line(isolated, late):
    # Said in the first screen's notice line, never as a toast over the status line.
    clock = FakeClock()
    options = from_config("warn = 2\n", ["4", "--now"])
    if late:
        options = dataclasses.replace(options, now=False, at_wall_ns=clock.wall_ns() - 5 * NS)
    app = make_app(options, clock=clock, record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert not app._notifications
        said = "No warning cue: warn = 2:00 in config.toml is too long for 2:00 turns"
        assert str(app.screen.query_one("#notices").render()) == said


@pytest.mark.parametrize("now", [True, False], ids=["session", "ready"])
async def test_what_was_found_at_start_is_in_the_first_screens_notice_line(isolated, now):
    options = Options(total_ns=4 * 60 * NS, names=("Ann", "Bob"), now=now)
    app = make_app(options, clock=FakeClock(), record=False)
    app.notices_at_start.append("The session log was damaged: moved it to /x/sessions.db.1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app._notifications
        said = "The session log was damaged: moved it to /x/sessions.db.1"
        assert str(app.screen.query_one("#notices").render()) == said


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
        return last_first_speaker(names, log_path(), on_damaged=print)

    options = parse_session(["10s", "--names", "bob", "ann"])
    again = make_app(options, clock=clock, last_first=logged, record=False)
    assert again.engine.plan.names == ("bob", "ann")  # shown as typed today
    assert again.first_reason.plain == "bob starts: ann started last time"


@pytest.mark.parametrize(("size", "lines"), [((80, 24), 3), ((40, 12), 3)])
async def test_a_long_notice_wraps_up_to_a_share_of_the_screen(isolated, size, lines):
    # 157 characters: 3 lines at 80 columns, shown whole; 5 at 40, of which 12 rows show 3.
    long = (
        "The session log was damaged: moved it to /home/ann/.local/share/focustimer/"
        "sessions.db.damaged-2026-11-30; 12 of its 14 sessions are saved in the new log"
    )
    options = Options(total_ns=4 * 60 * NS, names=("Ann", "Bob"))
    app = make_app(options, clock=FakeClock(), record=False)
    app.notices_at_start.append(long)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#notices").size.height == lines


LONG_NAMES = (
    "Annabel",
    "Bartholomew",
    "Cassandra",
    "Dorothea",
    "Evangeline",
    "Fitzgerald",
    "Gwendolyn",
    "Hildegard",
)


@pytest.mark.parametrize("size", [(40, 12), (50, 14), (60, 16), (80, 24)])
@pytest.mark.parametrize(("count", "long"), [(2, True), (5, True), (8, True), (8, False)])
async def test_the_status_line_stays_one_line_and_the_progress_bar_on_screen(
    isolated, size, count, long
):
    names = tuple(name * (3 if long else 1) for name in LONG_NAMES[:count])
    options = Options(total_ns=4 * 60 * 60 * NS, names=names)
    clock = FakeClock()
    app = make_app(options, clock=clock, record=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        for press in ("", "space"):  # running, then paused
            if press:
                await pilot.press(press)
            clock.advance(5)
            app.poll_clock()
            await pilot.pause()
            status = app.screen.query_one("#status")
            assert status.region.height == 1
            line = str(status.render())
            view = app.engine.view()
            left = time_left(view.remaining_ns, hours=needs_hours(view.turn_planned_ns))
            assert left in line  # the time stays; a long name gives way
            if not long:  # names of 33 characters fill the order line and listeners too
                assert app.screen.query_one("#progress").region.bottom <= size[1]
