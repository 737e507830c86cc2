"""A second of a running session touches only what changed: no timers of the widgets' own,
and the status line repaints the changed characters, not its whole row."""

from __future__ import annotations

import asyncio

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, ProgressBar

from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.widgets.statusline import StatusLine

from .helpers import advance, app_for, status


async def test_the_progress_bar_sets_no_timer_of_its_own(monkeypatch):
    intervals = []
    original = ProgressBar.set_interval

    def spy(self, *args, **kwargs):
        intervals.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ProgressBar, "set_interval", spy)
    app, clock = app_for(60 * 60, names=("Ann", "Bob"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 40)
        bar = app.screen.query_one("#progress", ProgressBar)
        assert bar.percentage is not None and bar.percentage > 0  # it still moves when told
        assert intervals == []


async def test_a_new_second_repaints_only_the_changed_characters_of_the_status_line(monkeypatch):
    app, clock = app_for(60 * 60, names=("Ann", "Bob"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await advance(pilot, clock, 1)
        line = app.screen.query_one("#status", StatusLine)
        repaints = []
        original = Widget.refresh

        def spy(self, *regions, **options):
            if self is line:
                repaints.append(regions)  # what reaches Textual, after the narrowing
            return original(self, *regions, **options)

        monkeypatch.setattr(Widget, "refresh", spy)
        assert status(app) == "Ann is boss · 29:59 left · turn 1 of 2"
        await advance(pilot, clock, 1)
        assert status(app) == "Ann is boss · 29:58 left · turn 1 of 2"
        column = 1 + len("Ann is boss · 29:5")  # one cell of padding, then the text
        assert repaints == [(Region(column, 0, 1, 1),)]  # one cell, not the whole row
        await advance(pilot, clock, 9)  # 29:58 -> 29:49: two characters
        assert status(app) == "Ann is boss · 29:49 left · turn 1 of 2"
        assert repaints[-1] == (Region(column - 1, 0, 2, 1),)


async def test_a_status_line_of_another_length_or_with_wide_characters_repaints_whole():
    app, _ = app_for(60, names=("Ann", "Bob"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#status", StatusLine)
        line.update("abc", layout=False)
        line.update("abcd", layout=False)
        await pilot.pause()
        assert str(line.render()) == "abcd"
        line.update("日本語d", layout=False)
        await pilot.pause()
        assert str(line.render()) == "日本語d"
        line.update("日本語e", layout=False)
        await pilot.pause()
        assert str(line.render()) == "日本語e"


async def test_the_notes_cursor_stops_blinking_after_a_while(monkeypatch):
    """A window left open after the call goes still: no blink timer waking it twice a second."""
    monkeypatch.setattr(FinishedScreen, "NOTE_BLINK_S", 0.2, raising=False)
    app, clock = app_for(2, now=True, auto=True)
    async with app.run_test() as pilot:
        await advance(pilot, clock, 2.5)
        assert isinstance(app.screen, FinishedScreen)
        note = app.screen.query_one("#note", Input)
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert not note.cursor_blink
        await pilot.press("o", "k")  # typing still works, the cursor still
        assert note.value == "ok" and not note.cursor_blink
