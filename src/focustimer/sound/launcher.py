"""Start the player child process from the app without waiting on it, and keep it on a leash.

Each sound is a child process of its own (``python -m focustimer.sound.player``), in a
process group of its own so that killing it also kills the program it runs (``paplay``...).
Its stdin and stdout are closed and its stderr is read back, so nothing reaches the app's
terminal. It is killed when it runs past the sound's length plus a few seconds, when the
sound is cancelled, and when the app exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..engine.clock import NS
from ..i18n import _, language
from .backends import Probe, probe

PLAYER = (sys.executable, "-m", "focustimer.sound.player")
SLACK_S = 3.0  # beyond the sound's length: starting Python, connecting to the sound server
REAP_S = 1.0  # a killed process is gone at once; this only bounds the wait if it is not


@dataclass(frozen=True)
class Played:
    backend: str


@dataclass(frozen=True)
class NotPlayed:
    reason: str  # a few words for people: "no audio device", "paplay: Connection refused"


PlayResult = Played | NotPlayed


class ProcessPlayer:
    """Plays sound files in child processes; ``command`` is replaceable for tests."""

    def __init__(self, command: Sequence[str] = PLAYER, slack_s: float = SLACK_S) -> None:
        self.command = tuple(command)
        self.slack_s = slack_s
        self._running: set[asyncio.subprocess.Process] = set()
        # Killed by stop_all: said so, whatever status the loop then reads (with the pipes
        # closed at once, Python 3.12's asyncio may read 255 instead of the signal).
        self._stopped: set[asyncio.subprocess.Process] = set()

    def probe(self) -> Probe:
        """Which player the child will use, found without playing anything."""
        return probe()

    async def play(self, file: Path, wait_ns: int, length_s: float) -> PlayResult:
        """Sound ``file`` ``wait_ns`` from now; returns once it has played or could not."""
        wait_ns = max(0, wait_ns)
        argv = [
            *self.command,
            "--at",
            str(time.monotonic_ns() + wait_ns),
            "--limit",
            f"{length_s + self.slack_s * 2 / 3:.3f}",  # the child gives up first, saying why
            "--lang",
            language(),  # what it says reaches the partners' screen
            "--",
            str(file),
        ]
        limit_s = wait_ns / NS + length_s + self.slack_s
        try:
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=os.name == "posix",
            )
        except OSError as error:
            return NotPlayed(_("could not start the player: {error}").format(error=error))
        self._running.add(process)
        try:
            said = (await asyncio.wait_for(process.communicate(), timeout=limit_s))[1]
        except asyncio.TimeoutError:
            self._kill(process)
            await process.wait()
            return NotPlayed(_("no end after {seconds:g} s").format(seconds=round(limit_s, 1)))
        except asyncio.CancelledError:
            self._kill(process)
            # Reap it while the event loop still runs: a process left for the garbage
            # collector complains on the terminal once the loop has closed.
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
                await asyncio.wait_for(process.wait(), timeout=REAP_S)
            raise
        finally:
            self._running.discard(process)
        if process in self._stopped:
            self._stopped.discard(process)
            return _result(-signal.SIGKILL, "")
        return _result(process.returncode, said.decode(errors="replace"))

    def stop_all(self) -> None:
        """Kill every player still running (the app is exiting); does not wait."""
        for process in list(self._running):
            if process.returncode is None:
                self._stopped.add(process)
            self._kill(process)
            # Close its pipes now, while the event loop runs: left to the garbage collector
            # after the loop has closed, Python 3.12+ prints "Event loop is closed" over the
            # terminal. asyncio offers no public way to close a Process's transport.
            transport = getattr(process, "_transport", None)
            if transport is not None:
                with contextlib.suppress(RuntimeError):
                    transport.close()
        self._running.clear()

    @staticmethod
    def _kill(process: asyncio.subprocess.Process) -> None:
        if process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)  # the player and what it started
            else:
                process.kill()


def _result(code: int | None, said: str) -> PlayResult:
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    if code == 0 and last.startswith("ok "):
        return Played(last[3:])
    if last.startswith("fail "):
        return NotPlayed(last[5:])
    if last == "none":
        return NotPlayed(_("no sound player found"))
    if last == "missing":
        return NotPlayed(_("the sound file is missing"))
    if code is not None and code < 0:
        return NotPlayed(_("the player was stopped by signal {number}").format(number=-code))
    detail = last or _("exit status {code}").format(code=code)
    return NotPlayed(_("the player failed: {detail}").format(detail=detail))
