"""Two linked timers on one machine: how far apart their chimes start, through PulseAudio.

    python benchmarks/link_chime.py             # 12 linked sessions of two turns: 24 turn ends
    python benchmarks/link_chime.py --quick     # 2 sessions, to check that it all still works

Ann's timer hosts (``--link --auto``), Bob's joins with the code read off Ann's screen, both
in tmux, through a mailbox server on 127.0.0.1 (in memory). Each timer plays into a null sink
of its own (``PULSE_SINK``) of one private PulseAudio server; both sinks' monitors are
recorded, each chunk stamped with the machine's monotonic clock on arrival, and every chime's
onset found in each recording. Reported: the difference between the two timers' onsets for
each turn end (Bob's minus Ann's). Both timers run on this machine, so the link's offset is
measured between two readings of one clock: what it adds here is its estimate's error, the
round trip of an action is not involved (--auto: nobody presses a key between turns).

Needs tmux, pulseaudio and pulseaudio-utils, and the test extra.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summary import percentile
from tests.e2e.listen import onsets
from tests.e2e.pulse import MISSING, PulseServer, Recorder, Recording
from tests.e2e.tmux import Tmux
from tests.link.relay import Relay

SESSION = "6s"  # two turns of 3 s: two turn ends a session (the last one ends it)
LINK_S = 60.0


def _onset_times(recording: Recording) -> list[float]:
    return [recording.time_of(i) for i in onsets(recording.samples)]


def _traced(trace: Path) -> list[str]:
    """focustimer run by tools/trace_events.py, which writes each engine event to ``trace``."""
    tools = Path(__file__).resolve().parents[1] / "tools"
    return [sys.executable, str(tools / "trace_events.py"), str(trace)]


def one_session(relay: Relay, pulse: PulseServer, data: Path, traces: Path) -> None:
    env = {**pulse.env, "FOCUSTIMER_SOUND": "auto"}
    ann, bob = Tmux(), Tmux()
    try:
        ann.start(
            [SESSION, "--names", "Ann", "Bob", "--link", "--auto", "--relay", relay.url],
            env={
                **env,
                "PULSE_SINK": "null",
                "FOCUSTIMER_DATA_DIR": str(data / "ann"),
            },
            command=_traced(traces / "ann.jsonl"),
        )
        ann.wait_for("Bob types: focustimer join ", LINK_S)
        found = re.search(r"focustimer join (\S+)", ann.screen())
        assert found is not None
        bob.start(
            ["join", found.group(1), "--relay", relay.url],
            env={
                **env,
                "PULSE_SINK": "second",
                "FOCUSTIMER_DATA_DIR": str(data / "bob"),
            },
            command=_traced(traces / "bob.jsonl"),
        )
        ann.wait_for("Linked with Bob", LINK_S)
        bob.wait_for("Linked with Ann", LINK_S)
        time.sleep(1.0)  # the first offset round is in; let both players get ready
        ann.keys("Space")
        ann.wait_for("Session complete", 30)
        bob.wait_for("Session complete", 30)
        time.sleep(1.0)  # the last chime's ring
    finally:
        ann.close()
        bob.close()


def turn_ends(trace: Path) -> list[int]:
    """Each turn end's exact moment, as the timer planned it (the host's time: here, on one
    machine, the monotonic clock, give or take the guest's offset error)."""
    records = [json.loads(line) for line in trace.read_text().splitlines()]
    return [r["planned_ns"] for r in records if r["event"] == "TurnEnded"]


def lateness(onsets_ns: list[float], ends: list[int]) -> list[float]:
    """For each turn end, how long after it the nearest onset came, in ms."""
    found = []
    for end in ends:
        nearest = min(onsets_ns, key=lambda at: abs(at - end), default=None)
        if nearest is not None and abs(nearest - end) < 1e9:
            found.append((nearest - end) / 1e6)
    return found


def measure(sessions: int) -> tuple[list[float], int, int, list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="ft-pulse-") as directory:
        pulse = PulseServer(Path(directory))
        pulse.start()
        try:
            subprocess.run(
                ["pactl", "load-module", "module-null-sink", "sink_name=second"],
                env=pulse.environment(),
                check=True,
                capture_output=True,
            )
            recorders = [Recorder(pulse, "null"), Recorder(pulse, "second")]
            for recorder in recorders:
                recorder.start()
            memory = Path("/dev/shm")
            with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else None) as db:
                relay = Relay(Path(directory), Path(db) / "relay.sqlite")
                relay.start()
                try:
                    for n in range(sessions):
                        one_session(relay, pulse, Path(directory) / f"s{n}", Path(directory))
                finally:
                    relay.stop()
            ann_rec, bob_rec = (recorder.stop() for recorder in recorders)
            ann_ends = turn_ends(Path(directory) / "ann.jsonl")
            bob_ends = turn_ends(Path(directory) / "bob.jsonl")
        finally:
            pulse.stop()
    ann_at, bob_at = _onset_times(ann_rec), _onset_times(bob_rec)
    differences: list[float] = []
    for at in ann_at:
        nearest = min(bob_at, key=lambda b: abs(b - at), default=None)
        if nearest is not None and abs(nearest - at) < 1e9:
            differences.append((nearest - at) / 1e6)
    return (
        differences,
        len(ann_at),
        len(bob_at),
        lateness(ann_at, ann_ends),
        lateness(bob_at, bob_ends),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if MISSING:
        print(f"needs {', '.join(MISSING)}", file=sys.stderr)
        return 2
    sessions = 2 if args.quick else 12
    differences, heard_ann, heard_bob, ann_late, bob_late = measure(sessions)
    expected = 2 * sessions
    absolute = [abs(d) for d in differences]
    print("| measure | p50 | p99 | max | n | heard (Ann, Bob) of |")
    print("|---|---|---|---|---|---|")
    print(
        f"| linked chimes, onset difference (absolute) | {percentile(absolute, 50):.1f} ms | "
        f"{percentile(absolute, 99):.1f} ms | {max(absolute):.1f} ms | {len(absolute)} | "
        f"{heard_ann}, {heard_bob} of {expected} |"
    )
    for who, late in (("Ann (host)", ann_late), ("Bob (guest)", bob_late)):
        print(
            f"| {who}: chime onset after the turn's exact end | {percentile(late, 50):.1f} ms | "
            f"{percentile(late, 99):.1f} ms | {max(late):.1f} ms | {len(late)} | |"
        )
    signed = sorted(differences)
    print(f"signed differences (Bob minus Ann), ms: {', '.join(f'{d:.1f}' for d in signed)}")
    return 0 if len(differences) == expected else 1


if __name__ == "__main__":
    sys.exit(main())
