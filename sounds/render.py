"""Render focustimer's sounds: bell-like tones of decaying sine partials, made with pydub.

Run from the repository root after changing a sound, and commit the WAVs it writes into
the package (src/focustimer/sounds/, read there with importlib.resources):

    .venv/bin/python sounds/render.py

The output is deterministic (no noise, no randomness), so rendering twice gives the same
bytes and a test checks that the committed WAVs are what this script makes.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from focustimer.sound.audio import audio_segment

AudioSegment = audio_segment()  # before pydub.generators: import pydub quietly first
from pydub.generators import SignalGenerator  # noqa: E402

RATE = 44_100
HERE = Path(__file__).resolve().parent
PACKAGED = HERE.parent / "src" / "focustimer" / "sounds"

# The fundamentals, which the end-to-end test listens for.
TURN_END_HZ = 659.25  # E5
SESSION_END_HZ = (523.25, 659.25, 783.99)  # C5 E5 G5, struck one after another
CUE_HZ = 987.77  # B5

# A struck bell: (frequency ratio, level in dB, decay time constant in seconds). The
# fundamental is the loudest; the hum below it warms the tone, the slightly inharmonic
# partial above makes it shimmer like metal rather than buzz like a synthesiser.
BELL = (
    (0.5, -20.0, 1.2),
    (1.0, 0.0, 0.7),
    (2.0, -8.0, 0.5),
    (3.0, -14.0, 0.35),
    (4.16, -18.0, 0.2),
)


class DecayingSine(SignalGenerator):  # type: ignore[misc]
    """A sine wave whose amplitude falls exponentially, like one partial of a struck bell."""

    def __init__(self, freq: float, tau: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.freq = freq
        self.tau = tau

    def generate(self) -> Iterator[float]:
        step = 2 * math.pi * self.freq / self.sample_rate
        decay = math.exp(-1 / (self.tau * self.sample_rate))
        amplitude = 1.0
        n = 0
        while True:
            yield amplitude * math.sin(step * n)
            amplitude *= decay
            n += 1


def strike(freq: float, length_ms: int, tau_scale: float = 1.0) -> Any:
    """One bell stroke: the partials overlaid, each quiet enough that the sum cannot clip."""
    tone = AudioSegment.silent(duration=length_ms, frame_rate=RATE)
    for ratio, level, tau in BELL:
        partial = DecayingSine(freq * ratio, tau * tau_scale, sample_rate=RATE)
        tone = tone.overlay(partial.to_audio_segment(duration=length_ms, volume=level - 14))
    return tone


def finish(tone: Any, peak_dbfs: float) -> Any:
    """Mono, 16-bit, peak at ``peak_dbfs``, and a short fade so the tail ends without a click."""
    tone = tone.set_channels(1).set_sample_width(2).set_frame_rate(RATE)
    return tone.normalize(headroom=-peak_dbfs).fade_out(300)


def turn_end() -> Any:
    """About two seconds of one clear bell stroke: the end of a turn."""
    return finish(strike(TURN_END_HZ, 2000), peak_dbfs=-1.0)


def session_end() -> Any:
    """Three rising strokes, C E G: unmistakably not a turn end, and a little festive."""
    tone = AudioSegment.silent(duration=3000, frame_rate=RATE)
    for i, freq in enumerate(SESSION_END_HZ):
        at = i * 280
        tone = tone.overlay(strike(freq, 3000 - at, tau_scale=1.3), position=at)
    return finish(tone, peak_dbfs=-1.0)


def cue() -> Any:
    """A short, soft, high tick: a turn will end soon, nobody needs to stop yet."""
    tone = AudioSegment.silent(duration=600, frame_rate=RATE)
    tone = tone.overlay(DecayingSine(CUE_HZ, 0.12, sample_rate=RATE).to_audio_segment(600))
    tone = tone.overlay(DecayingSine(CUE_HZ * 2, 0.06, sample_rate=RATE).to_audio_segment(600, -10))
    return finish(tone, peak_dbfs=-14.0)


SOUNDS = {"turn-end.wav": turn_end, "session-end.wav": session_end, "cue.wav": cue}


def render(directory: Path) -> list[Path]:
    written = []
    for name, make in SOUNDS.items():
        path = directory / name
        make().export(path, format="wav").close()  # export returns the open file
        written.append(path)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGED
    for path in render(out):
        print(path)
