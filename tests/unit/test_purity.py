"""The engine is pure: importing it loads no UI, sound or storage library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FORBIDDEN = ("textual", "rich", "pydub", "sqlite3", "_sqlite3")


@pytest.mark.parametrize(
    "module",
    [
        "focustimer.engine",
        "focustimer.duration",
        "focustimer.plan",
        "focustimer.progress",
        "focustimer.start_time",
        "focustimer.clock",
        "focustimer.journal",
        "focustimer.records",
        "focustimer.stats",
        "focustimer.glance",
        "focustimer.export",
    ],
)
def test_core_module_imports_no_ui_sound_or_storage(module):
    code = (
        f"import json, sys; import {module}; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert module.split(".")[0] in loaded  # the check itself sees what it imports
    assert not loaded & set(FORBIDDEN), f"{module} pulled in {sorted(loaded & set(FORBIDDEN))}"
