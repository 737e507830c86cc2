"""Logged sessions for scripts: the JSON objects and CSV rows of ``focustimer log`` (pure).

The JSON schema is documented in the README; change both together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..engine.clock import NS
from ..log.records import SessionRecord, local_time
from ..visible import visible

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet reads it, harmless: text that could start a formula gets a
    leading ', and control characters are written as escapes (they could drive a terminal)."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return visible(value)


CSV_COLUMNS = (
    "session_id",
    "started_at",
    "ended_at",
    "status",
    "planned_seconds",
    "paused_seconds",
    "evened_out_seconds",
    "note",
    "order",
    "name",
    "turn_planned_seconds",
    "actual_seconds",
    "overrun_seconds",
    "turn_started_at",
    "turn_ended_at",
)


def seconds(ns: int) -> float:
    """Seconds, to the millisecond."""
    return round(ns / NS, 3)


def iso(wall_ns: int | None, utc_offset_s: int) -> str | None:
    """ISO 8601 with the offset from UTC the session was held in: 2026-11-19T19:30:00+01:00."""
    if wall_ns is None:
        return None
    return local_time(wall_ns, utc_offset_s).isoformat(timespec="seconds")


def session_json(record: SessionRecord) -> dict[str, Any]:
    offset = record.utc_offset_s
    return {
        "id": record.id,
        "started_at": iso(record.started_ns, offset),
        "ended_at": iso(record.ended_ns, offset),
        "status": record.status.value,
        "planned_seconds": seconds(record.planned_ns),
        "paused_seconds": seconds(record.paused_ns),
        "pauses": [
            {
                "start": iso(p.start_ns, offset),
                "end": iso(p.end_ns, offset),
                "turn": p.turn,
                "reason": p.reason,
            }
            for p in record.pauses
        ],
        "evened_out_seconds": seconds(record.evened_out_ns),
        "note": record.note,
        "linked": record.linked,
        "turns": [
            {
                "name": t.name,
                "order": t.order,
                "planned_seconds": seconds(t.planned_ns),
                "actual_seconds": seconds(t.actual_ns),
                "overrun_seconds": seconds(t.overrun_ns),
                "started_at": iso(t.started_ns, offset),
                "ended_at": iso(t.ended_ns, offset),
            }
            for t in sorted(record.turns, key=lambda t: t.order)
        ],
    }


def csv_rows(record: SessionRecord) -> Iterator[tuple[object, ...]]:
    """One row per partner, in speaking order, the session's columns repeated on each.

    Text cells are made harmless with ``csv_cell``; JSON (``session_json``) stays exact.
    """
    data = session_json(record)
    session = (
        data["id"],
        data["started_at"],
        data["ended_at"],
        data["status"],
        data["planned_seconds"],
        data["paused_seconds"],
        data["evened_out_seconds"],
        data["note"],
    )
    for turn in data["turns"]:
        yield tuple(
            map(
                csv_cell,
                (
                    *session,
                    turn["order"],
                    turn["name"],
                    turn["planned_seconds"],
                    turn["actual_seconds"],
                    turn["overrun_seconds"],
                    turn["started_at"],
                    turn["ended_at"],
                ),
            )
        )
