"""The ``focustimer`` command: parse arguments, dispatch subcommands, refuse bad input in one line.

A bare ``focustimer [DURATION]`` starts the TUI; ``log``, ``stats``, ``sound-check`` and
``config`` are subcommands. Every refusal is one line that says what to type instead, with
exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence

from . import __version__
from .commands import SUBCOMMANDS
from .commands import run as run_command
from .duration import DurationError, parse_duration
from .i18n import _
from .options import Options
from .plan import MAX_PARTNERS, MIN_PARTNERS
from .usage import EXIT_USAGE, Parser, UsageError, say_error
from .visible import visible

PROG = "focustimer"
MAX_NAME_LENGTH = 40


def _main_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description=_(
            "An equal-turn timer for focusing partnerships, co-counselling and peer coaching. "
            "The total time is split into exactly equal turns; whoever's turn it is, is the boss "
            "of it. A chime ends each turn."
        ),
        epilog=_(
            "examples:\n"
            "  focustimer                         60 minutes: 30:00 each for two partners\n"
            "  focustimer 30                      30 minutes: 15:00 each\n"
            "  focustimer 1h --names Ann Bob      Ann and Bob, 30:00 each\n"
            "  focustimer 45m --names Ann Bob Cas --first Bob\n"
            "  focustimer 20 --now --auto         start at once, turns follow without a key\n"
            "\n"
            "durations: 30 (minutes), 12.5, 30m, 45min, 90s, 1h, 1h30m, 1:30 (h:mm), 1:30:00\n"
            "\n"
            "commands:\n"
            "  focustimer log            past sessions\n"
            "  focustimer stats          totals, per partner and your weekly rhythm\n"
            "  focustimer sound-check    play the chime and say which player was used\n"
            "  focustimer config         show the settings in effect"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "duration",
        nargs="?",
        metavar="DURATION",
        help=_("the total time agreed, shared equally (default: 60 minutes)"),
    )
    parser.add_argument(
        "--names",
        nargs="+",
        metavar="NAME",
        help=_("{low} to {high} partners in speaking order (default: Partner A, Partner B)").format(
            low=MIN_PARTNERS, high=MAX_PARTNERS
        ),
    )
    parser.add_argument("--first", metavar="NAME", help=_("who is boss first"))
    parser.add_argument(
        "--now", action="store_true", help=_("start at once, skip the ready screen")
    )
    parser.add_argument(
        "--auto",
        action="store_true",
        help=_(
            "start the next turn the moment the previous one ends "
            "(default: the next boss presses n)"
        ),
    )
    parser.add_argument(
        "--no-even-out",
        dest="even_out",
        action="store_false",
        help=_("do not lengthen the next turn by the time the previous boss ran over"),
    )
    parser.add_argument(
        "--mute", action="store_true", help=_("no chime: the screen still shows it")
    )
    parser.add_argument(
        "--sound", metavar="FILE", help=_("play this WAV file as the turn-end chime")
    )
    parser.add_argument(
        "--volume", metavar="0..100", help=_("loudness of the chime in percent (default: 100)")
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _names(raw: list[str] | None, duration_given: bool) -> tuple[str, ...] | None:
    if raw is None:
        return None
    names = tuple(name.strip() for name in raw)
    if not duration_given:
        for name in names:
            try:
                parse_duration(name)
            except DurationError:
                continue
            raise UsageError(
                _(
                    "'{name}' looks like a duration: put it before --names, "
                    "e.g. focustimer {name} --names Ann Bob"
                ).format(name=visible(name, 20))
            )
    if not MIN_PARTNERS <= len(names) <= MAX_PARTNERS:
        raise UsageError(
            _("--names takes {low} to {high} names, you gave {count}: e.g. --names Ann Bob").format(
                low=MIN_PARTNERS, high=MAX_PARTNERS, count=len(names)
            )
        )
    for name in names:
        if not name:
            raise UsageError(_("a name is empty: give each partner a name, e.g. --names Ann Bob"))
        if len(name) > MAX_NAME_LENGTH:
            raise UsageError(
                _("the name '{name}' is too long: use at most {limit} characters").format(
                    name=visible(name, 20), limit=MAX_NAME_LENGTH
                )
            )
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise UsageError(
                _(
                    "'{name}' is named twice: give each partner a different name, "
                    "e.g. {name} {name}2"
                ).format(name=visible(name, 20))
            )
        seen.add(name)
    return names


def parse_session(argv: Sequence[str]) -> Options:
    """The options of a session from the command line; UsageError when they make no sense."""
    args = _main_parser().parse_args(list(argv))
    options = Options()
    total = options.total_ns
    if args.duration is not None:
        try:
            total = parse_duration(args.duration)
        except DurationError as error:
            raise UsageError(_with_command_hint(args.duration, str(error))) from None
    names = _names(args.names, args.duration is not None) or options.names
    first = args.first
    if first is not None:
        first = first.strip()
        if first not in names:
            raise UsageError(
                _("--first {name} is not among the names: choose one of {names}").format(
                    name=visible(first, 20), names=", ".join(visible(n, 20) for n in names)
                )
            )
    return Options(
        total_ns=total,
        mute=args.mute,
        sound_file=args.sound,
        volume=parse_volume(args.volume),
        names=names,
        first=first,
        now=args.now,
        auto=args.auto,
        even_out=args.even_out,
    )


def parse_volume(text: str | None) -> int:
    if text is None:
        return Options().volume
    try:
        volume = int(text.strip().rstrip("%"))
    except ValueError:
        volume = -1
    if not 0 <= volume <= 100:
        raise UsageError(
            _("--volume takes a whole number from 0 to 100, e.g. --volume 80, not {text}").format(
                text=visible(text, 20)
            )
        )
    return volume


def _with_command_hint(text: str, message: str) -> str:
    close = difflib.get_close_matches(text, list(SUBCOMMANDS), n=1, cutoff=0.6)
    if close:
        return _(
            "'{text}' is not a duration or a command: did you mean focustimer {command}?"
        ).format(text=visible(text, 20), command=close[0])
    return message


def _needs_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            _(
                "focustimer needs a terminal: run it in a terminal window "
                "(focustimer log works anywhere)"
            )
        )
    if os.environ.get("TERM") == "dumb":
        raise UsageError(
            _("this terminal cannot draw the timer (TERM=dumb): run focustimer in a full terminal")
        )


def run_session(options: Options) -> int:
    _needs_terminal()
    # Textual takes a moment to import: subcommands and --help do not pay for it.
    from .tui.app import make_app

    app = make_app(options)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return run_command(argv[0], argv[1:])
        return run_session(parse_session(argv))
    except UsageError as error:
        say_error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
