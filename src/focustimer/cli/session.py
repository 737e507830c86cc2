"""``focustimer [DURATION] [options]``: the session's parser, made from the settings table,
and the rules across settings (``--first`` among the names, ``--at`` not with ``--now``, a
warning cue within a turn)."""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from fractions import Fraction

from .. import __version__
from ..engine.clock import NS
from ..i18n import _
from ..settings.arguments import Refused, add_options, typed
from ..settings.duration import DurationError, parse_duration
from ..settings.names import find_person
from ..settings.options import Options
from ..settings.schema import SESSION, Form
from ..settings.start_time import nearest
from ..usage import PROG, Parser, UsageError
from ..visible import visible
from .subcommands import SUBCOMMANDS


def session_parser() -> Parser:
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
    add_options(parser, SESSION)
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_("show the version and exit"),
    )
    return parser


def _refuse_a_duration_among_names(args: argparse.Namespace) -> None:
    """``focustimer --names Ann Bob 30``: argparse takes 30 for a name."""
    if args.duration is not None or args.names is None:
        return
    for name in args.names:
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


def parse_session(
    argv: Sequence[str], base: Options | None = None, *, now: datetime | None = None
) -> Options:
    """The options of a session: ``base`` (defaults and config file), then the command line.

    Raises UsageError, with one line saying what to type instead, when they make no sense.
    ``now`` (aware, local) is when ``--at`` is measured from.
    """
    args = session_parser().parse_args(list(argv))
    _refuse_a_duration_among_names(args)
    try:
        options = typed(args, SESSION, base or Options())
    except Refused as refused:
        if refused.setting.form is Form.POSITIONAL:  # `focustimer lgo`: a command mistyped?
            raise UsageError(_with_command_hint(args.duration, str(refused))) from None
        raise
    if args.relay is not None and not options.link:  # config.toml's relay is a default
        raise UsageError(_("--relay is for linked sessions: add --link, or use join"))
    if options.at is not None:
        if options.now:
            raise UsageError(_("--at and --now cannot go together: choose one"))
        now = now or datetime.now().astimezone()
        at = nearest(options.at, now)
        options = replace(options, at_wall_ns=int(at.timestamp()) * NS)
        _refuse_a_schedule_that_has_ended(at, options.total_ns, now)
    return _checked(options)


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


def _with_command_hint(text: str, message: str) -> str:
    close = difflib.get_close_matches(text, list(SUBCOMMANDS), n=1, cutoff=0.6)
    if close:
        return _(
            "'{text}' is not a duration or a command: did you mean focustimer {command}?"
        ).format(text=visible(text, 20), command=close[0])
    return message
