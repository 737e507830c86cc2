"""What each screen looks like, at 80x24 and at the smallest supported 40x12."""

from __future__ import annotations

import pytest

from .helpers import advance, app_for

SIZES = [(80, 24), (40, 12)]


async def _running(pilot, clock):
    await pilot.press("space")
    await advance(pilot, clock, 61.4)


async def _paused(pilot, clock):
    await _running(pilot, clock)
    await pilot.press("space")
    await advance(pilot, clock, 12)


async def _turn_over(pilot, clock):
    await pilot.press("space")
    await advance(pilot, clock, 30 * 60 + 7.2)


async def _finished(pilot, clock):
    await _turn_over(pilot, clock)
    await pilot.press("n")
    await advance(pilot, clock, 30 * 60 + 7.2)  # the last chime ends the session
    await advance(pilot, clock, 42)  # shown as time since the chime, counted for nobody


async def _calm(pilot, clock):
    await _running(pilot, clock)
    await pilot.press("c")


async def _log(pilot, clock):
    await pilot.press("l")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


STEPS = {
    "ready": None,
    "calm": _calm,
    "log": _log,
    "running": _running,
    "paused": _paused,
    "turn_over": _turn_over,
    "finished": _finished,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(STEPS))
def test_screen(snap_compare, screen, size):
    app, clock = app_for(60 * 60, names=("Ann", "Bob"))
    step = STEPS[screen]

    async def run_before(pilot):
        if step is not None:
            await step(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("screen", ["ready", "running"])
def test_screen_in_a_light_theme(snap_compare, screen):
    # For light terminals: every colour comes from the theme, none is fixed for dark ones.
    app, clock = app_for(60 * 60, names=("Ann", "Bob"), theme="textual-light")
    step = STEPS[screen]

    async def run_before(pilot):
        if step is not None:
            await step(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
