"""The chime is found and heard whichever way the sound server was started: the session and
``sound-check`` look for it as the players do, with one function (``backends.probe``)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from focustimer.sound import backends

from .listen import onsets, strongest
from .pulse import Recorder

pytestmark = pytest.mark.e2e

TURN_END_HZ = 659.25  # sounds/render.py
PITCHES = (440.0, 523.25, TURN_END_HZ, 880.0)


@pytest.fixture(params=["pulse_by_hand", "pipewire"])
def server(request):
    """PulseAudio started by hand without XDG_RUNTIME_DIR, and PipeWire's pulse server."""
    return request.getfixturevalue(request.param)


def test_the_server_is_found_as_the_players_find_it(server, request):
    if request.node.callspec.params["server"] == "pulse_by_hand":
        assert "XDG_RUNTIME_DIR" not in os.environ
        assert str(server.socket).startswith("/tmp/pulse-")
    else:
        info = subprocess.run(["pactl", "info"], capture_output=True, text=True, timeout=5)
        assert "PipeWire" in info.stdout  # a real PipeWire answers, not a PulseAudio left running
    assert backends.probe().backend == "paplay"  # the one function the session asks too


def test_sound_check_plays_through_it_and_it_is_heard(server):
    recorder = Recorder(server)
    recorder.start()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "focustimer", "sound-check"],
            capture_output=True,
            text=True,
            env={**os.environ, "FOCUSTIMER_SOUND": "auto"},
            timeout=30,
        )
    finally:
        recording = recorder.stop()
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Chime: paplay\nPlayed the chime with paplay: did you hear it?\n"
    found = onsets(recording.samples)
    assert len(found) == 1
    assert strongest(recording.samples, found[0], PITCHES) == TURN_END_HZ


def test_a_session_chooses_it_too_and_its_chime_is_heard(tmux, server):
    tmux.start(["30", "--names", "Ann", "Bob"], env={"FOCUSTIMER_SOUND": "auto"})
    tmux.wait_for("Chime: paplay")  # not "No sound: terminal bell (no audio device)"
    tmux.close()
    recorder = Recorder(server)
    recorder.start()
    try:
        tmux.start(
            ["2s", "--names", "Ann", "Bob", "--now", "--auto"], env={"FOCUSTIMER_SOUND": "auto"}
        )
        tmux.wait_for("Session complete")
        tmux.wait_for("esc skip the note")
    finally:
        recording = recorder.stop()
    assert "terminal bell" not in tmux.screen()
    found = onsets(recording.samples)
    assert found, "no chime was heard"
    assert strongest(recording.samples, found[0], PITCHES) == TURN_END_HZ
