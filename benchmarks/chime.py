"""What the chime costs at start-up, and how close to a turn's end it starts. Run by hand:

    .venv/bin/python benchmarks/chime.py [SESSIONS]

1. Start-up: the probe for a player (median of 200), without and with a sound server, and
   preparing the sounds at full volume (nothing to do) and at --volume 80 (pydub writes WAVs).
2. Latency: SESSIONS real sessions of eight 2.5 s turns (the app headless, the real clock,
   the real player) play through a private PulseAudio null sink. Each turn end's exact moment
   (the engine's TurnEnded.at) is compared with the chime's onset in the recording.
   Needs pulseaudio and pulseaudio-utils.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' sound helpers

from tests.e2e.listen import onsets
from tests.e2e.pulse import PulseServer, Recorder

from focustimer.engine.clock import NS
from focustimer.engine.events import Event, TurnEnded
from focustimer.settings.options import Options
from focustimer.sound.backends import probe
from focustimer.sound.chime import Outcome
from focustimer.sound.sounds import prepare
from focustimer.tui.app import make_app

TURN_S = 2.5
PARTNERS = 8


def ms(ns: float) -> str:
    return f"{ns / 1e6:.2f} ms"


def probe_time() -> None:
    times = []
    for _ in range(200):
        begin = time.perf_counter_ns()
        probe()
        times.append(time.perf_counter_ns() - begin)
    print(f"probe: median {ms(statistics.median(times))}, max {ms(max(times))}: {probe()}")


def prepare_time() -> None:
    for volume in (100, 80):
        begin = time.perf_counter_ns()
        prepare(volume=volume).close()
        print(f"prepare the sounds at volume {volume}: {ms(time.perf_counter_ns() - begin)}")


async def session(planned: list[float]) -> None:
    def listen(event: Event) -> None:
        if isinstance(event, TurnEnded):
            planned.append(float(event.at))  # the real clock: engine time is monotonic time

    names = tuple(f"P{i}" for i in range(PARTNERS))
    options = Options(total_ns=int(TURN_S * PARTNERS * NS), names=names, now=True, auto=True)
    app = make_app(options, listeners=(listen,))
    shown = app.chime.on_outcome

    def outcome(result: Outcome) -> None:
        if not result.heard:
            print(f"the bell stood in: {result}")
        if shown is not None:
            shown(result)

    app.chime.on_outcome = outcome
    async with app.run_test(size=(80, 24)):
        await asyncio.sleep(TURN_S * PARTNERS + 1.0)


def latency(sessions: int) -> list[float]:
    """Each chime's onset after its turn's exact end, in ms; prints the details."""
    with tempfile.TemporaryDirectory(prefix="ft-pulse-") as directory:
        server = PulseServer(Path(directory))
        server.start()
        try:
            os.environ.update(server.env, FOCUSTIMER_SOUND="auto")
            probe_time()
            recorder = Recorder(server)
            recorder.start()
            planned: list[float] = []
            try:
                for _ in range(sessions):
                    asyncio.run(session(planned))
            finally:
                recording = recorder.stop()
        finally:
            server.stop()
    heard = [recording.time_of(i) for i in onsets(recording.samples)]
    late = []
    for end in planned:
        nearest = min(heard, key=lambda at: abs(at - end), default=None)
        if nearest is None or abs(nearest - end) > NS:
            print(f"no chime heard within a second of the turn end at {ms(end)}")
        else:
            late.append(nearest - end)
    print("each (ms):", " ".join(f"{x / 1e6:.1f}" for x in late))
    if len(late) < len(planned) or any(abs(x) > 50e6 for x in late):
        origin = planned[0]
        print("planned (s):", " ".join(f"{(p - origin) / NS:.3f}" for p in planned))
        print("heard (s):  ", " ".join(f"{(h - origin) / NS:.3f}" for h in heard))
    if not late:
        sys.exit("no chime heard")
    print(
        f"chime onset after the exact turn end, {len(late)} turn ends: "
        f"median {ms(statistics.median(late))}, min {ms(min(late))}, max {ms(max(late))}"
    )
    missed = len(planned) - len(late)
    return [x / 1e6 for x in late] + [float("inf")] * missed  # a missed chime counts as late


if __name__ == "__main__":
    probe_time()
    prepare_time()
    latency(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
