"""Every screen tells the truth (issue 12): names literally, times that agree, a calm view."""

from __future__ import annotations

import asyncio
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from rich.console import Console
from textual.containers import Center
from textual.widgets import DataTable, Label, ProgressBar
from textual.widgets._footer import FooterKey

from focustimer import i18n
from focustimer.compose import make_app
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import State
from focustimer.settings.options import Options
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.log import LogScreen
from focustimer.tui.screens.questions import long_pause_question, sleep_question
from focustimer.tui.screens.ready import ReadyScreen
from focustimer.tui.screens.session import SessionScreen
from focustimer.visible import visible

from ..budget import examples
from ..hostile import hostile_text
from .fake_player import FakePlayer
from .helpers import advance, app_for, notices, status, text_of


@pytest.fixture
def dutch():
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


# -- names are data, never markup -------------------------------------------------------------


def _rendered(app, selector: str) -> str:
    """A Static holding a rich renderable (a table), as text."""
    console = Console(width=200, record=True, file=io.StringIO())
    widget = app.screen.query_one(selector)
    console.print(widget.content)
    return console.export_text()


def _screen_text(app) -> str:
    """Everything the labels of the screen on top say, and the window's title."""
    parts = [str(label.render()) for label in app.screen.query(Label) if label.display]
    return "\n".join([*parts, app._title])


async def _a_whole_session(a: str, b: str) -> None:
    app, clock = app_for(10, names=(a, b))
    seen: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ReadyScreen)
        assert visible(a, 20) in status(app) and visible(a, 20) in text_of(app, "#reason")
        path = f"/home/{b}/data[/]"
        app.notify(f"the log cannot be written in {path}: this session will not be saved")
        await pilot.pause()
        assert any(visible(path) in line for line in notices(app))
        await pilot.press("space")
        assert isinstance(app.screen, SessionScreen)
        assert visible(a, 30) in status(app) and visible(a) in text_of(app, "#boss")
        assert visible(b) in text_of(app, "#listeners")
        assert visible(a, 20) in app._title
        await pilot.press("n")  # "press n again to end a's turn"
        assert visible(a, 20) in text_of(app, "#notice")
        await pilot.press("escape")
        await advance(pilot, clock, 5)
        assert visible(a, 30) in status(app) and visible(b) in text_of(app, "#listeners")
        await pilot.press("n")  # the turn changes: where '[/]' in b crashed
        assert visible(b, 30) in status(app)
        seen.append(_screen_text(app))
        await advance(pilot, clock, 5.5)
        await pilot.press("n")
        assert isinstance(app.screen, FinishedScreen)
        assert visible(a, 20) in status(app) or visible(b, 20) in status(app)
        assert visible(a, 20) in app.farewell and visible(b, 20) in app.farewell
        await pilot.press(*"a [/] [red]note")
        await pilot.press("enter")
        assert "a [/] [red]note" in text_of(app, "#note-saved")
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        row = app.screen.query_one(DataTable).get_row_at(0)
        partners = row[2].plain
        assert visible(a, 20) in partners and visible(b, 20) in partners
        assert "a [/] [red]note" in row[5].plain
    assert app.return_code in (None, 0)


names = hostile_text.filter(lambda n: n and n.strip() == n and len(n) <= 40)


@settings(
    max_examples=examples(12),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(names, names)
@example("Ann[/]", "Bob")
@example("Ann", "Bob[/]")
@example("[Ann]", "Bob [coach]")
@example("[red]x[/]", "a[b]c")
@example("[@click=app.quit]Q[/]", "\u200fBob\x1b]2;x\x07")
def test_any_names_are_shown_literally_on_every_screen_notice_and_title(a, b):
    if a == b:
        return
    asyncio.run(_a_whole_session(a, b))


@given(names)
def test_questions_show_a_name_literally(name):
    for question in (sleep_question(name, 90 * NS), long_pause_question(name, 31 * 60 * NS)):
        assert visible(name, 20) in question.question
        assert not [span for span in question.text.spans if span.style]  # no style from a name


async def test_a_name_cannot_embed_a_click_action():
    app, _clock = app_for(10, names=("[@click=app.quit]Q", "Bob"))
    async with app.run_test() as pilot:
        await pilot.click("#reason")
        await pilot.pause()
        assert app.is_running
        assert text_of(app, "#reason") == "[@click=app.quit]Q starts"


# -- times that agree ------------------------------------------------------------------------


async def test_the_overrun_and_the_difference_agree():
    app, clock = app_for(60 * 60, even_out=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 30 * 60 + 383.644)  # Ann runs over; nothing evens it out
        await pilot.press("n")
        await advance(pilot, clock, 30 * 60)  # the last chime ends the session
        table = _rendered(app, "#summary")
        verdict = text_of(app, "#verdict")
        assert "+6:23 after the chime" in table
        assert verdict == "Not equal: Ann had 6:23.644 more"
        assert "Ann  36:23.644" in table and "Bob  30:00.000" in table


async def test_without_evening_out_the_times_and_the_difference_add_up():
    app, clock = app_for(20, even_out=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 10 + 3.657)  # Ann runs over
        await pilot.press("n")
        await advance(pilot, clock, 10)  # the last chime ends the session
        assert text_of(app, "#verdict") == "Not equal: Ann had 0:03.657 more"
        assert status(app).startswith("Ann 0:13.657, Bob 0:10.000: ")


async def test_seven_partners_in_a_minute_each_get_the_same_time_everywhere():
    names = ("A", "B", "C", "D", "E", "F", "G")
    app, clock = app_for(60, names=names, auto=True)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "1:00 session, 0:08.571 each" in text_of(app, "#plan")
        await pilot.press("space")
        await advance(pilot, clock, 61)
        assert text_of(app, "#verdict") == "Equal: each was boss for 0:08.571"
        table = _rendered(app, "#summary")
        assert table.count("0:08.571") == 7


async def test_a_one_second_session_is_not_zero_each():
    app, clock = app_for(1, auto=True, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2)
        assert text_of(app, "#verdict") == "Equal: each was boss for 0:00.500"


async def test_a_tenth_of_a_second_pause_is_not_zero():
    app, clock = app_for(2, auto=True, now=True)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 0.1)
        await pilot.press("space")
        await advance(pilot, clock, 3)
        assert text_of(app, "#paused") == "Paused 0:00.100 in all"


