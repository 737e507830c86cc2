"""The practice's edges in a real terminal with the real clock: the last chime, a late partner."""

from __future__ import annotations

import os
import re
import time
from datetime import datetime, timedelta

import pytest

from .test_log_in_tmux import log_json

pytestmark = pytest.mark.e2e


def test_the_last_chime_ends_the_session_and_a_window_left_open_adds_nothing(tmux):
    tmux.start(
        ["6s", "--names", "Ann", "Bob"],
        env={"FOCUSTIMER_DATA_DIR": os.environ["FOCUSTIMER_DATA_DIR"]},
    )
    tmux.wait_for("Press space to start")
    tmux.keys("Space")
    tmux.wait_for("Time is up for Ann")
    pressed = time.monotonic()  # the turn cannot end before 3 s after the key
    tmux.keys("n")
    tmux.wait_for("Bob is boss")
    done = tmux.wait_for("Session complete", timeout=8)  # no n: the chime itself ends it
    assert 3.0 <= done - pressed < 3.8, done - pressed
    assert "Time is up for Bob" not in tmux.screen()
    tmux.wait_for("+0:02 since the chime", timeout=4)  # live, on its own
    seen = tmux.screen(joined=True)
    assert re.search(r"Bob  0:03", seen), seen
    session = log_json()  # the window is still open: the log already has the whole session
    assert session["status"] == "finished"
    ann, bob_turn = session["turns"]
    assert ann["actual_seconds"] == ann["planned_seconds"] + ann["overrun_seconds"]
    assert bob_turn["actual_seconds"] == bob_turn["planned_seconds"]
    assert bob_turn["overrun_seconds"] == 0
    tmux.keys("Escape")  # any key stops the count
    tmux.wait_for("q quit")
    stopped = re.search(r"\+0:0\d since the chime", tmux.screen())
    assert stopped is not None
    time.sleep(1.2)
    assert stopped[0] in tmux.screen()
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
    assert log_json()["turns"] == session["turns"]


@pytest.mark.realtime
def test_a_partner_who_starts_late_joins_the_schedule_on_its_second(tmux):
    target = (datetime.now() - timedelta(seconds=2)).replace(microsecond=0)  # 2 to 3 s ago
    at = target.strftime("%H:%M:%S")
    env = {"FOCUSTIMER_DATA_DIR": os.environ["FOCUSTIMER_DATA_DIR"]}
    tmux.start(["10s", "--names", "Ann", "Bob", "--auto", "--at", at], env=env)
    tmux.wait_for("Joined 0:0")
    screen = tmux.screen(joined=True)
    late = re.search(r"Joined 0:0(\d) late: the schedule started at (\S+)", screen)
    assert late is not None and late[2] == at and late[1] in "234", screen
    assert "Ann is boss" in screen and "Press space" not in screen
    # Bob's turn starts on the schedule's second, 5 s after the agreed start.
    seen = tmux.wait_for("Bob is boss", timeout=6)
    lag = (time.time() - (time.monotonic() - seen)) - (target.timestamp() + 5)
    assert -0.05 < lag < 0.4, lag
    done = tmux.wait_for("Session complete", timeout=7)
    lag = (time.time() - (time.monotonic() - done)) - (target.timestamp() + 10)
    assert -0.05 < lag < 0.4, lag
    assert "joined 0:0" in tmux.screen(joined=True)
    session = log_json()
    started = datetime.fromisoformat(session["started_at"])
    assert started.timestamp() == target.timestamp()  # the true start, not when it joined
    ann, bob = session["turns"]
    assert 5 - 4.5 < ann["actual_seconds"] < 5 - 1.5  # only the part that ran here
    assert bob["actual_seconds"] == 5
