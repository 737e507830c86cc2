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
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .. import __version__, i18n
from ..engine.clock import NS
from ..engine.plan import MAX_PARTNERS, MIN_PARTNERS
from ..i18n import LANGUAGES, _
from ..settings import config_file as config
from ..settings.duration import DurationError, UnderASecond, parse_duration
from ..settings.names import BadNames, check_names, find_person
from ..settings.options import Options
from ..settings.start_time import StartTimeError, parse_start_time
from ..settings.themes import check_theme
from ..usage import EXIT_USAGE, PROG, Parser, UsageError, say_error
from ..visible import visible
from .subcommands import SUBCOMMANDS
from .subcommands import run as run_command

if TYPE_CHECKING:
    from ..engine.events import Event
    from ..log import CutOff

# Listeners every session started from the command line gets, besides the log's: the hook
# through which a measuring tool watches a real session (tools/trace_events.py appends one and
# then calls main()). The product itself adds none.
SESSION_LISTENERS: list[Callable[[Event], None]] = []


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
            "  focustimer resume         go on with a session that was cut off\n"
            "  focustimer log            past sessions\n"
            "  focustimer stats          totals, per partner and your weekly rhythm\n"
            "  focustimer sound-check    play the chime and say which player was used\n"
            "  focustimer config         show the settings in effect"
        ),
    )
    parser.add_argument(
        "duration",
        nargs="?",
        metavar=_("DURATION"),
        help=_("the total time agreed, shared equally (default: 60 minutes)"),
    )
    parser.add_argument(
        "--names",
        nargs="+",
        metavar=_("NAME"),
        help=_("{low} to {high} partners in speaking order (default: Partner A, Partner B)").format(
            low=MIN_PARTNERS, high=MAX_PARTNERS
        ),
    )
    parser.add_argument("--first", metavar=_("NAME"), help=_("who is boss first"))
    parser.add_argument(
        "--now", action="store_true", help=_("start at once, skip the ready screen")
    )
    parser.add_argument(
        "--at",
        metavar=_("HH:MM"),
        help=_(
            "start the first turn at this time, to the second (for two machines); "
            "started late, join the session where it has got to"
        ),
    )
    parser.add_argument(
        "--auto",
        action=argparse.BooleanOptionalAction,
        help=_(
            "start the next turn the moment the previous one ends "
            "(default: the next boss presses n)"
        ),
    )
    parser.add_argument(
        "--even-out",
        action=argparse.BooleanOptionalAction,
        help=_("lengthen the next turn by the time the previous boss ran over (default: on)"),
    )
    parser.add_argument(
        "--calm",
        action=argparse.BooleanOptionalAction,
        help=_("start in the calm view: no digits, a slow progress bar (key c)"),
    )
    parser.add_argument(
        "--warn",
        metavar=_("MINUTES"),
        help=_("a soft cue this many minutes before each turn ends (default: none; 0: none)"),
    )
    parser.add_argument(
        "--mute", action="store_true", help=_("no chime: the screen still shows it")
    )
    parser.add_argument(
        "--sound", metavar=_("FILE"), help=_("play this WAV file as the turn-end chime")
    )
    parser.add_argument(
        "--volume", metavar="0..100", help=_("loudness of the chime in percent (default: 100)")
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, help=_("language of the screens (default: from LANG)")
    )
    parser.add_argument(
        "--theme",
        metavar=_("NAME"),
        help=_(
            "colours: one of Textual's themes, e.g. textual-light for a light terminal "
            "(default: textual-dark; focustimer config lists them)"
        ),
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_("show the version and exit"),
    )
    return parser


def _names(raw: list[str] | None, duration_given: bool) -> tuple[str, ...] | None:
    if raw is None:
        return None
    if not duration_given:
        for name in raw:
            try:
                parse_duration(name)
            except DurationError:
                continue
            raise UsageError(
                _(
                    "'{name}' looks like a duration: put it before --names, "
                    "e.g. focustimer {name} --names Ann Bob"
                ).format(name=visible(name.strip(), 20))
            )
    try:
        return check_names(raw)
    except BadNames as problem:
        raise UsageError(f"--names {problem}") from None


