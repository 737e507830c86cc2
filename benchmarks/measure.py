"""Each measurement, run in a real terminal (tmux) with the real clock."""

from __future__ import annotations

import contextlib
import json
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from procstat import cpu_seconds, peak_rss_mib
from tools import Tool

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import itertools

from tests.e2e.tmux import Tmux

WARM_UP_S = 3.0
TRACE_EVENTS = Path(__file__).resolve().parent.parent / "tools" / "trace_events.py"


@contextlib.contextmanager
def running(tool: Tool, argv: list[str] | None = None) -> Iterator[tuple[Tmux, float]]:
    terminal = Tmux(100, 30)
    try:
        launched = terminal.launch(argv or tool.countdown, tool.env)
        yield terminal, launched
    finally:
        terminal.close()


def first_frame(terminal: Tmux, tool: Tool, marker: str | None, timeout: float = 20.0) -> float:
    """Poll the pane every few milliseconds until ``marker`` (or, if None, any text) shows."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = terminal.screen()
        if (marker in screen) if marker else screen.strip():
            return time.monotonic()
        time.sleep(0.003)
    raise RuntimeError(f"{tool.name} never showed {marker!r}:\n{terminal.screen()}")


def startup(tool: Tool, repeats: int) -> list[float]:
    """Seconds from launch to the first complete frame."""
    times = []
    for _ in range(repeats):
        with running(tool) as (terminal, launched):
            times.append(first_frame(terminal, tool, tool.first_frame) - launched)
    return times


@dataclass(frozen=True)
class Steady:
    """What one running countdown cost over the same window as the others."""

    cpu_per_min: float  # CPU seconds per minute, start-up excluded
    peak_rss_mib: float
    bytes_per_min: float  # bytes written to the terminal per minute


def _record_output(terminal: Tmux, path: Path | None) -> None:
    """Copy everything the program writes to its pty into ``path`` (None: stop copying)."""
    command = [] if path is None else [f"cat > {shlex.quote(str(path))}"]
    subprocess.run(
        ["tmux", "-L", terminal.socket, "pipe-pane", "-O", "-t", "t", *command],
        check=True,
        timeout=10,
    )


def steady_state(tools: list[Tool], seconds: float) -> dict[str, Steady]:
    """CPU per minute of a running countdown (start-up excluded), peak RSS, terminal bytes.

    All tools run at once, each in its own terminal: CPU time and bytes are counted per
    process, so they do not take each other's share; it also keeps the whole run short.
    """
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        started = []
        for tool in tools:
            terminal, _ = stack.enter_context(running(tool))
            first_frame(terminal, tool, tool.first_frame)
            terminal.keys(*tool.start_keys)
            first_frame(terminal, tool, tool.counting)
            started.append((tool, terminal, terminal.pid()))
        time.sleep(WARM_UP_S)
        for tool, terminal, _ in started:
            _record_output(terminal, scratch / f"{tool.name}.out")
        before = {tool.name: cpu_seconds(pid) for tool, _, pid in started}
        begin = time.monotonic()
        time.sleep(seconds)
        elapsed = time.monotonic() - begin
        used = {tool.name: cpu_seconds(pid) - before[tool.name] for tool, _, pid in started}
        for _, terminal, _ in started:
            _record_output(terminal, None)
        time.sleep(0.2)  # let tmux's copying process write its last bytes
        return {
            tool.name: Steady(
                cpu_per_min=used[tool.name] * 60 / elapsed,
                peak_rss_mib=peak_rss_mib(pid),
                bytes_per_min=(scratch / f"{tool.name}.out").stat().st_size * 60 / elapsed,
            )
            for tool, _, pid in started
        }


def turn_ends(tool: Tool, runs: int, partners: int = 8, turn_s: int = 3) -> list[list[float]]:
    """Per run, how late (ms) each "turn ended" was handled after its exact planned moment."""
    names = [f"P{i}" for i in range(1, partners + 1)]
    lateness = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            trace = Path(scratch) / "trace.jsonl"
            # The tool's own venv runs tools/trace_events.py, the focustimer it wraps.
            python = str(Path(tool.countdown[0]).parent / "python")
            argv = [python, str(TRACE_EVENTS), str(trace), f"{partners * turn_s}s"]
            argv += ["--names", *names, "--now", "--auto"]
            session = Tool(tool.name, tool.version, argv, None, None, env=tool.env)
            with running(session) as (terminal, _):
                terminal.wait_for("Session complete", timeout=partners * turn_s + 15)
            records = [json.loads(line) for line in trace.read_text().splitlines()]
        ended = [r for r in records if r["event"] == "TurnEnded"]
        starts = [r for r in records if r["event"] == "TurnStarted"]
        spacing = {b["planned_ns"] - a["planned_ns"] for a, b in itertools.pairwise(starts)}
        if len(ended) != partners or spacing != {turn_s * 1_000_000_000}:
            raise RuntimeError(f"unexpected trace: {len(ended)} ends, spacing {spacing}")
        lateness.append([(r["handled_ns"] - r["planned_ns"]) / 1e6 for r in ended])
    return lateness
