"""How a session's sound is chosen: config.toml, FOCUSTIMER_SOUND, --mute, --volume, --sound
and the probe. Part of the composition (it joins the settings to the sound package).

Everything that can be wrong with them is found here, before the session starts, and said
in one line (UsageError): a bad setting, a --sound file that cannot be used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from .engine.clock import Clock
from .i18n import _
from .settings.locations import config_path
from .settings.options import Options
from .sound.chime import ENV, Chime, Mode, Player
from .sound.launcher import ProcessPlayer
from .sound.sounds import load_sound_file, prepare, shown_name
from .usage import UsageError
from .visible import visible


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


def in_config_file(setting: str) -> str:
    """A setting config.toml made, named so the user can find it: volume = 0 in <path>."""
    return _("{setting} in {file}").format(setting=setting, file=config_path())


def sound_file(options: Options) -> Any:
    """The chosen turn-end sound, decoded (None: the built-in chime); SoundFileError if bad."""
    if not options.sound_file:
        return None
    source = None  # --sound FILE
    if "sound_file" in options.from_file:
        source = f'{config_path()}: sound = "{shown_name(options.sound_file)}"'
    return load_sound_file(options.sound_file, source)


def chosen_mode(options: Options, environ: Mapping[str, str]) -> tuple[Mode, str]:
    """What a session will sound with, and the setting that chose it, named where the user
    set it: FOCUSTIMER_SOUND=bell, sound = "off" in config.toml, --mute, --volume 0...
    ("" for the default). UsageError for a bad FOCUSTIMER_SOUND."""
    if environ.get(ENV, "").strip():  # the environment wins over the config file's sound
        mode = mode_from_env(environ)
        setting = f"{ENV}={mode.value}"
    else:
        mode = Mode(options.sound_mode)
        setting = ""
        if mode is not Mode.AUTO and "sound_mode" in options.from_file:
            setting = in_config_file(f'sound = "{mode.value}"')
        elif mode is not Mode.AUTO:
            setting = f"--sound {mode.value}"
    if mode is Mode.OFF:
        return mode, setting
    if options.mute:
        return Mode.OFF, "--mute"
    if options.volume == 0:  # not even the bell: the partners asked for silence
        if "volume" in options.from_file:
            return Mode.OFF, in_config_file("volume = 0")
        return Mode.OFF, "--volume 0"
    return mode, setting


def make_chime(
    options: Options,
    clock: Clock,
    player: Player | None = None,
    environ: Mapping[str, str] | None = None,
) -> Chime:
    """The chime for a session. UsageError (one line) for a bad FOCUSTIMER_SOUND or --sound."""
    mode, setting = chosen_mode(options, os.environ if environ is None else environ)
    turn_end = sound_file(options)
    if mode is not Mode.AUTO:
        return Chime(clock, mode=mode, chosen_by=setting)
    player = player or ProcessPlayer()
    found = player.probe()
    if found.backend is None:
        return Chime(clock, mode=Mode.AUTO, found=found)
    sounds = prepare(turn_end, options.volume)
    return Chime(clock, mode=Mode.AUTO, found=found, sounds=sounds, player=player)
