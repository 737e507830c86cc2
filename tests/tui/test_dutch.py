"""Every screen in Dutch at 80x24 and 40x12: the words of the practice, nothing cut off."""

from __future__ import annotations

import pytest
from synthetic import add_sessions  # tools/synthetic.py (pytest's pythonpath)
from textual.widgets import Label
from textual.widgets._footer import FooterKey

from focustimer import i18n
from focustimer.engine.clock import NS
from focustimer.log import Store
from focustimer.settings.locations import log_path
from focustimer.tui.screens.finished import FinishedScreen
from focustimer.tui.screens.questions import Question
from focustimer.tui.screens.session import SessionScreen

from .helpers import STEPS, advance, app_for, status, text_of


@pytest.fixture(autouse=True)
def dutch():
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


def _fits(app) -> None:
    """No line of text is wider than its place on the screen: nothing is cut off."""
    screen = app.screen
    for label in screen.query(Label):
        if not label.display or label.id != "status":
            continue
        rows = -(-len(str(label.render())) // label.content_region.width)
        assert rows <= label.content_region.height, str(label.render())
    keys = [key for key in app.screen.query(FooterKey) if key.display]
    assert sum(key.outer_size.width for key in keys) <= app.size.width


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(STEPS))
def test_every_screen_in_dutch(snap_compare, screen, size):
    if screen == "log":
        with Store.open(log_path()) as store:
            add_sessions(store, 12, seed=3, end_ns=1_700_000_000 * NS)
    app, clock = app_for(60 * 60, names=("An", "Bart"))
    step = STEPS[screen]

    async def run_before(pilot):
        if step is not None:
            await step(pilot, clock)
        await pilot.pause()
        _fits(pilot.app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_the_words_of_the_practice():
    app, clock = app_for(60 * 60, names=("An", "Bart"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Druk op spatie om te beginnen" in text_of(app, "#press-start")
        assert "Sessie van 60:00, ieder 30:00" in text_of(app, "#plan")
        await pilot.press("space")
        assert isinstance(app.screen, SessionScreen)
        assert text_of(app, "#boss") == "An is de baas"
        assert text_of(app, "#listeners") == "Bart luistert"
        assert status(app) == "An is de baas · nog 30:00 · beurt 1 van 2"
        await advance(pilot, clock, 30 * 60)
        assert status(app) == "De tijd is om voor An · +0:00 · beurt 1 van 2"
        assert text_of(app, "#listeners") == "Bart, druk op n om je beurt te beginnen"
        await pilot.press("n")
        await advance(pilot, clock, 30 * 60)
        await pilot.press("n")
        assert isinstance(app.screen, FinishedScreen)
        assert text_of(app, "#plan") == "Sessie voltooid"
        assert text_of(app, "#verdict") == "Gelijk verdeeld: ieder was 30:00 de baas"


async def test_key_labels_follow_the_language_chosen_after_import():
    app, _ = app_for(10, now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        labels = {key.description for key in app.screen.query(FooterKey)}
        assert {"pauze", "beurt stoppen", "rustig", "afsluiten", "hulp"} <= labels
        keys = {key.key_display for key in app.screen.query(FooterKey)}
        assert "spatie" in keys and "space" not in keys  # as the screens call it


async def test_a_question_in_dutch():
    app, clock = app_for(60 * 60, names=("An", "Bart"), now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 60)
        clock.sleep(90)
        await advance(pilot, clock, 0.5)
        assert isinstance(app.screen, Question)
        assert app.screen.question.startswith("De computer sliep 1:30 tijdens de beurt van An")