async def test_one_format_on_a_screen_with_hours():
    app, _clock = app_for(150 * 60)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert text_of(app, "#plan") == "2:30:00 session, 1:15:00 each"


async def test_the_time_left_shows_the_full_turn_at_its_start_and_zero_only_at_its_end():
    app, clock = app_for(60, names=("A", "B", "C", "D", "E", "F", "G"), now=True)
    async with app.run_test() as pilot:
        assert "0:09 left" in status(app)  # 8.571 s left, rounded up
        await advance(pilot, clock, 8.5)
        assert "0:01 left" in status(app)
        await advance(pilot, clock, 0.072)
        assert "Time is up for A · +0:00" in status(app)


# -- a calm that stays calm, and a screen that is not covered -----------------------------------


async def test_a_notice_never_covers_the_status_line_or_a_prompt(monkeypatch):
    monkeypatch.setenv("FOCUSTIMER_SOUND", "auto")
    for size in ((80, 24), (40, 12)):
        clock = FakeClock()
        app = make_app(
            Options(total_ns=60 * NS, names=("Ann", "Bob")), clock=clock, player=FakePlayer(clock)
        )
        async with app.run_test(size=size) as pilot:
            await pilot.press("t")  # "Chime played with fake: did you hear it?"
            await pilot.pause()
            assert notices(app)
            line = app.screen.query_one("#notices").region
            for other in ("#status", "#press-start"):
                assert not line.overlaps(app.screen.query_one(other).region), other
            await pilot.press("space")
            await pilot.pause()
            assert notices(app) == []  # the ready screen's notice ended with it
            app.notify("no audio device: using the terminal bell")
            await pilot.press("n")  # "Press n again to end Ann's turn"
            await pilot.pause()
            line = app.screen.query_one("#notices").region
            prompt = app.screen.query_one("#notice")
            assert "Press n again" in str(prompt.render())
            for other in ("#status", "#notice"):
                assert not line.overlaps(app.screen.query_one(other).region), other


async def test_a_resize_on_the_finished_screen_leaves_no_stray_word():
    app, clock = app_for(10, auto=True, now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 10)
        await pilot.press("escape")  # no note
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        for center in app.screen.query(Center):
            assert center.children, "an empty Center draws its own name"
        assert "Center" not in app.export_screenshot()


async def test_the_progress_bar_never_moves_backwards():
    app, clock = app_for(20)
    async with app.run_test() as pilot:
        seen: list[float] = []

        def look():
            if isinstance(app.screen, SessionScreen):
                seen.append(app.screen.query_one("#progress", ProgressBar).progress)

        await pilot.press("space")
        for _ in range(10):
            await advance(pilot, clock, 1)
            look()
        await advance(pilot, clock, 8)  # Ann runs over 8 s: evened out in Bob's turn
        look()
        await pilot.press("n")
        look()
        for _ in range(5):
            await advance(pilot, clock, 1)
            look()
        await pilot.press("n", "n")  # Bob ends his turn early
        assert seen == sorted(seen), seen
        assert seen[-1] < 100
        assert app.engine.state is State.FINISHED


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_every_prompt_is_readable_whole(lang, size):
    i18n.set_language(lang)
    try:
        app, _clock = app_for(
            60 * 60, names=("Ann", "Bob", "Cas", "Dee", "Eve", "Fay", "Gus", "Hal")
        )
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            _readable(app, "#press-start")
            _help_in_footer(app)
            await pilot.press("space", "n")
            await pilot.pause()
            _readable(app, "#notice")
            _readable(app, "#status")
            _help_in_footer(app)
    finally:
        i18n.set_language("en")


