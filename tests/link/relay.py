"""A private magic-wormhole mailbox server on 127.0.0.1, for the link tests and benchmarks.

``twist wormhole-mailbox`` (the server the public relay runs), with its state in a database
file of its own so that it can be killed and started again on the same port and carry on with
the same mailboxes, as a real server restarted by its operator would.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_S = 20.0  # Twisted starts in a second or two; much more on a loaded machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Relay:
    def __init__(
        self, directory: Path, database: Path | None = None, options: tuple[str, ...] = ()
    ) -> None:
        self.directory = directory
        self.options = options
        # On a disk, the server's SQLite commit for each message costs tens of milliseconds;
        # in memory (/dev/shm) a few. Tests take the fast one; the benchmark measures both.
        self.database = database or directory / "relay.sqlite"
        self.port = free_port()
        self.url = f"ws://127.0.0.1:{self.port}/v1"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = directory / "relay.log"

    def start(self) -> None:
        argv = [
            sys.executable,
            "-m",
            "twisted",
            "wormhole-mailbox",
            f"--port=tcp:{self.port}:interface=127.0.0.1",
            f"--channel-db={self.database}",
            *self.options,
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.directory
            )
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return
            time.sleep(0.05)
        tail = self.log.read_text(errors="replace")[-2000:]
        self.stop()
        raise RuntimeError(f"the mailbox server did not start:\n{tail}")

    def kill(self) -> None:
        """Gone at once, as a crashed server or a cut cable would be."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(5)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


@contextmanager
def running_relay(directory: Path) -> Iterator[Relay]:
    """A mailbox server on 127.0.0.1 with its database in memory, stopped afterwards."""
    # On a disk each message's commit costs tens of milliseconds; in memory a few.
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else None) as database:
        server = Relay(directory, Path(database) / "relay.sqlite")
        server.start()
        try:
            yield server
        finally:
            server.stop()
