"""The benchmark script still runs: a quick pass over every measurement (numbers not judged)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def test_the_benchmarks_run_and_write_every_row(tmux, tmp_path):
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            *("--quick", "--no-peers", "--output", str(results)),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    table = results.read_text()
    for row in (
        "CPU per minute, steady state, digits shown",
        "CPU per minute, steady state, calm view",
        "CPU per minute: Textual app, idle (Textual's floor, same run)",
        "CPU per minute: Textual app, one line changed each second",
        "Peak memory (RSS)",
        "Bytes written to the terminal per minute, digits shown",
        "Start-up to first complete frame",
        "Turn end handled after its exact moment",
        "Chime onset after the exact turn end",
        "focustimer log over 1,000 sessions",
        "focustimer stats over 1,000 sessions",
        "the log screen (l) over 1,000 sessions",
    ):
        assert f"| {row}" in table, row
    assert "quick (smoke test only, not for quoting)" in table
