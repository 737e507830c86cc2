"""Listening to a recording in pure Python: where sounds start, and at what pitch (no numpy)."""

from __future__ import annotations

import math
from collections.abc import Sequence

RATE = 44_100


def onsets(
    samples: Sequence[int], threshold: int = 3000, quiet_s: float = 0.5, rate: int = RATE
) -> list[int]:
    """The sample indexes where a sound starts: the level crosses ``threshold`` after at
    least ``quiet_s`` below it (a bell's own ring never starts a new sound)."""
    found: list[int] = []
    quiet = int(quiet_s * rate)
    last_loud = -quiet
    for i, value in enumerate(samples):
        if abs(value) >= threshold:
            if i - last_loud >= quiet:
                found.append(i)
            last_loud = i
    return found


def goertzel(samples: Sequence[int], frequency: float, rate: int = RATE) -> float:
    """The amplitude of one frequency in ``samples`` (a single bin of a Fourier transform)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    s1 = s2 = 0.0
    for value in samples:
        s1, s2 = value + coefficient * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
    return math.sqrt(max(power, 0.0)) / max(len(samples), 1)


def strongest(
    samples: Sequence[int], start: int, candidates: Sequence[float], seconds: float = 0.1
) -> float:
    """Which of ``candidates`` sounds loudest in the ``seconds`` after ``start``."""
    window = samples[start : start + int(seconds * RATE)]
    return max(candidates, key=lambda frequency: goertzel(window, frequency))
