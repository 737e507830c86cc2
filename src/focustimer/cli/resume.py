"""``focustimer resume``: go on with the newest session that was cut off, in its own log row."""

from __future__ import annotations

import time

from ..i18n import _
from ..log import EXIT_UNREADABLE, StoreError, find_cut_off, read_log
from ..settings import config_file as config
from ..settings.arguments import add_options, typed
from ..settings.locations import log_path
from ..settings.schema import RESUME
from ..usage import Parser, say_error

EXIT_NOTHING = 1


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer resume",
        description=_(
            "Go on with the newest session that was cut off (killed, a power cut, quit by"
            " mistake) less than 12 hours ago: the same partners, plan and rule; the turn cut"
            " off goes on with the time it had left, and the time in between is a pause."
        ),
    )
    add_options(parser, RESUME)  # this computer's settings: the plan is the session's
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    base = typed(args, RESUME, config.load())
    path = log_path()
    try:
        cut = read_log(lambda store: find_cut_off(store, time.time_ns()), path)
    except StoreError as error:
        say_error(str(error))
        return EXIT_UNREADABLE
    if cut is None:
        say_error(_("nothing to resume: no session was cut off in the last 12 hours"))
        return EXIT_NOTHING
    from .launch import resume_options, run_session

    return run_session(resume_options(base, cut), cut, path)
