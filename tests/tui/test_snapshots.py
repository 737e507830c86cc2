"""What each screen looks like, at 80x24 and at the smallest supported 40x12."""

from __future__ import annotations

import pytest

from .helpers import STEPS as ALL_STEPS
from .helpers import app_for

SIZES = [(80, 24), (40, 12)]


# The screens shown at both sizes (help and the sleep question: in test_dutch.py).
STEPS = {name: step for name, step in ALL_STEPS.items() if name not in ("help", "sleep_question")}


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
