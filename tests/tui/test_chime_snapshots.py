"""What the chime adds to the screens: the player on the ready screen, and the flash."""

from __future__ import annotations

import pytest

from focustimer.compose import make_app
from focustimer.engine.clock import NS, FakeClock
from focustimer.settings.options import Options
from focustimer.sound.backends import Probe
from focustimer.tui import alert

from .fake_player import FakePlayer


@pytest.fixture(autouse=True)
def sound_on(monkeypatch):
    monkeypatch.setenv("FOCUSTIMER_SOUND", "auto")


def test_ready_screen_names_the_player_and_offers_a_test(snap_compare):
    clock = FakeClock()
    app = make_app(Options(names=("Ann", "Bob")), clock=clock, player=FakePlayer(clock))
    assert snap_compare(app, terminal_size=(80, 24))


def test_the_screen_flashes_when_the_bell_stands_in(snap_compare, monkeypatch):
    monkeypatch.setattr(alert, "FLASH_S", 30.0)  # still on when the picture is taken, under load
    clock = FakeClock()
    player = FakePlayer(clock, found=Probe(None, "no audio device"))
    app = make_app(Options(total_ns=10 * NS, names=("Ann", "Bob"), now=True), clock, player=player)
    app.bell = lambda: None

    async def turn_ends(pilot):
        clock.advance(5)
        app.poll_clock()
        await pilot.pause()
        assert app.has_class("-flash")
        await pilot.pause()  # the flash's new style drawn (the class alone is not yet)

    assert snap_compare(app, terminal_size=(80, 24), run_before=turn_ends)
