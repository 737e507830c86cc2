"""A real terminal for end-to-end tests and benchmarks: a program inside tmux."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path


def focustimer_command() -> str:
    """The installed console script, next to the Python running the tests."""
    script = Path(sys.executable).parent / "focustimer"
    return str(script) if script.exists() else (shutil.which("focustimer") or "focustimer")


class Tmux:
    """One tmux server of our own (its own socket), one window running one command."""

    def __init__(self, width: int = 80, height: int = 24) -> None:
        self.socket = f"ft-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def start(
        self, args: list[str], env: dict[str, str] | None = None, command: list[str] | None = None
    ) -> None:
        """Run focustimer (or ``command``) with ``args`` in a shell in the pane."""
        environment = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        line = " ".join(shlex.quote(a) for a in [*(command or [focustimer_command()]), *args])
        # Keep the pane after exit, so a crash stays on screen for the assertion to show.
        # The shell may set COLUMNS and LINES (80x24, before tmux sizes the pane); Textual
        # believes them over the terminal, and would never see a resize: leave them out.
        script = f"unset COLUMNS LINES; {environment} {line}; echo EXIT=$?; sleep 30"
        self._tmux(
            "-f", os.devnull,
            "new-session", "-d", "-s", "t", "-x", str(self.width), "-y", str(self.height),
            "env", f"TERM={os.environ.get('E2E_TERM', 'xterm-256color')}", "sh", "-c", script,
        )  # fmt: skip

    def start_shell(self, script: str) -> None:
        """Run a shell script in the pane, e.g. to redirect focustimer's streams."""
        self._tmux(
            "-f", os.devnull,
            "new-session", "-d", "-s", "t", "-x", str(self.width), "-y", str(self.height),
            "env", f"TERM={os.environ.get('E2E_TERM', 'xterm-256color')}", "sh", "-c",
            f"{script}; echo EXIT=$?; sleep 30",
        )  # fmt: skip

    def launch(self, argv: list[str], env: dict[str, str] | None = None) -> float:
        """Run ``argv`` as the pane's own process (its pid is the pane's); returns when.

        The tmux server is started first with an idle pane, so the moment returned is when
        the program itself was started, without tmux's own start-up.
        """
        term = os.environ.get("E2E_TERM", "xterm-256color")
        self._tmux(
            "-f", os.devnull,
            "new-session", "-d", "-s", "t", "-x", str(self.width), "-y", str(self.height),
            "sleep", "3600",
        )  # fmt: skip
        variables = [f"{k}={v}" for k, v in {"TERM": term, **(env or {})}.items()]
        launched = time.monotonic()
        self._tmux("respawn-pane", "-k", "-t", "t", "env", *variables, *argv)
        return launched

    def pid(self) -> int:
        return int(self._tmux("display-message", "-t", "t", "-p", "#{pane_pid}").strip())

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "t", key)

    def screen(self, *, joined: bool = False) -> str:
        """The pane's text; ``joined`` puts lines the terminal wrapped back together."""
        return self._tmux("capture-pane", "-t", "t", "-p", *(["-J"] if joined else []))

    def title(self) -> str:
        return self._tmux("display-message", "-t", "t", "-p", "#{pane_title}").strip()

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def wait_for(self, text: str, timeout: float = 10.0) -> float:
        """Poll the screen until ``text`` shows; returns the moment it was first seen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return time.monotonic()
            time.sleep(0.02)
        raise AssertionError(f"{text!r} never showed. The screen:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text not in self.screen():
                return
            time.sleep(0.02)
        raise AssertionError(f"{text!r} never went away. The screen:\n{self.screen()}")

    def status(self) -> str:
        """The plain-text status line: the last line but the footer."""
        lines = [line for line in self.screen().splitlines() if line.strip()]
        return lines[-2].strip()

    def close(self) -> None:
        self._tmux("kill-server")
