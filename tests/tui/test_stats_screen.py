"""The stats screen: reached from the log screen, the same pictures as ``focustimer stats``."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from focustimer import i18n
from focustimer.tui.screens.log import LogScreen
from focustimer.tui.screens.stats import StatsScreen

from ..glance_logs import KINDS, amsterdam, write_log
from .helpers import app_for, notices, status


@pytest.fixture(autouse=True)
def in_amsterdam():
    with amsterdam():
        yield


def picture(app) -> str:
    """The stats picture as it is drawn, line by line."""
    widget = app.screen.query_one("#stats-picture")
    region = Region(0, 0, widget.size.width, widget.size.height)
    return "\n".join(line.text.rstrip() for line in widget.render_lines(region))


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_stats(pilot) -> None:
    await pilot.press("l")
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)


async def test_s_on_the_log_screen_shows_the_stats_and_escape_goes_back_to_the_log():
    write_log("year")
    app, _clock = app_for(10)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stats(pilot)
        assert isinstance(app.screen, StatsScreen)
        shown = picture(app)
        assert "Rhythm: the last 26 weeks" in shown and "Usually Tuesday" in shown
        assert status(app) == "Stats · escape to go back"
        await pilot.press("escape")
        assert isinstance(app.screen, LogScreen)


async def test_at_40_columns_the_strip_shortens_and_the_picture_scrolls():
    write_log("year")
    app, _clock = app_for(10)
    async with app.run_test(size=(40, 12)) as pilot:
        await open_stats(pilot)
        shown = picture(app)
        weeks = int(shown.split("Rhythm: the last ")[1].split()[0])
        assert 10 <= weeks < 26
        body = app.screen.query_one("#stats-body")
        assert body.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y  # the balance can be read to its end


async def test_a_damaged_log_is_said_and_the_screen_still_opens(isolated):
    path = isolated / "data" / "sessions.db"
    path.parent.mkdir()
    app, _clock = app_for(10)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("l")
        await settle(pilot)
        path.write_bytes(b"garbage" * 500)  # damaged after the log screen read it
        await pilot.press("s")
        await settle(pilot)
        (notice,) = notices(app)
        assert notice.startswith("The session log was damaged: moved it to ")
        assert "No sessions logged yet" in picture(app)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", KINDS)
def test_stats_screen_snapshot(snap_compare, kind, lang, size):
    write_log(kind)
    i18n.set_language(lang)
    app, _clock = app_for(10)
    assert snap_compare(app, terminal_size=size, run_before=open_stats)
