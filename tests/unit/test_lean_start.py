"""A session's process loads what its first frame and its running seconds need, and no more."""

from __future__ import annotations

import json
import subprocess
import sys

# What `focustimer 30` imports before its first frame, checked in a fresh interpreter.
SESSION_START = """
import json, sys
from focustimer import cli
from focustimer.lean import leave_out_tls
leave_out_tls()
from focustimer.compose import make_app
from focustimer.settings.options import Options
make_app(Options(total_ns=60_000_000_000, names=("Ann", "Bob")), record=False)
print(json.dumps(sorted(n for n, m in sys.modules.items() if m is not None)))
"""

NOT_AT_START = [
    "ssl",  # OpenSSL: about 4 MiB, and the timer speaks no TLS
    "focustimer.tui.screens.finished",
    "focustimer.tui.screens.log",
    "focustimer.tui.screens.help",
    "focustimer.history.table",
    "focustimer.history.rhythm",
    "focustimer.history.export",
    "focustimer.cli.log",
    "focustimer.cli.stats",
    "csv",
    "pydub",
]


def _modules(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_a_session_starts_without_what_it_does_not_need():
    loaded = _modules(SESSION_START)
    assert "focustimer.tui.screens.session" in loaded and "asyncio" in loaded
    assert [name for name in NOT_AT_START if name in loaded] == []


def test_asyncio_runs_without_ssl_once_it_is_left_out():
    code = (
        "from focustimer.lean import leave_out_tls; leave_out_tls()\n"
        "import asyncio, json, sys\n"
        "async def main(): await asyncio.sleep(0)\n"
        "asyncio.run(main())\n"
        "print(json.dumps(sorted(n for n, m in sys.modules.items() if m is not None)))"
    )
    assert "asyncio" in _modules(code) and "_ssl" not in _modules(code)
