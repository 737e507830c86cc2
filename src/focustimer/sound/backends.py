"""The players that can sound a WAV file here, best first, and which can reach an output.

In order: pydub's playback when simpleaudio or pyaudio is importable; then the platform's own
player (``paplay``, ``pw-play``, ``aplay`` on Linux and the BSDs; ``afplay`` on macOS;
``winsound`` on Windows); then ``ffplay``. ``probe`` answers quickly and silently which one
will play, for the ready screen; the child process (``player``) tries them for real.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from ..i18n import _
from .servers import pipewire_reachable, pulse_reachable

PYDUB = "pydub"
FFPLAY_ARGS = ("-nodisp", "-autoexit", "-hide_banner", "-loglevel", "error")


@dataclass(frozen=True)
class Backend:
    name: str  # shown to people: "paplay", "pydub (simpleaudio)"
    command: tuple[str, ...] = ()  # a program and its options, the file goes last
    needs: str = "any"  # the output it must reach: "pulse", "pipewire", "alsa", "any"
    # Given no file, it reads the WAV from stdin: it can be started early, connect to the
    # sound server and open its stream, and then be fed the sound at the very moment.
    reads_stdin: bool = False


def _pydub_library() -> str | None:
    """The audio library pydub's playback would use, if one is installed."""
    for module in ("simpleaudio", "pyaudio"):
        if importlib.util.find_spec(module) is not None:
            return module
    return None


def chain(platform: str = sys.platform) -> list[Backend]:
    """The players installed here, in the order they are tried."""
    found: list[Backend] = []
    library = _pydub_library()
    if library is not None:
        found.append(Backend(f"{PYDUB} ({library})"))
    if platform == "win32":
        found.append(Backend("winsound"))
    elif platform == "darwin":
        found.append(Backend("afplay", ("afplay",)))
    else:
        found += [
            Backend("paplay", ("paplay",), needs="pulse", reads_stdin=True),
            Backend("pw-play", ("pw-play",), needs="pipewire"),
            Backend("aplay", ("aplay", "-q"), needs="alsa", reads_stdin=True),
        ]
    found.append(Backend("ffplay", ("ffplay", *FFPLAY_ARGS)))
    return [b for b in found if not b.command or shutil.which(b.command[0]) is not None]


# -- is there anything to play on? ------------------------------------------------------------


def alsa_device() -> bool:
    """A sound card with a playback device this user may open."""
    return any(os.access(pcm, os.W_OK) for pcm in glob.glob("/dev/snd/pcmC*D*p"))


def outputs(env: Mapping[str, str], platform: str = sys.platform) -> set[str]:
    """What this machine can play on: a sound server, a sound card, or (macOS, Windows) the OS."""
    if platform in ("win32", "darwin"):
        return {"any"}
    found = set()
    if pulse_reachable(env):
        found.add("pulse")
    if pipewire_reachable(env):
        found.add("pipewire")
    if alsa_device() or found:
        found.add("alsa")  # ALSA's default device leads to the sound server when there is one
    if found:
        found.add("any")
    return found


@dataclass(frozen=True)
class Probe:
    """Which player will sound the chime, or why none can."""

    backend: str | None
    reason: str = ""


def probe(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> Probe:
    """Fast and silent: looks for programs and sockets, plays nothing, starts nothing."""
    env = os.environ if env is None else env
    reachable = outputs(env, platform)
    if not reachable:
        return Probe(None, _("no audio device"))
    players = chain(platform)
    for backend in players:
        if backend.needs in reachable:
            return Probe(backend.name)
    if not players:
        return Probe(None, _("no sound player installed (paplay, pw-play, aplay or ffplay)"))
    return Probe(None, _("no sound player here can reach the audio device"))
