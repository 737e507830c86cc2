"""Faults a timer meets in real life: killed at any moment; and it never uses the network."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from focustimer.engine.clock import NS

from .test_log_in_tmux import wait_until_gone
from .tmux import Tmux, focustimer_command

pytestmark = pytest.mark.e2e

KILLS = 20
AT_ONCE = 5
TURN_S = 3


def _log(data_dir: Path) -> list[dict]:
    out = subprocess.run(
        [focustimer_command(), "log", "--json", "--limit", "0"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "FOCUSTIMER_DATA_DIR": str(data_dir)},
    )
    return json.loads(out.stdout)


def _recording(data_dir: Path, timeout: float = 15.0) -> tuple[int, int]:
    """The pid and start of the session the timer is writing, once its row exists."""
    import sqlite3

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(data_dir / "sessions.db", timeout=1) as db:
                row = db.execute("SELECT pid, started_ns FROM sessions").fetchone()
        except sqlite3.Error:
            row = None
        if row:
            return row
        time.sleep(0.02)
    raise AssertionError(f"no session row in {data_dir}")


def test_sigkill_at_random_moments_every_session_is_logged_with_the_right_times(tmp_path):
    seed = int(os.environ.get("FAULT_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    results = []
    for batch in range(KILLS // AT_ONCE):
        runs = []
        for i in range(AT_ONCE):
            data = tmp_path / f"run{batch}-{i}"
            terminal = Tmux()
            terminal.start(
                [f"{2 * TURN_S}s", "--names", "Ann", "Bob", "--now", "--auto"],
                env={"FOCUSTIMER_DATA_DIR": str(data), "FOCUSTIMER_SOUND": "off"},
            )
            runs.append((terminal, data, rng.uniform(0, 2 * TURN_S + 1)))
        try:
            planned = []
            for _terminal, data, delay in runs:
                pid, started_ns = _recording(data)
                planned.append((started_ns + delay * NS, pid, data, started_ns, delay))
            for kill_at, pid, data, started_ns, delay in sorted(planned):
                time.sleep(max(0.0, (kill_at - time.time_ns()) / NS))
                killed = time.time_ns()
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
                results.append((data, started_ns, killed, delay, pid))
            for *_rest, pid in results[-AT_ONCE:]:
                wait_until_gone(pid)
        finally:
            for terminal, _data, _delay in runs:
                terminal.close()
    for data, started_ns, killed, delay, _pid in results:
        (session,) = _log(data)
        context = f"seed {seed}, killed {delay:.2f} s in: {session}"
        ann, bob = session["turns"]
        total = ann["actual_seconds"] + bob["actual_seconds"]
        if session["status"] == "finished":
            assert ann["actual_seconds"] == bob["actual_seconds"] == TURN_S, context
            continue
        assert session["status"] == "interrupted", context
        truth = (killed - started_ns) / NS
        # Saved twice a second on the clock's grid: the log lags the truth by under a second.
        assert truth - 1.0 <= total <= truth + 0.05, context
        assert ann["actual_seconds"] <= TURN_S and bob["actual_seconds"] <= TURN_S, context
        if ann["actual_seconds"] < TURN_S - 0.001:
            assert bob["actual_seconds"] == 0, context  # turns in order: Bob only after Ann


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _sockets(pid: int) -> tuple[set[str], set[str]]:
    """All sockets the process holds, and those of them that are Internet (TCP, UDP, raw)."""
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6"):
        path = Path(f"/proc/{pid}/net/{table}")
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                inodes.add(line.split()[9])
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            held.add(target[8:-1])
    return held, held & inodes


def _family(pid: int) -> list[int]:
    """The process and every descendant (the chime's players are children)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        children = Path(f"/proc/{current}/task/{current}/children")
        if children.exists():
            queue += [int(c) for c in children.read_text().split()]
    return found


def test_nothing_is_sent_over_the_network(tmux, pulse):
    tmux.start(
        ["4s", "--names", "Ann", "Bob", "--now", "--auto"],
        env={**pulse.env, "FOCUSTIMER_SOUND": "auto"},
    )
    tmux.wait_for("Ann is boss")
    pane = tmux.pid()  # the shell around focustimer: the app and its players are below it
    local: set[str] = set()
    internet: dict[int, set[str]] = {}
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # through both turn ends and their chimes
        for pid in _family(pane):
            try:
                held, online = _sockets(pid)
            except (FileNotFoundError, ProcessLookupError):
                continue  # a player that has just ended
            local |= held
            if online:
                internet[pid] = online
        time.sleep(0.05)
    tmux.wait_for("Session complete")
    assert internet == {}, f"Internet sockets held: {internet}"
    assert local, "the check saw no socket at all (the event loop and the sound server use some)"
