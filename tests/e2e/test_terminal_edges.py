"""The real terminal at its edges: help, resizing mid-turn, NO_COLOR, TERM=dumb, no terminal."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from .tmux import focustimer_command

pytestmark = pytest.mark.e2e


def test_help_screen_lists_the_keys_and_closes(tmux):
    tmux.start(["10m", "--names", "Ann", "Bob"])
    tmux.wait_for("Press space to start")
    tmux.keys("?")
    tmux.wait_for("focustimer: equal turns")
    screen = tmux.screen()
    for key in ("space", "n, enter", "q", "escape"):
        assert key in screen
    tmux.keys("Escape")
    tmux.wait_gone("focustimer: equal turns")
    assert "Press space to start" in tmux.screen()


def test_resizing_to_40x12_and_back_during_a_turn(tmux):
    tmux.start(["10m", "--names", "Ann", "Bob", "--now"])
    tmux.wait_for("Ann is boss · 5:00 left")
    tmux.resize(40, 12)
    tmux.wait_for("left")
    small = tmux.screen().splitlines()
    assert len(small) == 12 and max(len(line) for line in small) <= 40
    status = [line for line in small if "left" in line]
    assert status and re.match(r"Ann is boss · [45]:\d\d left", status[0].strip())
    tmux.resize(100, 30)
    tmux.wait_for("Bob listens")
    assert re.search(r"Ann is boss · [45]:\d\d left", tmux.screen())
    assert "Traceback" not in tmux.screen()
    tmux.keys("q", "q")
    tmux.wait_for("EXIT=0")


def _colours(tmux) -> set[tuple[int, int, int]]:
    """Every foreground colour on screen, as RGB (256-colour codes converted)."""
    escaped = tmux._tmux("capture-pane", "-t", "t", "-p", "-e")
    found = set()
    for code in re.findall(r"38;5;(\d+)", escaped):
        n = int(code)
        if n >= 232:
            level = 8 + 10 * (n - 232)
            found.add((level, level, level))
        elif n >= 16:
            n -= 16
            found.add(tuple((0, 95, 135, 175, 215, 255)[c] for c in (n // 36, n // 6 % 6, n % 6)))
        else:
            found.add((n, n, n))  # the 16 basic colours: treated as grey (not used here)
    for r, g, b in re.findall(r"38;2;(\d+);(\d+);(\d+)", escaped):
        found.add((int(r), int(g), int(b)))
    return found


def _is_grey(rgb: tuple[int, int, int]) -> bool:
    return max(rgb) - min(rgb) <= 12


def test_no_color_draws_in_greys_only(tmux):
    tmux.start(["10m", "--names", "Ann", "Bob", "--now"], env={"NO_COLOR": "1"})
    tmux.wait_for("Ann is boss · 5:00 left")
    colours = _colours(tmux)
    assert colours and all(_is_grey(c) for c in colours), colours
    tmux.keys("q", "q")


def test_partners_have_their_colours_without_no_color(tmux):
    tmux.start(["10m", "--names", "Ann", "Bob", "--now"])
    tmux.wait_for("Ann is boss · 5:00 left")
    assert any(not _is_grey(c) for c in _colours(tmux))
    tmux.keys("q", "q")


def test_term_dumb_is_refused_in_one_line(tmux):
    tmux.start(["10m"], env={"TERM": "dumb"})
    tmux.wait_for("EXIT=2")
    lines = [line for line in tmux.screen(joined=True).splitlines() if line.strip()]
    assert lines == [
        "focustimer: this terminal cannot draw the timer (TERM=dumb): run focustimer in a "
        "full terminal",
        "EXIT=2",
    ]


def test_no_terminal_at_all_is_refused_in_one_line():
    result = subprocess.run(
        [focustimer_command(), "10m"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr


def test_python_dash_m_without_a_terminal_too():
    result = subprocess.run(
        [sys.executable, "-m", "focustimer"], stdin=subprocess.DEVNULL, capture_output=True
    )
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_with_stdout_piped_it_runs_for_textual_draws_on_stderr(tmux):
    command = shlex.quote(focustimer_command())
    tmux.start_shell(f"{command} 10s --names Ann Bob --now | cat")
    tmux.wait_for("Ann is boss")
    tmux.keys("q")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")


def test_with_stderr_in_a_file_it_is_refused_there_in_one_line(tmux, tmp_path):
    log = tmp_path / "err.txt"
    command = shlex.quote(focustimer_command())
    tmux.start_shell(f"{command} 10s --now 2>{shlex.quote(str(log))}")
    tmux.wait_for("EXIT=2")
    assert log.read_text() == (
        "focustimer: focustimer needs a terminal: run it in a terminal window "
        "(focustimer log works anywhere)\n"
    )
