"""Which player will sound the chime: found quickly and silently, in the documented order."""

from __future__ import annotations

import importlib.util
import socket
import tempfile
import time
from pathlib import Path

import pytest

from focustimer.sound import backends
from focustimer.sound.backends import Probe, chain, probe


@pytest.fixture
def path(tmp_path, monkeypatch):
    """An empty PATH to put stand-in players on."""
    directory = tmp_path / "bin"
    directory.mkdir()
    monkeypatch.setenv("PATH", str(directory))

    def install(*names: str) -> None:
        for name in names:
            program = directory / name
            program.write_text("#!/bin/sh\nexit 0\n")
            program.chmod(0o755)

    return install


@pytest.fixture
def no_sound_card(monkeypatch):
    monkeypatch.setattr(backends, "alsa_device", lambda: False)


@pytest.fixture
def no_libraries(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("simpleaudio", "pyaudio") else real(name, *a),
    )


@pytest.fixture
def server(tmp_path):
    """A listening unix socket where PulseAudio's would be."""
    run = tmp_path / "run"
    (run / "pulse").mkdir(parents=True)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(run / "pulse" / "native"))
    sock.listen()
    yield {"XDG_RUNTIME_DIR": str(run)}
    sock.close()


def names(found) -> list[str]:
    return [b.name for b in found]


def test_linux_order_is_sound_server_then_alsa_then_ffplay(path, no_libraries):
    path("ffplay", "aplay", "pw-play", "paplay")
    assert names(chain("linux")) == ["paplay", "pw-play", "aplay", "ffplay"]


def test_pydub_comes_first_when_simpleaudio_or_pyaudio_is_there(path, monkeypatch):
    path("paplay")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: (
            object() if name == "pyaudio" else (None if name == "simpleaudio" else real(name, *a))
        ),
    )
    assert names(chain("linux")) == ["pydub (pyaudio)", "paplay"]


def test_macos_uses_afplay_and_windows_winsound(path, no_libraries):
    path("afplay", "ffplay")
    assert names(chain("darwin")) == ["afplay", "ffplay"]
    assert names(chain("win32")) == ["winsound", "ffplay"]


def test_only_installed_players_are_listed(path, no_libraries):
    path("aplay")
    assert names(chain("linux")) == ["aplay"]


def test_no_server_and_no_sound_card_is_no_audio_device(path, no_sound_card, no_libraries):
    path("paplay", "aplay")
    assert probe({"XDG_RUNTIME_DIR": "/nonexistent"}, "linux") == Probe(None, "no audio device")


def test_a_running_sound_server_means_paplay(path, no_sound_card, no_libraries, server):
    path("paplay", "aplay")
    assert probe(server, "linux") == Probe("paplay")


def test_a_sound_server_without_its_player_falls_to_aplay(
    path, no_sound_card, no_libraries, server
):
    path("pw-play", "aplay")
    assert probe(server, "linux") == Probe("aplay")


def test_a_stale_socket_is_no_server(path, no_sound_card, no_libraries, tmp_path):
    path("paplay")
    run = tmp_path / "run"
    (run / "pulse").mkdir(parents=True)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(run / "pulse" / "native"))
    sock.close()  # the file stays, nobody listens: the server died
    assert probe({"XDG_RUNTIME_DIR": str(run)}, "linux").backend is None


def test_pulse_server_setting_is_honoured(path, no_sound_card, no_libraries, server):
    path("paplay")
    socket_path = f"{server['XDG_RUNTIME_DIR']}/pulse/native"
    assert probe({"PULSE_SERVER": f"unix:{socket_path}"}, "linux") == Probe("paplay")
    assert probe({"PULSE_SERVER": "{abc}unix:/nonexistent"}, "linux").backend is None
    assert probe({"PULSE_SERVER": "tcp:localhost:4713"}, "linux") == Probe("paplay")


def test_a_sound_card_without_any_player_says_so(path, monkeypatch, no_libraries):
    monkeypatch.setattr(backends, "alsa_device", lambda: True)
    found = probe({"XDG_RUNTIME_DIR": "/nonexistent"}, "linux")
    assert found == Probe(None, "no sound player installed (paplay, pw-play, aplay or ffplay)")


def test_a_sound_card_alone_means_aplay(path, monkeypatch, no_libraries):
    monkeypatch.setattr(backends, "alsa_device", lambda: True)
    path("paplay", "aplay")
    assert probe({"XDG_RUNTIME_DIR": "/nonexistent"}, "linux") == Probe("aplay")


def test_the_probe_is_quick(server):
    start = time.perf_counter()
    for _ in range(20):
        probe(server)
    assert (time.perf_counter() - start) / 20 < 0.01


def listening(path) -> socket.socket:
    path.parent.mkdir(parents=True, exist_ok=True)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.listen()
    return sock


def test_without_xdg_runtime_dir_the_server_is_found_as_libpulse_finds_it(
    path, no_sound_card, no_libraries, tmp_path
):
    # PulseAudio started with no XDG_RUNTIME_DIR: ~/.config/pulse/<machine-id>-runtime is a
    # link to /tmp/pulse-XXXX, where its socket is.
    path("paplay")
    home = tmp_path / "home"
    target = Path(tempfile.mkdtemp(prefix="pulse-"))  # short: a socket's path has a limit
    with listening(target / "native"):
        (home / ".config" / "pulse").mkdir(parents=True)
        (home / ".config" / "pulse" / "0123abcd-runtime").symlink_to(target)
        assert probe({"HOME": str(home)}, "linux") == Probe("paplay")
        assert probe({"HOME": str(tmp_path / "other")}, "linux").backend is None


def test_client_conf_names_the_server_and_then_it_alone_counts(
    path, no_sound_card, no_libraries, tmp_path, server
):
    path("paplay")
    conf = tmp_path / "home" / ".config" / "pulse" / "client.conf"
    conf.parent.mkdir(parents=True)
    with listening(tmp_path / "elsewhere" / "native"):
        conf.write_text(f"; a comment\ndefault-server = unix:{tmp_path}/elsewhere/native\n")
        assert probe({"HOME": str(tmp_path / "home")}, "linux") == Probe("paplay")
    # Named but gone: libpulse does not look further, not even where a server listens.
    assert probe({"HOME": str(tmp_path / "home"), **server}, "linux").backend is None
    conf.unlink()
    assert probe({"HOME": str(tmp_path / "home"), **server}, "linux") == Probe("paplay")
