"""Starting the timer in the terminal (refused in one line where it cannot draw), a new session
or one cut off to go on with."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from ..settings import locations
from ..settings.options import Options
from ..usage import UsageError

if TYPE_CHECKING:
    from ..engine.events import Event
    from ..log import CutOff

# Listeners every session started from the command line gets, besides the log's: the hook
# through which a measuring tool watches a real session (tools/trace_events.py appends one and
# then calls main()). The product itself adds none.
SESSION_LISTENERS: list[Callable[[Event], None]] = []


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


def run_session(
    options: Options, continuing: CutOff | None = None, log_path: Path | None = None
) -> int:
    """The session in the terminal; ``continuing``: a session cut off, to go on with."""
    _needs_terminal()
    path = log_path or locations.log_path()  # FOCUSTIMER_DATA_DIR typed wrong: said first
    # Textual takes a moment to import: subcommands and --help do not pay for it.
    from ..lean import leave_out_tls

    leave_out_tls()
    from ..compose import session_app

    app = session_app(options, tuple(SESSION_LISTENERS), continuing, path)
    app.run()
    if app.resume_with is not None:  # r on the ready screen: the session cut off instead
        return run_session(resume_options(options, app.resume_with), app.resume_with, path)
    if app.farewell:
        print(app.farewell)  # the terminal keeps a record once the screen is gone
    return app.return_code or 0


def resume_options(base: Options, cut: CutOff) -> Options:
    """The options of the session cut off: its plan and rule, with this computer's settings
    (sound, language, view). A warning cue that does not fit its turns is left out."""
    options = base.typed(
        total_ns=cut.plan.total_ns,
        names=cut.plan.names,
        auto=cut.auto,
        even_out=cut.even_out,
        first=None,
        now=False,
        at=None,
        at_wall_ns=None,
    )
    if options.warn_ns and options.warn_ns >= cut.plan.share_ns:
        options = replace(options, warn_ns=0, skipped_warn_ns=options.warn_ns)
    return options
