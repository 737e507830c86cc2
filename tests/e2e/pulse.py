"""A real sound server for end-to-end tests: PulseAudio with a null sink, and a recorder on it.

The server is private (its own runtime directory, socket and home), so it neither needs nor
touches a desktop's sound. Whatever is played to it can be recorded from ``null.monitor``;
each chunk of the recording is stamped with the monotonic clock on arrival, which places
every sample on the same clock as the app's deadlines. That is exact to within about one of
the null sink's blocks (``BLOCK_MS``): the sink mixes a block at a time, so a sound that
arrives during one is recorded from the block's start, up to a block early.
"""

from __future__ import annotations

import array
import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100
BLOCK_MS = 2  # the recorder asks for this latency, and the null sink then works in such blocks
MISSING = [tool for tool in ("pulseaudio", "parec", "paplay") if shutil.which(tool) is None]
# PipeWire's pulse server needs its session manager, which needs a D-Bus session bus.
PIPEWIRE = ("pipewire", "pipewire-pulse", "wireplumber", "dbus-run-session", "pactl")
PIPEWIRE_MISSING = [tool for tool in PIPEWIRE if shutil.which(tool) is None]


class PulseServer:
    """``by_hand``: started as a user without a desktop session starts it, with no
    XDG_RUNTIME_DIR: its socket is then /tmp/pulse-XXXX/native, found through the link
    ~/.config/pulse/<machine-id>-runtime, and nothing names it to the clients."""

    def __init__(self, directory: Path, by_hand: bool = False) -> None:
        self.by_hand = by_hand
        self.runtime = directory / "run"
        self.home = directory / "home"
        self.socket = self.runtime / "pulse" / "native"
        self.log = directory / "pulseaudio.log"  # as root it warns that it should not be root
        self.monitor = "null.monitor"  # what the Recorder records
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        if self.by_hand:
            return {"HOME": str(self.home)}
        return {
            "XDG_RUNTIME_DIR": str(self.runtime),
            "PULSE_SERVER": f"unix:{self.socket}",
            "HOME": str(self.home),
        }

    def environment(self) -> dict[str, str]:
        """The whole environment of a client of this server."""
        unset = ("XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_RUNTIME_PATH") if self.by_hand else ()
        return {k: v for k, v in os.environ.items() if k not in unset} | self.env

    def _find_socket(self) -> None:
        if self.by_hand:
            found = glob.glob(str(self.home / ".config" / "pulse" / "*-runtime" / "native"))
            if found:
                self.socket = Path(os.path.realpath(found[0]))

    def start(self) -> None:
        if not self.by_hand:
            self.runtime.mkdir(mode=0o700, parents=True)
        self.home.mkdir(parents=True)
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                [
                    "pulseaudio",
                    "--daemonize=no",
                    "--exit-idle-time=-1",
                    "-n",
                    "--load=module-null-sink sink_name=null",
                    "--load=module-native-protocol-unix auth-anonymous=1",
                    "--load=module-always-sink",
                ],
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"pulseaudio did not start: {self.log.read_text()}")
            self._find_socket()
            if _answers(self.socket):
                return
            time.sleep(0.05)
        raise RuntimeError("pulseaudio did not open its socket within 10 s")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=5)
            self._process = None


class PipeWireServer:
    """PipeWire with its pulse server (pipewire-pulse) and session manager (WirePlumber), as
    a desktop runs them, private to the test: its own runtime directory, home and D-Bus
    session bus. WirePlumber finds no sound card here and makes a null sink, auto_null.
    Without WirePlumber PipeWire has no sink and links no stream; without a bus, WirePlumber
    exits at once."""

    def __init__(self, directory: Path) -> None:
        self.runtime = directory / "run"
        self.home = directory / "home"
        self.socket = self.runtime / "pulse" / "native"
        self.log = directory / "pipewire.log"
        self.monitor = "auto_null.monitor"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {"XDG_RUNTIME_DIR": str(self.runtime), "HOME": str(self.home)}

    def environment(self) -> dict[str, str]:
        unset = ("PULSE_SERVER", "PULSE_RUNTIME_PATH", "PIPEWIRE_REMOTE")
        unset += ("DBUS_SESSION_BUS_ADDRESS",)  # dbus-run-session gives it one of its own
        return {k: v for k, v in os.environ.items() if k not in unset} | self.env

    def start(self) -> None:
        self.runtime.mkdir(mode=0o700, parents=True)
        self.home.mkdir(parents=True)
        script = "pipewire & sleep 0.3; wireplumber & sleep 0.3; pipewire-pulse & wait"
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                ["dbus-run-session", "--", "sh", "-c", script],
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # stop() ends the bus and the three servers together
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"pipewire did not start: {self.log.read_text()[-2000:]}")
            if _answers(self.socket) and "auto_null" in self._sinks():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"pipewire made no sink within 20 s: {self.log.read_text()[-2000:]}")

    def _sinks(self) -> str:
        try:
            done = subprocess.run(
                ["pactl", "list", "short", "sinks"],
                env=self.environment(),
                capture_output=True,
                text=True,
                timeout=5,
            )
        except subprocess.TimeoutExpired:
            return ""
        return done.stdout

    def stop(self) -> None:
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=5)
            self._process = None


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.connect(str(path))
        except OSError:
            return False
    return True


@dataclass
class Recording:
    samples: array.array[int]
    chunks: list[tuple[int, int]]  # (monotonic ns of arrival, samples received by then)

    def time_of(self, index: int) -> float:
        """The monotonic ns at which sample ``index`` was recorded.

        Each chunk that holds it arrived after it was recorded, so each gives an upper bound;
        the nearest chunks give the closest one (a sample dropped long before cannot skew it).
        """
        bounds = [
            arrival - (count - index) * 1e9 / RATE
            for arrival, count in self.chunks
            if index < count <= index + RATE // 2
        ]
        return min(bounds)


class Recorder:
    """Records the null sink's monitor, from ``start`` to ``stop``."""

    def __init__(self, server: PulseServer | PipeWireServer, sink: str | None = None) -> None:
        self.server = server
        # A null sink of the server's (by default the one it made); its monitor is recorded.
        self.sink = sink or server.monitor.removesuffix(".monitor")
        self._data = bytearray()
        self._chunks: list[tuple[int, int]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{self.sink}.monitor",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                f"--latency-msec={BLOCK_MS}",
            ],
            env=self.server.environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        time.sleep(0.3)
        # The null sink only settles to the recorder's short latency with its first stream
        # (before that, a stream is heard up to half a second late): play one, silently.
        self.play(silence(self.server.home / "silence.wav"))
        time.sleep(0.3)

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while chunk := os.read(fd, 65536):
            now = time.monotonic_ns()
            self._data += chunk
            self._chunks.append((now, len(self._data) // 2))

    def play(self, path: Path) -> None:
        env = self.server.environment() | {"PULSE_SINK": self.sink}
        subprocess.run(["paplay", str(path)], env=env, check=True)

    def stop(self) -> Recording:
        assert self._process is not None and self._thread is not None
        self._process.terminate()
        self._process.wait(timeout=10)
        self._thread.join(timeout=10)
        assert self._process.stdout is not None
        self._process.stdout.close()
        samples = array.array("h")
        samples.frombytes(bytes(self._data[: len(self._data) // 2 * 2]))
        return Recording(samples, self._chunks)


def silence(path: Path, seconds: float = 0.1) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"\0\0" * int(RATE * seconds))
    return path
