from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from ..link.relay import running_relay
from .pulse import MISSING, PIPEWIRE_MISSING, PipeWireServer, PulseServer
from .tmux import Tmux


@pytest.fixture
def relay(tmp_path):
    """A mailbox server on 127.0.0.1 of this test's own, for linked timers (killed and started
    again by some tests)."""
    with running_relay(tmp_path) as server:
        yield server


@pytest.fixture
def tmux():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: .ci/run installs it (apt-get install tmux)")
    terminal = Tmux()
    yield terminal
    terminal.close()


@pytest.fixture
def pulse():
    """A private PulseAudio server with a null sink, always stopped afterwards."""
    yield from _pulse_server(by_hand=False)


@pytest.fixture
def pulse_by_hand(monkeypatch):
    """PulseAudio as a user starts it by hand, without XDG_RUNTIME_DIR (its socket in
    /tmp/pulse-XXXX); this test's processes see the environment its clients would."""
    for server in _pulse_server(by_hand=True):
        for name in ("XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_RUNTIME_PATH"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HOME", str(server.home))
        yield server


def _pulse_server(by_hand: bool):
    if MISSING:
        pytest.skip(
            f"{', '.join(MISSING)} not installed: .ci/run installs them "
            "(apt-get install pulseaudio pulseaudio-utils)"
        )
    # A short path of its own: a unix socket's path may not be longer than 107 bytes.
    with tempfile.TemporaryDirectory(prefix="ft-pulse-") as directory:
        server = PulseServer(Path(directory), by_hand=by_hand)
        try:
            server.start()
            yield server
        finally:
            server.stop()


@pytest.fixture
def pipewire(monkeypatch):
    """PipeWire's pulse server, private to the test; this test's processes see its clients'
    environment (XDG_RUNTIME_DIR names it, as on a desktop)."""
    if PIPEWIRE_MISSING:
        pytest.skip(
            f"{', '.join(PIPEWIRE_MISSING)} not installed: .ci/run installs them "
            "(apt-get install pipewire pipewire-pulse wireplumber dbus-daemon dbus-bin)"
        )
    with tempfile.TemporaryDirectory(prefix="ft-pw-") as directory:
        server = PipeWireServer(Path(directory))
        try:
            server.start()
            for name in ("PULSE_SERVER", "PULSE_RUNTIME_PATH", "PIPEWIRE_REMOTE"):
                monkeypatch.delenv(name, raising=False)
            for name, value in server.env.items():
                monkeypatch.setenv(name, value)
            yield server
        finally:
            server.stop()
