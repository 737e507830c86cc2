"""What the session log holds: a session with its turns and pauses, as written and read (pure).

Times are integer nanoseconds: instants on the wall clock (UTC since the epoch), lengths
measured by the engine's monotonic clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from ..engine.clock import NS
from ..engine.turns import SessionStatus


def local_time(wall_ns: int, utc_offset_s: int) -> datetime:
    """A wall-clock instant in the UTC offset the session was held in, to the second."""
    return datetime.fromtimestamp(wall_ns // NS, _zone(utc_offset_s))


@lru_cache(maxsize=64)
def _zone(utc_offset_s: int) -> timezone:
    return timezone(timedelta(seconds=utc_offset_s))  # a handful of offsets, many sessions


@dataclass(frozen=True)
class TurnRecord:
    """A turn as the log keeps it (the engine's exact measure is ``engine.turns.TurnResult``)."""

    name: str
    order: int  # 1-based speaking order
    planned_ns: int
    actual_ns: int = 0  # boss time so far, overrun included
    overrun_ns: int = 0
    started_ns: int | None = None
    ended_ns: int | None = None


@dataclass(frozen=True)
class PauseSpan:
    """A pause as the log keeps it: wall-clock times (the engine's is ``PauseRecord``)."""

    turn: int  # 1-based, like TurnRecord.order
    reason: str
    start_ns: int
    end_ns: int | None = None  # None while the pause lasts


@dataclass(frozen=True)
class SessionRecord:
    started_ns: int
    utc_offset_s: int  # the partners' local offset from UTC when it started
    planned_ns: int  # the agreed total
    turns: tuple[TurnRecord, ...]
    status: SessionStatus = SessionStatus.RUNNING
    ended_ns: int | None = None
    paused_ns: int = 0
    evened_out_ns: int = 0
    pauses: tuple[PauseSpan, ...] = ()
    note: str | None = None
    id: int | None = None  # given by the store
    linked: str | None = None  # a linked session: the partner's name, as the host typed it

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(turn.name for turn in self.turns)

    @property
    def actual_ns(self) -> int:
        """All the boss time of the session: what the partners actually shared."""
        return sum(turn.actual_ns for turn in self.turns)


@dataclass(frozen=True)
class PartnerTotals:
    """One partner over all the sessions logged."""

    name: str
    sessions: int
    boss_ns: int  # attention received
    listening_ns: int  # attention given: the others' boss time in the same sessions


PartnershipRow = tuple[tuple[str, ...], int, int]  # names, sessions, all their boss time
