"""The installed focustimer in a real terminal: what a person sees and types."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.realtime
def test_ten_seconds_ann_five_then_bob_five_then_finished(tmux):
    tmux.start(["10s", "--names", "Ann", "Bob", "--no-even-out"])
    tmux.wait_for("Press space to start")
    assert "0:10 session, 0:05 each" in tmux.screen()
    # Timed from the key press: a turn cannot end before 5 s after it. (Timed from the first
    # frame that showed 0:05, a frame drawn 0.2 s late made a whole turn look short.)
    pressed = time.monotonic()
    tmux.keys("Space")
    tmux.wait_for("Ann is boss · 0:05 left")
    tmux.wait_for("Ann is boss · 0:01 left")
    assert "Ann 0:01 - focustimer" in tmux.title()
    over = tmux.wait_for("Time is up for Ann")
    assert 5.0 <= over - pressed < 5.8, over - pressed  # 5 s, not 4 or 6
    assert "Bob, press n to start your turn" in tmux.screen()
    pressed = time.monotonic()
    tmux.keys("n")
    tmux.wait_for("Bob is boss · 0:05 left")
    assert "Ann listens" in tmux.screen()
    over = tmux.wait_for("Session complete")  # the last chime ends the session
    assert 5.0 <= over - pressed < 5.8, over - pressed
    screen = tmux.screen()
    assert "Ann" in screen and "Bob" in screen
    tmux.wait_for("esc skip the note")  # the whole frame, keys included
    tmux.keys("Escape")  # no note; alone, since ESC and q at once read as alt+q
    tmux.wait_gone("esc skip the note")  # Escape was read (q quit may show already)
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
    assert "Traceback" not in tmux.screen()


def test_pause_freezes_the_time_left_and_resume_goes_on(tmux):
    tmux.start(["1m", "--names", "Ann", "Bob", "--now"])
    tmux.wait_for("Ann is boss · 0:30 left")
    tmux.keys("Space")
    tmux.wait_for("PAUSED")
    left = tmux.status().split(" · ")[2]
    time.sleep(1.5)
    assert tmux.status().split(" · ")[2] == left
    assert tmux.status().startswith("Paused 0:01")
    tmux.keys("Space")
    tmux.wait_gone("PAUSED")
    assert tmux.status().startswith("Ann is boss")
    tmux.keys("q", "q")
    tmux.wait_for("EXIT=0")