def parse_session(
    argv: Sequence[str], base: Options | None = None, *, now: datetime | None = None
) -> Options:
    """The options of a session: ``base`` (defaults and config file), then the command line.

    Raises UsageError, with one line saying what to type instead, when they make no sense.
    ``now`` (aware, local) is when ``--at`` is measured from.
    """
    args = _main_parser().parse_args(list(argv))
    options = base or Options()
    changes: dict[str, Any] = {}
    if args.duration is not None:
        try:
            changes["total_ns"] = parse_duration(args.duration)
        except DurationError as error:
            raise UsageError(_with_command_hint(args.duration, str(error))) from None
    names = _names(args.names, args.duration is not None)
    if names is not None:
        changes["names"] = names
    for flag in ("now", "mute"):
        if getattr(args, flag):
            changes[flag] = True
    for flag in ("auto", "even_out", "calm", "lang"):
        if getattr(args, flag) is not None:
            changes[flag] = getattr(args, flag)
    if args.sound is not None:
        changes["sound_file"] = args.sound
    if args.volume is not None:
        changes["volume"] = parse_volume(args.volume)
    if args.warn is not None:
        changes["warn_ns"] = _warn(args.warn)
    if args.first is not None:
        changes["first"] = args.first.strip()
    if args.theme is not None:
        try:
            changes["theme"] = check_theme(args.theme.strip())
        except ValueError as problem:
            raise UsageError(f"--theme {problem}") from None
    if args.at is not None:
        if args.now:
            raise UsageError(_("--at and --now cannot go together: choose one"))
        now = now or datetime.now().astimezone()
        try:
            at = parse_start_time(args.at, now)
        except StartTimeError as error:
            raise UsageError(str(error)) from None
        changes["at_wall_ns"] = int(at.timestamp()) * NS
        _refuse_a_schedule_that_has_ended(at, changes.get("total_ns", options.total_ns), now)
    return _checked(options.typed(**changes))


def _refuse_a_schedule_that_has_ended(at: datetime, total_ns: int, now: datetime) -> None:
    """``--at`` a time that has passed joins the schedule late; not once it is over."""
    end = at + timedelta(microseconds=total_ns // 1000)
    if end <= now:
        raise UsageError(
            _(
                "--at {at}: that session would have ended at {end} (it is {now} now): "
                "give a later time, or leave out --at"
            ).format(
                at=at.strftime("%H:%M:%S"),
                end=end.strftime("%H:%M:%S"),
                now=now.strftime("%H:%M:%S"),
            )
        )


def _checked(options: Options) -> Options:
    """Rules across options, wherever each came from."""
    # Here, not at the top: rich imports logging, which reads the wall clock as it loads, and
    # a clock Python cannot read must first be refused in one line (_refuse_impossible_clock).
    from ..text import time_exact

    if options.first is not None:
        first = find_person(options.first, options.names)
        if first is None:
            raise UsageError(
                _("--first {name} is not among the names: choose one of {names}").format(
                    name=visible(options.first, 20),
                    names=", ".join(visible(n, 20) for n in options.names),
                )
            )
        options = replace(options, first=first)  # as typed in --names: --first ann is Ann
    share = Fraction(options.total_ns, len(options.names))
    if options.warn_ns and options.warn_ns >= share and "warn_ns" in options.from_file:
        # A default from the file for every session: this session is too short for it.
        options = replace(options, warn_ns=0, skipped_warn_ns=options.warn_ns)
    if options.warn_ns and options.warn_ns >= share:
        raise UsageError(
            _(
                "--warn {warn} must come within each turn ({share}): "
                "give fewer minutes, or --warn 0"
            ).format(warn=time_exact(options.warn_ns), share=time_exact(share))
        )
    return options


def _warn(text: str) -> int:
    if text.strip().lower() in ("0", "off"):
        return 0  # no cue, whatever config.toml says
    try:
        return parse_duration(text)
    except UnderASecond:
        raise UsageError(
            _(
                "--warn {text} is under a second ({text} minutes): give at least 1s, "
                "e.g. --warn 1 for a minute or --warn 30s"
            ).format(text=visible(text.strip(), 20))
        ) from None
    except DurationError:
        raise UsageError(
            _("--warn takes minutes before the turn ends, e.g. --warn 2, not {text}").format(
                text=visible(text, 20)
            )
        ) from None


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
            raise UsageError(
                _("--lang takes one of {choices}, not {value}").format(
                    choices=", ".join(LANGUAGES), value=visible(value, 20)
                )
            )


def _needs_terminal() -> None:
    # The streams Textual uses: it reads keys from stdin and draws on stderr, so
    # `focustimer 30 | cat` works and `focustimer 30 2>log` would draw into the file.
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
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


def run_session(options: Options, continuing: CutOff | None = None) -> int:
    """The session in the terminal; ``continuing``: a session cut off, to go on with."""
    _needs_terminal()
    # Textual takes a moment to import: subcommands and --help do not pay for it.
    from ..lean import leave_out_tls

    leave_out_tls()
    from ..tui.app import session_app

    app = session_app(options, tuple(SESSION_LISTENERS), continuing)
    app.run()
    if app.resume_with is not None:  # r on the ready screen: the session cut off instead
        from .resume import resume_options

        return run_session(resume_options(options, app.resume_with), app.resume_with)
    if app.farewell:
        print(app.farewell)  # the terminal keeps a record once the screen is gone
    return app.return_code or 0


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
            _main_parser().parse_args(rest)  # prints and exits; a broken config.toml is no matter
        base = config.load()
        i18n.set_language(i18n.choose_language(wanted or base.lang))
        return run_session(parse_session(argv, base))
    except UsageError as error:
        say_error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `focustimer log | head`: the reader has enough. Silence the flush at exit too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
