"""Issue 12 in a real terminal: names from config.toml are data, and the terminal keeps a record."""

from __future__ import annotations

import os
import re

import pytest

pytestmark = pytest.mark.e2e


def test_names_with_markup_in_config_toml_start_and_quitting_prints_what_was_saved(tmux):
    config = os.environ["FOCUSTIMER_CONFIG_DIR"]
    os.makedirs(config, exist_ok=True)
    with open(os.path.join(config, "config.toml"), "w", encoding="utf-8") as file:
        file.write('names = ["a[/]b", "Bob [coach]"]\n')
    tmux.start(["1m"])
    tmux.wait_for("a[/]b starts")
    tmux.keys("Enter")  # Enter starts, as it means "next" everywhere else
    tmux.wait_for("a[/]b is boss · 0:30 left")
    assert "Bob [coach] listens" in tmux.screen()
    tmux.wait_for("a[/]b is boss · 0:28 left")
    tmux.keys("q", "q")
    tmux.wait_for("EXIT=0")
    screen = tmux.screen()
    saved = r"Saved as aborted: a\[/\]b 0:0[123], Bob \[coach\] 0:00 \(focustimer log\)"
    assert re.search(saved, screen), screen
    assert "Traceback" not in screen


def test_a_finished_session_leaves_its_summary_line(tmux):
    tmux.start(["2s", "--names", "Ann", "Bob", "--now", "--auto"])
    tmux.wait_for("Session complete")
    tmux.keys("Escape")
    tmux.wait_for("q quit")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
    assert "Session complete: Ann 0:01, Bob 0:01 · Equal: each was boss for 0:01" in tmux.screen()
