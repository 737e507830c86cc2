"""The chime through a real sound server: PulseAudio with a null sink, whose output is recorded.

What is recorded must be the turn-end chime when a turn ends and the session-end chime when
the last one does, each starting on time. Onsets are found where the level first rises, the
pitch with a Goertzel filter at each chime's fundamental (see sounds/render.py).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from focustimer.compose import make_app
from focustimer.engine.clock import NS
from focustimer.engine.events import TurnEnded
from focustimer.settings.options import Options

from .listen import onsets, strongest
from .pulse import BLOCK_MS, Recorder

pytestmark = pytest.mark.e2e

TOOLS = Path(__file__).resolve().parents[2] / "tools"

TURN_END_HZ = 659.25  # the fundamentals in sounds/render.py
SESSION_END_HZ = 523.25
PITCHES = (440.0, SESSION_END_HZ, TURN_END_HZ, 783.99, 880.0, 987.77)
ON_TIME_MS = 50  # the promise: a chime starts within 50 ms of its turn's end
# What the recording can show for a chime that starts exactly on time: up to a block early.
EARLIEST_MS = -BLOCK_MS - 5


def heard_at(recording) -> tuple[list[int], list[float]]:
    found = onsets(recording.samples)
    return found, [recording.time_of(i) for i in found]


@pytest.mark.realtime
def test_in_a_terminal_each_turn_end_chimes_at_the_right_pitch_and_spacing(tmux, pulse, tmp_path):
    recorder = Recorder(pulse)
    recorder.start()
    trace = tmp_path / "trace.jsonl"  # each turn end's exact moment, on the same monotonic clock
    try:
        tmux.start(
            ["6s", "--names", "A", "B", "--auto"],
            env={**pulse.env, "FOCUSTIMER_SOUND": "auto"},
            command=[sys.executable, str(TOOLS / "trace_events.py"), str(trace)],
        )
        tmux.wait_for("Chime: paplay")
        start = time.monotonic_ns()
        tmux.keys("Space")
        tmux.wait_for("Session complete", timeout=15)
        time.sleep(max(0.0, (start + 6.6 * NS - time.monotonic_ns()) / NS))
    finally:
        recording = recorder.stop()
    assert "Traceback" not in tmux.screen()

    found, at = heard_at(recording)
    assert len(found) == 2, f"expected two chimes, heard {[(t - start) / NS for t in at]} s in"
    assert strongest(recording.samples, found[0], PITCHES) == TURN_END_HZ
    assert strongest(recording.samples, found[1], PITCHES) == SESSION_END_HZ
    assert abs((at[1] - at[0]) / 1e6 - 3000) < 30, "the turn ends are three seconds apart"
    # Measured from each turn's exact end as the timer planned it (not from the key, whose way
    # through a busy terminal is not the chime's doing); the in-process test below holds the
    # 50 ms promise, here a terminal and a second process share the machine.
    ends = [
        record["planned_ns"]
        for record in map(json.loads, trace.read_text().splitlines())
        if record["event"] == "TurnEnded"
    ]
    assert len(ends) == 2
    late_ms = [(t - end) / 1e6 for t, end in zip(at, ends, strict=True)]
    assert all(EARLIEST_MS < ms < 2 * ON_TIME_MS for ms in late_ms), late_ms


@pytest.mark.realtime
async def test_each_chime_starts_within_50_ms_of_its_turn_end(pulse, monkeypatch):
    for name, value in {**pulse.env, "FOCUSTIMER_SOUND": "auto"}.items():
        monkeypatch.setenv(name, value)
    ends: list[float] = []

    def listen(event):
        if isinstance(event, TurnEnded):
            ends.append(float(event.at))  # the real clock: engine time is monotonic time

    recorder = Recorder(pulse)
    recorder.start()
    try:
        options = Options(total_ns=3 * 2 * NS, names=("A", "B", "C"), now=True, auto=True)
        app = make_app(options, listeners=(listen,))
        async with app.run_test():
            await asyncio.sleep(6.3)
    finally:
        recording = recorder.stop()

    found, at = heard_at(recording)
    assert len(found) == len(ends) == 3
    late_ms = [(heard - end) / 1e6 for heard, end in zip(at, ends, strict=True)]
    print(f"chime onsets after the exact turn ends: {late_ms} ms")
    # Up to a block early in the recording is up to a block later in truth.
    assert all(EARLIEST_MS < ms < ON_TIME_MS - BLOCK_MS for ms in late_ms), late_ms
    pitches = [strongest(recording.samples, i, PITCHES) for i in found]
    assert pitches == [TURN_END_HZ, TURN_END_HZ, SESSION_END_HZ]


def test_sound_check_plays_through_the_server(pulse):
    done = subprocess.run(
        [sys.executable, "-m", "focustimer", "sound-check"],
        capture_output=True,
        text=True,
        env={**os.environ, **pulse.env, "FOCUSTIMER_SOUND": "auto"},
        timeout=30,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Chime: paplay\nPlayed the chime with paplay: did you hear it?\n"


def test_quitting_while_a_chime_plays_leaves_a_clean_terminal(tmux, pulse):
    tmux.start(
        ["2s", "--names", "A", "B", "--now", "--auto"],
        env={**pulse.env, "FOCUSTIMER_SOUND": "auto"},
    )
    tmux.wait_for("Session complete")  # the three-second session-end chime has just begun
    tmux.wait_for("esc skip the note")
    tmux.keys("Escape")  # skip the note; alone, since ESC and q at once read as alt+q
    tmux.wait_gone("esc skip the note")  # Escape was read (q quit may show already)
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
    screen = tmux.screen()
    assert "Traceback" not in screen and "Exception" not in screen, screen
    # Killed on the way out: the kernel may take a moment to tear a SIGKILLed process down.
    deadline = time.monotonic() + 3
    while players_running(pulse) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = players_running(pulse)
    assert left == [], f"a player outlived the app: {[describe(pid) for pid in left]}"


def describe(pid: int) -> str:
    """Enough about a process to tell a slow teardown from a leak."""
    try:
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            argv = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return f"{pid}: gone"
    return (
        f"{pid} {fields.get('State', '?').strip()} ppid {fields.get('PPid', '?').strip()}: {argv}"
    )


def players_running(pulse) -> list[int]:
    """This test's players: those started for its sound server (others may run on the
    machine: other tests, benchmarks, a user's session)."""
    found = []
    ours = f"XDG_RUNTIME_DIR={pulse.runtime}".encode()
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if b"focustimer.sound.player" not in cmdline.read():
                    continue
            with open(f"/proc/{entry}/environ", "rb") as environ:
                if ours in environ.read().split(b"\0"):
                    found.append(int(entry))
        except (OSError, ValueError):
            continue
    return found
