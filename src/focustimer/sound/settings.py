"""How a session's sound is chosen: FOCUSTIMER_SOUND, --mute, --volume, --sound and the probe.

Everything that can be wrong with them is found here, before the session starts, and said
in one line (UsageError): a bad setting, a --sound file that cannot be used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..clock import Clock
from ..config import config_path
from ..i18n import _
from ..options import Options
from ..usage import UsageError
from ..visible import visible
from .chime import ENV, Chime, Mode, Player
from .launcher import ProcessPlayer
from .sounds import load_sound_file, prepare, shown_name


def mode_from_env(environ: Mapping[str, str]) -> Mode:
    raw = environ.get(ENV, "").strip()
    try:
        return Mode(raw.lower() or Mode.AUTO.value)
    except ValueError:
        raise UsageError(
            _("{name}={value} is not a choice: use {name}=auto, bell or off").format(
                name=ENV, value=visible(raw, 20)
            )
        ) from None


def sound_file(options: Options) -> Any:
    """The chosen turn-end sound, decoded (None: the built-in chime); SoundFileError if bad."""
    if not options.sound_file:
        return None
    source = None  # --sound FILE
    if "sound_file" in options.from_file:
        source = f'{config_path()}: sound = "{shown_name(options.sound_file)}"'
    return load_sound_file(options.sound_file, source)


def make_chime(
    options: Options,
    clock: Clock,
    player: Player | None = None,
    environ: Mapping[str, str] | None = None,
) -> Chime:
    """The chime for a session. UsageError (one line) for a bad FOCUSTIMER_SOUND or --sound."""
    environ = os.environ if environ is None else environ
    # The environment wins over the config file's sound = "auto" | "bell" | "off".
    from_env = bool(environ.get(ENV, "").strip())
    mode = mode_from_env(environ) if from_env else Mode(options.sound_mode)
    turn_end = sound_file(options)
    off_because = ""
    if mode is Mode.OFF:
        off_because = f"{ENV}=off" if from_env else f'sound = "off" ({config_path()})'
    elif options.mute:
        off_because = "--mute"
    elif options.volume == 0:
        from_file = "volume" in options.from_file
        off_because = f"volume = 0 ({config_path()})" if from_file else "--volume 0"
    if off_because:
        return Chime(clock, mode=Mode.OFF, off_because=off_because)
    if mode is Mode.BELL:
        return Chime(clock, mode=Mode.BELL)
    player = player or ProcessPlayer()
    found = player.probe()
    if found.backend is None:
        return Chime(clock, mode=Mode.AUTO, found=found)
    sounds = prepare(turn_end, options.volume)
    return Chime(clock, mode=Mode.AUTO, found=found, sounds=sounds, player=player)
