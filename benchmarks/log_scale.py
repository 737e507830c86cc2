"""The session log at scale: `focustimer log`, `stats` and the TUI's log screen over a long log.

Each is timed against the same command over an empty log, so what is reported is the time
the log itself costs, beyond start-up.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import running
from tools import Tool

from focustimer.log import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from synthetic import add_sessions  # tools/synthetic.py, a development tool


def _script() -> str:
    return str(Path(sys.executable).parent / "focustimer")


def _timed(argv: list[str], data: Path, repeats: int) -> list[float]:
    env = {**os.environ, "FOCUSTIMER_DATA_DIR": str(data)}
    times = []
    for _ in range(repeats):
        begin = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - begin)
    return times


def fill(data: Path, sessions: int) -> None:
    data.mkdir(parents=True, exist_ok=True)
    with Store.open(data / "sessions.db") as store:
        add_sessions(store, sessions, seed=1)


def beyond_startup(sessions: int, repeats: int) -> dict[str, list[float]]:
    """Seconds each costs over a full log, less its median over an empty one."""
    with tempfile.TemporaryDirectory(prefix="ft-bench-log-") as scratch:
        full, empty = Path(scratch) / "full", Path(scratch) / "empty"
        fill(full, sessions)
        fill(empty, 0)
        out = {}
        commands = {"focustimer log": ["log"], "focustimer stats": ["stats"]}
        for name, args in commands.items():
            argv = [_script(), *args]
            base = statistics.median(_timed(argv, empty, repeats))
            out[name] = [t - base for t in _timed(argv, full, repeats)]
        out["the log screen (l)"] = [_open_log_screen(full, sessions) for _ in range(repeats)]
        return out


def _open_log_screen(data: Path, sessions: int) -> float:
    """From pressing l on the ready screen to the first page of the log on screen."""
    tool = Tool(
        "focustimer",
        "",
        [_script(), "30"],
        "Press space to start",
        None,
        env={"FOCUSTIMER_DATA_DIR": str(data), "FOCUSTIMER_SOUND": "off"},
    )
    with running(tool) as (terminal, _):
        terminal.wait_for(tool.first_frame or "", timeout=20)
        begin = time.monotonic()
        terminal.keys("l")
        shown = terminal.wait_for(f"Session log: {sessions} sessions", timeout=20)
        return shown - begin
