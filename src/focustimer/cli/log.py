"""``focustimer log``: past sessions, newest first, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..engine.clock import NS
from ..history.export import CSV_COLUMNS, csv_rows, session_json
from ..history.table import WRAPS, cells, headers
from ..i18n import _, ngettext
from ..log import EXIT_UNREADABLE, SessionRecord, StoreError, read_log
from ..settings.locations import log_path
from ..settings.names import is_text, not_text_message
from ..usage import Parser, UsageError, say_error
from ..visible import visible

DEFAULT_LIMIT = 20


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer log",
        description=_("Past sessions, newest first. The log stays on this computer."),
    )
    parser.add_argument(
        "--limit",
        metavar="N",
        default=str(DEFAULT_LIMIT),
        help=_("show the newest N sessions (default: {n}; 0 shows all)").format(n=DEFAULT_LIMIT),
    )
    parser.add_argument(
        "--partner", metavar=_("NAME"), help=_("only sessions with this partner (any case)")
    )
    parser.add_argument(
        "--since", metavar=_("YYYY-MM-DD"), help=_("only sessions started on or after this day")
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    output.add_argument("--csv", action="store_true", help=_("print CSV, one row per partner"))
    return parser


SQLITE_MAX = 2**63 - 1


def _limit(text: str) -> int | None:
    digits = text.strip()
    if digits.isdecimal():  # int() refuses more than 4300 digits, leading zeros included
        digits = digits.lstrip("0") or "0"
        if len(digits) > len(str(SQLITE_MAX)):
            return None  # all of them, as below
    try:
        limit = int(digits)
    except ValueError:
        limit = -1
    if limit < 0:
        raise UsageError(
            _("--limit takes a number of sessions, e.g. --limit 50 (0 for all), not {text}").format(
                text=visible(text, 20)
            )
        )
    # More than could ever be stored is all of them (and would not fit SQLite's integers).
    return None if limit == 0 or limit > SQLITE_MAX else limit


def since_ns(text: str | None) -> int | None:
    """Local midnight at the start of that day, in nanoseconds since the epoch."""
    if text is None:
        return None
    day = None
    # Year first as in English tables, or day first as in Dutch ones (31-01-2025): the
    # four-digit year tells them apart, whatever the language; a day first that could be a
    # month is refused.
    for form in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            day = datetime.strptime(text.strip(), form)
            break
        except ValueError:
            continue
    if day is not None and not text.strip()[:4].isdigit() and day.month != day.day <= 12:
        # 12-11-2026 is 12 November to a Dutch reader and December 11 to an American one.
        other = day.replace(day=day.month, month=day.day)
        raise UsageError(
            _(
                "--since {text} can be read two ways: type it as YYYY-MM-DD ({one} or {other})"
            ).format(
                text=visible(text, 20), one=day.date().isoformat(), other=other.date().isoformat()
            )
        )
    if day is None:
        raise UsageError(
            _("--since takes a date like 2025-01-31 or 31-01-2025, not {text}").format(
                text=visible(text, 20)
            )
        )
    try:
        seconds = int(day.astimezone().timestamp())  # a naive datetime is taken as local time
    except (ValueError, OverflowError, OSError):
        # Out of the platform's range (year 1; year 9999 from Python 3.12 on): a day before
        # 1970 means every session, one after it none.
        seconds = 0 if day.year < 1970 else SQLITE_MAX // NS
    # Before 1970: every session. After 2262 (nanoseconds past SQLite's integers): none.
    return min(max(seconds, 0) * NS, SQLITE_MAX)


def partner_filter(value: str | None) -> str | None:
    """--partner as typed (trimmed), or UsageError: a name, in text the log can hold.
    The one check for ``log`` and ``stats``."""
    if value is None:
        return None
    partner = value.strip()
    if not partner:
        raise UsageError(_("--partner needs a name: leave it out for every partner"))
    if not is_text(partner):
        raise UsageError(f"--partner {not_text_message(partner)}")
    return partner


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    limit, since = _limit(args.limit), since_ns(args.since)
    partner = partner_filter(args.partner)
    path = log_path()  # a FOCUSTIMER_DATA_DIR typed wrong is bad input (exit 2), said first
    try:
        sessions = read_log(
            lambda store: store.sessions(limit=limit, partner=partner, since_ns=since), path
        )
    except StoreError as error:
        say_error(str(error))
        return EXIT_UNREADABLE
    if args.json:
        # Indented for people at a terminal; compact (and far quicker) for files and pipes.
        indent = 2 if sys.stdout.isatty() else None
        data = [session_json(s) for s in sessions]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
    elif args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for session in sessions:
            writer.writerows(csv_rows(session))
    else:
        _print_table(sessions, path, filtered=partner is not None or since is not None, limit=limit)
    return 0


def _print_table(
    sessions: list[SessionRecord], path: Path, *, filtered: bool, limit: int | None
) -> None:
    console = Console(highlight=False)
    if not sessions:
        if filtered:
            console.print(_("No sessions match."), markup=False)
        else:
            message = _("No sessions logged yet: each one is saved from its first second in {path}")
            console.print(message.format(path=path), markup=False, soft_wrap=True)
        return
    table = Table(show_edge=False, header_style="bold")
    for header, wraps in zip(headers(), WRAPS, strict=True):
        table.add_column(header, no_wrap=not wraps)
    for session in sessions:
        table.add_row(*cells(session))
    console.print(table)
    if limit is not None and len(sessions) == limit:
        console.print(
            ngettext(
                "The newest {n} session is shown: --limit N shows more, --limit 0 all.",
                "The newest {n} are shown: --limit N shows more, --limit 0 all.",
                limit,
            ).format(n=limit),
            style="dim",
            markup=False,
            soft_wrap=True,
        )
