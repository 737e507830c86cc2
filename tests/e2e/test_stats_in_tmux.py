"""The stats pictures in a real terminal: colour there, none with NO_COLOR, and the TUI view."""

from __future__ import annotations

import os

import pytest

from ..glance_logs import write_log

pytestmark = pytest.mark.e2e


def coloured_screen(tmux) -> str:
    return tmux._tmux("capture-pane", "-t", "t", "-p", "-e")


@pytest.mark.parametrize("no_color", [False, True])
def test_stats_in_a_terminal_is_coloured_unless_no_color(tmux, no_color):
    tmux.height = 60  # all of it on the screen
    write_log("year")
    env = {"FOCUSTIMER_DATA_DIR": os.environ["FOCUSTIMER_DATA_DIR"], "COLORTERM": "truecolor"}
    if no_color:
        env["NO_COLOR"] = "1"
    tmux.start(["stats"], env=env)
    tmux.wait_for("EXIT=0")
    screen = coloured_screen(tmux)
    assert "Rhythm: the last 26 weeks" in tmux.screen()
    coloured = "\x1b[32m" in screen or "\x1b[1;32m" in screen or "\x1b[38;" in screen
    assert coloured != no_color
    assert "▓" in screen and "█" in screen  # the shades read without colour too


def test_the_stats_view_from_the_log_screen(tmux):
    # 40x12 is checked with Pilot (tests/tui): under pytest, a tmux pane that is not 80x24
    # is not seen at its size by the ready screen (nor resizes), with or without this change.
    write_log("year")
    tmux.start(
        ["30", "--names", "Ann", "Bob"],
        env={"FOCUSTIMER_DATA_DIR": os.environ["FOCUSTIMER_DATA_DIR"], "FOCUSTIMER_SOUND": "off"},
    )
    tmux.wait_for("Press space to start")
    tmux.keys("l")
    tmux.wait_for("Session log:")
    tmux.keys("s")
    tmux.wait_for("Stats · escape to go back")
    screen = tmux.screen()
    assert "Rhythm: the last 26 weeks" in screen and "Traceback" not in screen
    lines = screen.splitlines()
    assert len(lines) == 24 and max(len(line) for line in lines) <= 80
    monday = next(line for line in lines if line.startswith(" M "))
    assert monday.index("Usually") == 1 + 2 + 2 * 26 + 1  # beside the 26 weeks
    tmux.keys("Escape")
    tmux.wait_for("Session log:")
