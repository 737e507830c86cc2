"""The session log survives the process: kill -9, a closed terminal, SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from focustimer.engine.clock import NS
from focustimer.log import Store
from focustimer.settings.locations import log_path

from .tmux import focustimer_command

pytestmark = pytest.mark.e2e

SESSION = ["1m", "--names", "Ann", "Bob", "--now"]  # 30 s each: the kills land in Ann's turn


def recording_pid(timeout: float = 10.0) -> tuple[int, int]:
    """The pid of the focustimer that is writing the session, and the session's start."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with Store.open(log_path()) as store:
                row = store.db.execute("SELECT pid, started_ns FROM sessions").fetchone()
        except Exception:  # the file is being created by the timer: look again
            row = None
        if row is not None:
            return row
        time.sleep(0.05)
    raise AssertionError("the session was never written to the log")


def wait_until_gone(pid: int, timeout: float = 10.0) -> None:
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return  # exited; nobody has reaped it yet
        except (FileNotFoundError, ProcessLookupError):
            return
        time.sleep(0.02)
    raise AssertionError(f"focustimer (pid {pid}) did not exit within {timeout} s")


def log_json() -> dict:
    out = subprocess.run(
        [focustimer_command(), "log", "--json"], capture_output=True, text=True, check=True
    )
    (session,) = json.loads(out.stdout)
    return session


def test_kill_9_mid_turn_leaves_the_session_interrupted_with_the_times_so_far(tmux):
    tmux.start(SESSION, env={"FOCUSTIMER_DATA_DIR": os.environ["FOCUSTIMER_DATA_DIR"]})
    tmux.wait_for("Ann is boss · 0:27 left")  # a few heartbeats in
    pid, started_ns = recording_pid()
    os.kill(pid, signal.SIGKILL)
    truth = (time.time_ns() - started_ns) / NS
    tmux.wait_for("EXIT=137")
    session = log_json()
    assert session["status"] == "interrupted"
    ann, bob = session["turns"]
    assert truth - 2 <= ann["actual_seconds"] <= truth, (ann, truth)
    assert bob["actual_seconds"] == 0 and bob["started_at"] is None
    assert session["ended_at"] is not None


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_a_closed_terminal_end_the_session_as_aborted_with_its_times(tmux, how):
    tmux.start(SESSION, env={"FOCUSTIMER_DATA_DIR": os.environ["FOCUSTIMER_DATA_DIR"]})
    tmux.wait_for("Ann is boss · 0:29 left")
    pid, started_ns = recording_pid()
    tmux.keys("Space")  # paused: the times so far must survive a pause too
    tmux.wait_for("PAUSED")
    tmux.keys("Space")
    tmux.wait_gone("PAUSED")
    tmux.wait_for("Ann is boss · 0:28 left")
    before = time.time_ns()
    if how == "SIGTERM":
        os.kill(pid, signal.SIGTERM)
        tmux.wait_for("EXIT=143")
        assert "Traceback" not in tmux.screen()
    else:
        tmux.close()  # the terminal goes away: its processes get SIGHUP
    wait_until_gone(pid)
    after = time.time_ns()
    session = log_json()
    assert session["status"] == "aborted"
    ann, bob = session["turns"]
    # Ann was boss from the start until the signal, less the pause: exact, not a heartbeat's.
    low, high = ((t - started_ns) / NS - session["paused_seconds"] for t in (before, after))
    assert low - 0.1 <= ann["actual_seconds"] <= high + 0.1, (ann, low, high)
    assert high - low < 3
    assert bob["actual_seconds"] == 0
    assert len(session["pauses"]) == 1 and session["pauses"][0]["end"] is not None
