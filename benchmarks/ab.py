"""Two builds of focustimer side by side, in one run on one machine: what a change costs.

    python benchmarks/ab.py BEFORE_SRC AFTER_SRC [--seconds 60] [--rounds 2]

Each ``*_SRC`` is a ``src`` folder (a ``git archive`` of a commit, or a worktree's). Measured
at the same time in real terminals (tmux), so a loaded machine loads both alike: CPU per
running minute with the digits shown and in the calm view, and how much the log's ``-wal``
file grows in a 20 s session (the bytes the heartbeat makes SQLite write).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from procstat import cpu_seconds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.e2e.tmux import Tmux

WARM_UP_S = 3.0
WAL_SESSION = "20s"


def _env(src: Path, home: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": str(src),
        "HOME": str(home),
        "FOCUSTIMER_DATA_DIR": str(home / "data"),
        "FOCUSTIMER_CONFIG_DIR": str(home / "config"),
        "FOCUSTIMER_SOUND": "off",
    }


def _start(stack: contextlib.ExitStack, src: Path, home: Path, *args: str) -> Tmux:
    terminal = Tmux(100, 30)
    stack.callback(terminal.close)
    argv = [sys.executable, "-m", "focustimer", *args, "--names", "Ann", "Bob", "--now"]
    terminal.launch(argv, _env(src, home))
    return terminal


def cpu_per_minute(builds: dict[str, Path], seconds: float) -> dict[str, float]:
    """CPU seconds per running minute of each build, digits shown and calm, all at once."""
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        running = {}
        for name, src in builds.items():
            for view, extra in (("digits", ()), ("calm", ("--calm",))):
                home = Path(scratch) / f"{name}-{view}"
                terminal = _start(stack, src, home, "60", *extra)
                running[f"{name}, {view}"] = terminal
        for terminal in running.values():
            terminal.wait_for("is boss", timeout=30)
        time.sleep(WARM_UP_S)
        pids = {key: terminal.pid() for key, terminal in running.items()}
        before = {key: cpu_seconds(pid) for key, pid in pids.items()}
        begin = time.monotonic()
        time.sleep(seconds)
        elapsed = time.monotonic() - begin
        return {key: (cpu_seconds(pid) - before[key]) * 60 / elapsed for key, pid in pids.items()}


def wal_growth(builds: dict[str, Path]) -> dict[str, int]:
    """Bytes in the log's -wal file after a whole 20 s session, before the app leaves."""
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        running = {}
        for name, src in builds.items():
            home = Path(scratch) / name
            running[name] = (_start(stack, src, home, WAL_SESSION, "--auto"), home)
        for terminal, _ in running.values():
            terminal.wait_for("Session complete", timeout=40)
        time.sleep(1.0)  # the last rows reach the file
        return {
            name: sum(wal.stat().st_size for wal in (home / "data").glob("*-wal"))
            for name, (_, home) in running.items()
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    builds = {"before": args.before.resolve(), "after": args.after.resolve()}
    cpu: dict[str, list[float]] = {}
    wal: dict[str, list[int]] = {}
    for _ in range(args.rounds):
        for key, value in cpu_per_minute(builds, args.seconds).items():
            cpu.setdefault(key, []).append(value)
        for key, size in wal_growth(builds).items():
            wal.setdefault(key, []).append(size)
    for key, values in cpu.items():
        shown = ", ".join(f"{v:.3f}" for v in values)
        print(f"CPU per minute, {key}: {statistics.median(values):.3f} s ({shown})")
    for key, sizes in wal.items():
        shown = ", ".join(f"{s / 1024:.0f}" for s in sizes)
        median = statistics.median(sizes) / 1024
        print(f"-wal after a {WAL_SESSION} session, {key}: {median:.0f} KiB ({shown})")


if __name__ == "__main__":
    main()
