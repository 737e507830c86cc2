"""Turn the engine's events into the log's record of a session, event by event (pure).

The recorder feeds every event to a ``RecordBuilder`` and saves what it returns; between events,
``live`` adds the time passed in the current turn, for the heartbeat: the engine's latest
``Timing`` says how the times run on, the clock's reading says how far they have run.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import Enum
from fractions import Fraction

from ..engine.clock import NS
from ..engine.events import (
    Event,
    OverrunEnded,
    Paused,
    Resumed,
    SessionAborted,
    SessionContinued,
    SessionFinished,
    SessionStarted,
    State,
    Timing,
    TurnEnded,
    TurnEndReason,
    TurnStarted,
)
from ..engine.turns import SessionStatus, Summary
from .records import PauseSpan, SessionRecord, TurnRecord


def local_offset_s(wall_ns: int) -> int:
    """The local time zone's offset from UTC at that moment, daylight saving included."""
    return time.localtime(wall_ns // NS).tm_gmtoff


def _ns(value: int | Fraction) -> int:
    return round(value)


class RecordBuilder:
    """The record of one session, as far as its events have told."""

    def __init__(
        self,
        offset: Callable[[int], int] = local_offset_s,
        continuing: SessionRecord | None = None,
        linked: str | None = None,
    ) -> None:
        self._offset = offset
        self._linked = linked  # the partner of a linked session
        self._closed_pauses_ns = 0  # a heartbeat's paused_ns includes the open pause: not this
        self._continuing = continuing  # the log's record of a session cut off, to go on with
        self._timing: Timing | None = None  # how the times run on since the last event
        self.record: SessionRecord | None = None

    def apply(self, event: Event) -> SessionRecord | None:
        """The record after ``event``: what to save; None until a session has started, and
        for a ``Timing``, which changes nothing in the record (``live`` goes by it)."""
        record = self.record
        if isinstance(event, Timing):
            self._timing = event
            return None
        if isinstance(event, SessionStarted):
            share = _ns(Fraction(event.total_ns, len(event.names)))
            turns = tuple(TurnRecord(name, i + 1, share) for i, name in enumerate(event.names))
            self._closed_pauses_ns = 0
            record = SessionRecord(
                event.wall_ns,
                self._offset(event.wall_ns),
                event.total_ns,
                turns,
                linked=self._linked,
            )
        elif isinstance(event, SessionContinued) and self._continuing is not None:
            # The same session, taken up: its row, turns and pauses go on from where they were.
            record = replace(self._continuing, status=SessionStatus.RUNNING, ended_ns=None)
            # A pause left open by the cut-off ends there; the gap is a pause of its own.
            pauses = tuple(
                replace(p, end_ns=max(p.start_ns, self._continuing.ended_ns or p.start_ns))
                if p.end_ns is None
                else p
                for p in record.pauses
            )
            lengths = [p.end_ns - p.start_ns for p in pauses if p.end_ns is not None]
            self._closed_pauses_ns = sum(lengths)
            record = replace(record, pauses=pauses, paused_ns=self._closed_pauses_ns)
        elif record is None:
            return None
        elif isinstance(event, TurnStarted):
            turn = replace(
                record.turns[event.turn], planned_ns=_ns(event.planned_ns), started_ns=event.wall_ns
            )
            record = _with_turn(record, event.turn, turn)
            record = replace(record, evened_out_ns=record.evened_out_ns + _ns(event.extension_ns))
        elif isinstance(event, Paused):
            pause = PauseSpan(event.turn + 1, event.reason.value, event.wall_ns)
            record = replace(record, pauses=(*record.pauses, pause))
        elif isinstance(event, Resumed) and record.pauses:
            closed = replace(record.pauses[-1], end_ns=event.wall_ns)
            self._closed_pauses_ns += _ns(event.paused_ns)
            record = replace(
                record, pauses=(*record.pauses[:-1], closed), paused_ns=self._closed_pauses_ns
            )
        elif isinstance(event, TurnEnded):
            turn = replace(
                record.turns[event.turn], actual_ns=_ns(event.used_ns), ended_ns=event.wall_ns
            )
            record = _with_turn(record, event.turn, turn)
        elif isinstance(event, OverrunEnded):
            record = _with_turn(
                record, event.turn, _overrun(record.turns[event.turn], _ns(event.overrun_ns))
            )
            record = _with_turn(
                record, event.turn, replace(record.turns[event.turn], ended_ns=event.wall_ns)
            )
        elif isinstance(event, (SessionFinished, SessionAborted)):
            record = _from_summary(record, event.summary, event.wall_ns)
        self.record = record
        return record

    def live(self, now_ns: int) -> SessionRecord | None:
        """The record with the current turn's time so far, at ``now_ns`` on the engine's
        monotonic clock; None when no session is running."""
        record, timing = self.record, self._timing
        if record is None or record.status is not SessionStatus.RUNNING or timing is None:
            return None
        phase = timing.phase
        turn = record.turns[timing.turn]
        if phase is State.RUNNING:
            turn = replace(turn, actual_ns=_ns(timing.used_at(now_ns)))  # here, not before
        elif phase is State.TURN_OVER:
            turn = _overrun(turn, _ns(timing.overrun_at(now_ns)))
        else:
            return None
        # Kept, so that the events that follow build on it: a pause must not take back the
        # time a heartbeat has already saved.
        paused = _ns(timing.all_pauses_at(now_ns))
        self.record = replace(_with_turn(record, timing.turn, turn), paused_ns=paused)
        return self.record


def _with_turn(record: SessionRecord, index: int, turn: TurnRecord) -> SessionRecord:
    turns = list(record.turns)
    turns[index] = turn
    return replace(record, turns=tuple(turns))


def _overrun(turn: TurnRecord, overrun_ns: int) -> TurnRecord:
    """The turn with its boss's time after the chime so far (or in all)."""
    used = turn.actual_ns - turn.overrun_ns
    return replace(turn, actual_ns=used + overrun_ns, overrun_ns=overrun_ns)


def _from_summary(record: SessionRecord, summary: Summary, at: int) -> SessionRecord:
    """The engine's own summary is the final word on a session that has ended."""
    turns = tuple(
        TurnRecord(
            t.name,
            t.order,
            _ns(t.planned_ns),
            _ns(t.actual_ns),
            _ns(t.overrun_ns),
            t.started_wall,
            t.ended_wall,
        )
        for t in summary.turns
    )
    pauses = tuple(
        PauseSpan(p.turn + 1, p.reason.value, p.start_wall, p.end_wall) for p in summary.pauses
    )
    return replace(
        record,
        turns=turns,
        pauses=pauses,
        status=summary.status,
        ended_ns=at,
        paused_ns=_ns(summary.paused_ns),
        evened_out_ns=_ns(summary.evened_out_ns),
    )


def _plain(value: object) -> object:
    if isinstance(value, Fraction):
        return round(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def event_row(event: Event) -> tuple[str, int, str]:
    """An event as the log keeps it: its kind, its wall-clock time and its fields as JSON.

    Fractions of a nanosecond are rounded; the summary is left out: the session row has it.
    """
    fields = dict(_logged_fields(event))
    return type(event).__name__, event.wall_ns, json.dumps(fields, ensure_ascii=False)


def _logged_fields(event: Event) -> Iterator[tuple[str, object]]:
    for field in dataclasses.fields(event):
        name, value = field.name, getattr(event, field.name)
        if name in ("wall_ns", "summary"):
            continue
        if isinstance(event, TurnEnded) and name == "reason":
            # The log has always kept whether the boss ended the turn: its rows stay as they were.
            name, value = "early", value is TurnEndReason.EARLY
        yield name, _plain(value)
