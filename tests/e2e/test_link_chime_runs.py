"""benchmarks/link_chime.py still runs: two linked timers, each chime heard on both sinks
(numbers not judged here: they are the benchmark's, in benchmarks/RESULTS.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .pulse import MISSING

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def test_the_linked_chime_benchmark_hears_every_chime_on_both_timers():
    if MISSING or shutil.which("tmux") is None:
        pytest.skip("needs tmux, pulseaudio and pulseaudio-utils (.ci/run installs them)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "link_chime.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert "| linked chimes, onset difference (absolute) |" in done.stdout
    assert "4, 4 of 4" in done.stdout  # two sessions, two turn ends each, heard on both
