"""The ``focustimer`` command: parse arguments, dispatch subcommands, refuse bad input in one line.

A bare ``focustimer [DURATION]`` starts the TUI; ``log``, ``stats``, ``sound-check`` and
``config`` are subcommands. Every refusal is one line that says what to type instead, with
exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

from .. import i18n
from ..i18n import LANGUAGES, _
from ..settings import config_file as config
from ..settings.arguments import read
from ..settings.options import Options
from ..settings.schema import BY_NAME
from ..usage import EXIT_USAGE, UsageError, say_error
from .launch import run_session
from .session import parse_session, session_parser
from .subcommands import SUBCOMMANDS
from .subcommands import run as run_command

__all__ = ["UsageError", "main", "parse_session"]


def _asks_help_or_version(argv: list[str]) -> bool:
    for arg in argv:
        if arg == "--":
            return False
        if arg in ("-h", "--help", "-V", "--version") or (
            arg.startswith("-") and not arg.startswith("--") and set(arg[1:]) & {"h", "V"}
        ):
            return True
    return False


def _refuse_unknown_language(argv: list[str]) -> None:
    for i, arg in enumerate(argv):
        if arg == "--":
            return
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg[7:] if arg.startswith("--lang=") else " ".join(argv[i + 1 : i + 2])
            if not value.strip():
                raise UsageError(
                    _("--lang needs a language: one of {choices}, e.g. --lang nl").format(
                        choices=", ".join(LANGUAGES)
                    )
                )
            read(Options(), BY_NAME["lang"], value)  # refused as in config.toml, after --lang
            raise AssertionError(value)  # pragma: no cover - split_language took a good one


def _refuse_impossible_clock() -> None:
    """A wall clock Python itself cannot read (past 2262): one line, before anything fails
    on it (importing asyncio reads the clock)."""
    try:
        time.time_ns()
    except OverflowError:
        raise UsageError(
            _(
                "the computer's clock reads a date Python cannot count (after 2262 or before"
                " 1678): set the clock right"
            )
        ) from None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    wanted, rest = i18n.split_language(argv)
    i18n.set_language(i18n.choose_language(wanted))
    try:
        _refuse_impossible_clock()
        _refuse_unknown_language(rest)  # the same answer before or after a subcommand
        if rest[:1] == ["help"]:  # `focustimer help`, `focustimer help log`
            if rest[1:2] and rest[1] in SUBCOMMANDS:
                return run_command(rest[1], ["--help"], wanted)
            rest = argv = ["--help"]
        if rest and rest[0] in SUBCOMMANDS:
            return run_command(rest[0], rest[1:], wanted)
        if _asks_help_or_version(rest):
            session_parser().parse_args(rest)  # prints and exits; a broken config.toml is no matter
        base = config.load()
        i18n.set_language(i18n.choose_language(wanted, configured=base.lang))
        options = parse_session(argv, base)
        if options.link:
            from .linked import run_linked

            return run_linked(options, options.relay)
        return run_session(options)
    except UsageError as error:
        say_error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `focustimer log | head`: the reader has enough. Silence the flush at exit too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
