"""How a logged session reads in a table, the same in ``focustimer log`` and on the log screen.

Cells are rich ``Text``: names and notes are shown literally, never read as markup.
"""

from __future__ import annotations

from rich.text import Text

from ..engine.turns import SessionStatus
from ..i18n import _
from ..log.records import SessionRecord, local_time
from ..text import MS, fill, literal, needs_hours, time_exact, time_spent, times_spent


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


def status_label(status: SessionStatus) -> str:
    labels = {
        SessionStatus.RUNNING: _("running"),
        SessionStatus.FINISHED: _("finished"),
        SessionStatus.ABORTED: _("aborted"),
        SessionStatus.INTERRUPTED: _("interrupted"),
        SessionStatus.UNSAVED: _("saved up to the end time (disk full)"),
    }
    return labels.get(status, status.value)  # a word this version does not know: as written


def _hours(record: SessionRecord) -> bool:
    return needs_hours(record.planned_ns, *(turn.actual_ns for turn in record.turns))


def partners(record: SessionRecord, name_limit: int = 20) -> Text:
    """Each partner in speaking order with their actual time: "Ann 30:00, Bob 30:00"."""
    shown = times_spent([turn.actual_ns for turn in record.turns], hours=_hours(record))
    return Text(", ").join(
        fill(_("{name} {time}"), name=literal(turn.name, name_limit), time=time)
        for turn, time in zip(record.turns, shown, strict=True)
    )


def cells(record: SessionRecord) -> tuple[Text, ...]:
    """One row of the log table, in the order of ``headers()``."""
    status = Text(status_label(record.status))
    if record.status in (SessionStatus.ABORTED, SessionStatus.INTERRUPTED, SessionStatus.UNSAVED):
        status.stylize("yellow")
    hours = _hours(record)
    paused = time_spent(record.paused_ns, hours=hours) if record.paused_ns >= MS else ""
    return (
        Text(when(record)),
        Text(time_exact(record.planned_ns, hours=hours), justify="right"),
        partners(record),
        Text(paused, justify="right"),
        status,
        literal(record.note or "", 60),
    )


def detail(record: SessionRecord) -> Text:
    """One session in full, for under the table: who had how long, pauses, the whole note."""
    parts = [
        Text(when(record)),
        partners(record, name_limit=40),
        Text(status_label(record.status)),
    ]
    hours = _hours(record)
    if record.paused_ns >= MS:
        parts.append(fill(_("paused {time}"), time=time_spent(record.paused_ns, hours=hours)))
    if record.evened_out_ns >= MS:
        evened = time_spent(record.evened_out_ns, hours=hours)
        parts.append(fill(_("{time} evened out"), time=evened))
    text = Text(" · ").join(parts)
    if record.note:
        text.append("\n")
        text.append_text(literal(record.note, 200, style="italic"))
    return text
