"""Resume end to end: kill -9 mid-turn, `focustimer resume`, the session finishes, one row."""

from __future__ import annotations

import os
import signal
import time

import pytest

from .test_faults import _log as log_json
from .test_log_in_tmux import wait_until_gone
from .tmux import Tmux, focustimer_command

pytestmark = pytest.mark.e2e

TURN_S = 4
HEARTBEAT_S = 0.5


def test_killed_mid_turn_then_resumed_each_partner_gets_their_share_in_one_session(tmp_path):
    data = tmp_path / "data"
    env = {"FOCUSTIMER_DATA_DIR": str(data), "FOCUSTIMER_SOUND": "off"}
    first = Tmux(100, 30)
    try:
        first.launch(
            [focustimer_command(), f"{2 * TURN_S}s", "--names", "Ann", "Bob", "--now", "--auto"],
            env,
        )
        first.wait_for("Ann is boss · 0:02 left")
        time.sleep(0.3)
        pid = first.pid()
        os.kill(pid, signal.SIGKILL)  # mid-turn: a power cut, a lid closed on the terminal
        killed = time.time()
        wait_until_gone(pid)
    finally:
        first.close()
    (cut,) = log_json(data)
    assert cut["status"] == "interrupted"
    ann_saved = cut["turns"][0]["actual_seconds"]
    assert 1.0 <= ann_saved <= TURN_S - 1  # as of its last heartbeat

    second = Tmux(100, 30)
    try:
        second.start(["resume"], env)
        second.wait_for("Continue Ann's turn:")
        screen = second.screen(joined=True)
        assert "left of 0:04; Bob has not started" in screen
        assert "Press space to continue" in screen
        second.keys("space")
        resumed = time.time()
        second.wait_for("Ann is boss")
        second.wait_for("Session complete", timeout=2 * TURN_S + 10)
        second.wait_for("esc skip the note")
        second.keys("Escape")  # no note
        second.wait_for("q quit")
        second.keys("q")
        second.wait_for("EXIT=0")
    finally:
        second.close()

    sessions = log_json(data)
    assert len(sessions) == 1, sessions  # the same session, not a new one
    (session,) = sessions
    assert session["id"] == cut["id"] and session["status"] == "finished"
    assert session["started_at"] == cut["started_at"]
    ann, bob = session["turns"]
    # Each partner's total is their share: Ann's before the kill (as of the heartbeat) and
    # after the resume add up to it exactly.
    assert abs(ann["actual_seconds"] - TURN_S) < 0.002, session
    assert abs(bob["actual_seconds"] - TURN_S) < 0.002, session
    # The gap is a pause: from the last heartbeat to the resume.
    (gap,) = session["pauses"]
    gap_s = session["paused_seconds"]
    assert resumed - killed - 1 <= gap_s <= resumed - killed + HEARTBEAT_S + 1, session
    assert gap["start"] <= gap["end"]