def _readable(app, selector: str) -> None:
    widget = app.screen.query_one(selector)
    text = str(widget.render())
    assert text.strip()
    region = widget.content_region
    assert app.screen.region.contains_region(widget.region), (selector, widget.region)
    rows = sum(-(-max(1, len(line)) // region.width) for line in text.splitlines())
    assert rows <= region.height, (selector, text, region)


def _help_in_footer(app) -> None:
    keys = [key for key in app.screen.query(FooterKey) if key.display]
    assert "?" in [key.key_display for key in keys]
    assert sum(key.outer_size.width for key in keys) <= app.size.width


# -- words --------------------------------------------------------------------------------------


async def test_the_window_title_is_a_sentence_in_each_state():
    app, clock = app_for(30 * 60, now=True)
    async with app.run_test() as pilot:
        assert app._title == "Ann 15:00 - focustimer"
        await advance(pilot, clock, 1)
        await pilot.press("space")
        assert app._title == "Ann 14:59 (paused) - focustimer"
        await pilot.press("space")
        await advance(pilot, clock, 15 * 60)
        assert app._title == "Time is up for Ann - focustimer"


async def test_the_window_title_in_dutch(dutch):
    app, clock = app_for(15, names=("Ann", "Bob", "Cas"), now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 5)
        await pilot.press("n")
        await advance(pilot, clock, 5)
        await pilot.press("space")
        assert app._title == "De tijd is om voor Bob (gepauzeerd) - focustimer"


async def test_enter_on_the_ready_screen_starts():
    app, _clock = app_for(10)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)


async def test_quitting_leaves_a_line_saying_what_was_saved():
    app, clock = app_for(60, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 26.2)
        await pilot.press("q", "q")
    assert app.farewell == "Saved as aborted: Ann 0:26, Bob 0:00 (focustimer log)"


async def test_a_finished_session_leaves_its_summary_line():
    app, clock = app_for(10, now=True, auto=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 10)
        await pilot.press("escape", "q")
    assert app.farewell == "Session complete: Ann 0:05, Bob 0:05 · Equal: each was boss for 0:05"


async def test_the_start_time_countdown_is_in_the_status_line_and_the_title():
    clock = FakeClock()
    at = clock.wall_ns() + 90 * NS
    app = make_app(Options(total_ns=10 * NS, names=("Ann", "Bob"), at_wall_ns=at), clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "in 1:30" in status(app)
        assert app._title == "Starts in 1:30 - focustimer"
        await advance(pilot, clock, 30)
        assert "in 1:00" in status(app)
        assert app._title == "Starts in 1:00 - focustimer"


async def test_the_log_counts_one_session_in_the_singular():
    app, clock = app_for(10, now=True, auto=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 10)
        await pilot.press("escape", "l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert status(app).startswith("Session log: 1 session, newest first")


async def test_dutch_words_read_as_dutch(dutch):
    app, clock = app_for(20, names=("Cas", "Ann", "Bob"), first="Cas")
    async with app.run_test(size=(100, 30)) as pilot:
        assert text_of(app, "#plan") == "Sessie van 0:20, ieder 0:06.667"  # to the nearest ms
        footer = {key.key_display: key.description for key in app.screen.query(FooterKey)}
        assert footer["spatie"] == "beginnen" and footer["q"] == "afsluiten"
        assert footer["f"] == "ander begint"
        assert "begint" not in _rendered(app, "#order")
        await pilot.press("space")
        await advance(pilot, clock, 1)
        assert text_of(app, "#listeners").startswith("Ann en Bob luisteren")
        await pilot.press("n", "n")  # Cas stops early
        await pilot.press("n")  # Ann starts
        await advance(pilot, clock, 7)
        await pilot.press("n")  # Bob starts
        await advance(pilot, clock, 7)
        await pilot.press("n")
        assert isinstance(app.screen, FinishedScreen)
        assert "eerder gestopt" in _rendered(app, "#summary")
        assert text_of(app, "#verdict") == "Cas stopte zelf eerder"


async def test_good_news_from_the_log_leaves_the_session_saved(isolated):
    # A data folder others can read: a warning, and the session is saved all the same.
    (isolated / "data").mkdir(mode=0o755)
    (isolated / "data").chmod(0o755)
    app, clock = app_for(60, now=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 26.2)
        app.recorder.flush()
        await pilot.pause()
        assert any("chmod 700" in line for line in notices(app))
        await pilot.press("q", "q")
    assert app.farewell == "Saved as aborted: Ann 0:26, Bob 0:00 (focustimer log)"


async def test_a_session_not_saved_says_so_on_the_finished_screen_and_in_its_line(isolated):
    (isolated / "data").write_text("a file where the data folder should be")
    app, clock = app_for(10, now=True, auto=True)
    async with app.run_test() as pilot:
        app.recorder.flush()
        await advance(pilot, clock, 10)
        assert app.screen.query_one("#unsaved").display
        assert text_of(app, "#unsaved") == "This session is not saved in the log"
        await pilot.press("escape", "q")
    assert app.farewell == (
        "Session complete, not saved in the log: Ann 0:05, Bob 0:05 · Equal: each was boss for 0:05"
    )


async def test_a_saved_session_shows_no_unsaved_line(isolated):
    app, clock = app_for(10, now=True, auto=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 10)
        app.recorder.flush()
        await pilot.pause()
        assert not app.screen.query_one("#unsaved").display
