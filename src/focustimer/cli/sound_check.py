"""``focustimer sound-check``: which player will sound the chime; play it; say whether it did.

Exit status 0 when a sound was played; 1, with one line saying why, when none could be
(the session would then ring the terminal bell); 2 for a mistake on the command line.
"""

from __future__ import annotations

import asyncio
import os

from ..i18n import _
from ..settings import config_file as config
from ..settings.arguments import add_options, typed
from ..settings.schema import SOUND_CHECK
from ..sound.chime import Mode
from ..sound.launcher import Played, ProcessPlayer
from ..sound.sounds import Sound, prepare
from ..sound_choice import chosen_mode, sound_file
from ..usage import Parser, say_error

EXIT_NO_SOUND = 1


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer sound-check",
        description=_(
            "Say which player will sound the chime, play it once, and say whether it played. "
            "FOCUSTIMER_SOUND=bell or off is honoured, as in a session."
        ),
    )
    add_options(parser, SOUND_CHECK)
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    # What a session would use: config.toml, then the options typed here, then the environment.
    options = typed(args, SOUND_CHECK, config.load())
    mode, setting = chosen_mode(options, os.environ)
    turn_end = sound_file(options)
    if mode is Mode.OFF:
        say_error(
            _("the sound is off ({setting}): focustimer plays nothing").format(setting=setting)
        )
        return EXIT_NO_SOUND
    if mode is Mode.BELL:
        say_error(
            _("{setting}: focustimer rings the terminal bell, it plays no sound").format(
                setting=setting
            )
        )
        return EXIT_NO_SOUND
    player = ProcessPlayer()
    # The probe a session makes, and nothing else: where it finds no player, a session rings
    # the bell, so this says so too rather than play by another way than a session would.
    found = player.probe()
    if found.backend is None:
        return _no_sound(found.reason)
    print(_("Chime: {player}").format(player=found.backend), flush=True)
    sounds = prepare(turn_end, options.volume)
    try:
        file, length = sounds.files[Sound.TURN_END], sounds.lengths[Sound.TURN_END]
        result = asyncio.run(player.play(file, 0, length))
    finally:
        sounds.close()
    if isinstance(result, Played):
        print(_("Played the chime with {player}: did you hear it?").format(player=result.backend))
        return 0
    return _no_sound(result.reason)


def _no_sound(reason: str) -> int:
    say_error(_("{reason}: focustimer will ring the terminal bell instead").format(reason=reason))
    return EXIT_NO_SOUND
