"""How a logged session reads in a table, the same in ``focustimer log`` and on the log screen.

Cells are rich ``Text``: names and notes are shown literally, never read as markup.
"""

from __future__ import annotations

from rich.text import Text

from .clock import NS
from .duration import format_elapsed, format_rounded
from .i18n import _
from .log.records import SessionRecord, local_time
from .visible import visible


def headers() -> tuple[str, ...]:
    return (_("When"), _("Total"), _("Partners"), _("Paused"), _("Status"), _("Note"))


WRAPS = (False, False, True, False, False, True)  # per column of ``headers()``: only free text


def weekday_names() -> tuple[str, ...]:
    """Monday first, like ``datetime.weekday()``."""
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


def when(record: SessionRecord) -> str:
    start = local_time(record.started_ns, record.utc_offset_s)
    day = weekday_names()[start.weekday()]
    # The date's order is the language's: 2026-11-22 in English tables, 22-11-2026 in Dutch.
    return _("{weekday} {date:%Y-%m-%d %H:%M}").format(weekday=day, date=start)


def status_label(status: str) -> str:
    labels = {
        "running": _("running"),
        "finished": _("finished"),
        "aborted": _("aborted"),
        "interrupted": _("interrupted"),
        "unsaved": _("saved up to the end time (disk full)"),
    }
    return labels.get(status, status)


def partners(record: SessionRecord, name_limit: int = 20) -> Text:
    """Each partner in speaking order with their actual time: "Ann 30:00, Bob 30:00"."""
    text = Text()
    for i, turn in enumerate(record.turns):
        if i:
            text.append(", ")
        text.append(visible(turn.name, name_limit))
        text.append(f" {format_rounded(turn.actual_ns)}")
    return text


def cells(record: SessionRecord) -> tuple[Text, ...]:
    """One row of the log table, in the order of ``headers()``."""
    status = Text(status_label(record.status))
    if record.status in ("aborted", "interrupted", "unsaved"):
        status.stylize("yellow")
    return (
        Text(when(record)),
        Text(format_rounded(record.planned_ns), justify="right"),
        partners(record),
        Text(format_elapsed(record.paused_ns) if record.paused_ns >= NS else "", justify="right"),
        status,
        Text(visible(record.note or "", 60)),
    )


def detail(record: SessionRecord) -> Text:
    """One session in full, for under the table: who had how long, pauses, the whole note."""
    parts = [
        Text(when(record)),
        partners(record, name_limit=40),
        Text(status_label(record.status)),
    ]
    if record.paused_ns >= NS:
        parts.append(Text(_("paused {time}").format(time=format_elapsed(record.paused_ns))))
    if record.evened_out_ns >= NS:
        evened = _("{time} evened out").format(time=format_elapsed(record.evened_out_ns))
        parts.append(Text(evened))
    text = Text(" · ").join(parts)
    if record.note:
        text.append("\n")
        text.append(visible(record.note, 200), style="italic")
    return text
