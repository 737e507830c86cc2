"""The ears of the sound tests hear what they should: onsets and pitch of made-up signals."""

from __future__ import annotations

import math

from .listen import RATE, goertzel, onsets, strongest


def bell(frequency: float, seconds: float, level: int = 20_000) -> list[int]:
    return [
        round(level * math.exp(-i / RATE / 0.3) * math.sin(2 * math.pi * frequency * i / RATE))
        for i in range(int(seconds * RATE))
    ]


def test_two_bells_in_quiet_noise_are_two_onsets_at_the_right_samples():
    quiet = [(-1) ** i * 200 for i in range(RATE)]  # a faint hum stays below the threshold
    signal = quiet + bell(659.25, 1.5) + quiet + bell(523.25, 1.0)
    first, second = RATE, RATE + int(1.5 * RATE) + RATE
    found = onsets(signal)
    assert len(found) == 2
    assert 0 <= found[0] - first < RATE // 1000  # within a millisecond
    assert 0 <= found[1] - second < RATE // 1000
    candidates = (523.25, 659.25, 783.99)
    assert strongest(signal, found[0], candidates) == 659.25
    assert strongest(signal, found[1], candidates) == 523.25


def test_goertzel_measures_amplitude_of_one_frequency():
    tone = bell(1000, 0.1, level=10_000)
    assert goertzel(tone, 1000) > 10 * goertzel(tone, 1500)
    assert goertzel([0] * 100, 1000) == 0
