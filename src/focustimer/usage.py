"""One-line refusals: bad input says what to type instead, exits 2, and never shows a traceback."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from .i18n import _
from .visible import visible

PROG = "focustimer"
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input: the message is one line that says what to do instead."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions wrapped to the terminal; text laid out by hand (examples) kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return super()._fill_text(text, width, indent)
        return argparse.HelpFormatter._fill_text(self, text, width, indent)


class Parser(argparse.ArgumentParser):
    """argparse, but its refusals are one line and exit 2 (its default prints usage too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(_friendly(message, self.prog))


def _friendly(message: str, prog: str) -> str:
    """argparse's wording, with what to do instead."""
    see = _("see {command} --help").format(command=prog)
    if message.startswith(_("unrecognized arguments: %s").split("%s")[0].strip()):
        args = message.split(":", 1)[1].strip()
        return _("unknown option or extra argument {args}: {see}").format(
            args=visible(args, 60), see=see
        )
    return f"{visible(message, 200)}: {see}"


def say_error(message: str) -> None:
    """One line on stderr, whatever the terminal's encoding can show."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    line = f"{PROG}: {message}".encode(encoding, "backslashreplace").decode(encoding)
    print(line, file=sys.stderr)
