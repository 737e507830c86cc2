"""The wheel ships the product and only the product, and says what it promises."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot build a wheel here (hatchling from PyPI?): {done.stderr[-300:]}")
    (built,) = out.glob("focustimer-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_carries_the_sounds_and_the_compiled_catalogue_only(wheel):
    names = set(wheel.namelist())
    assert {f"focustimer/sounds/{s}.wav" for s in ("turn-end", "session-end", "cue")} <= names
    assert "focustimer/locale/nl/LC_MESSAGES/focustimer.mo" in names
    assert not [n for n in names if n.endswith(".po")]
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "sounds/", "tools/"))]
    # The benchmark and test tools live in tools/, outside the package (issue 15).
    assert not {"focustimer/trace.py", "focustimer/synthetic.py"} & names
    assert not [n for n in names if n.endswith(("trace_events.py", "synthetic.py"))]


def test_the_wheel_promises_what_ci_tests(wheel):
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    text = wheel.read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert "License :: OSI Approved" not in text  # PEP 639: the expression replaces it
    versions = re.findall(r"Programming Language :: Python :: (3\.\d+)", text)
    assert versions == ["3.10", "3.11", "3.12", "3.13"]  # 3.14 once CI has it
    readme = (ROOT / "README.md").read_text()
    assert "Python 3.10 to 3.13" in readme


def test_development_tools_are_a_group_not_a_test_extra():
    test_extra = " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert "ruff" not in test_extra and "mypy" not in test_extra
    assert any(d.startswith("ruff") for d in PYPROJECT["dependency-groups"]["dev"])


def test_ci_runs_the_readmes_test_command_as_it_is_written():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("Run the whole test suite:", 1)[1].split("```sh\n", 1)[1]
    command = block.split("\n```", 1)[0]
    assert "\n" not in command and "pytest" in command
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert command in ci, "the README's test command is not a line of .ci/run"
