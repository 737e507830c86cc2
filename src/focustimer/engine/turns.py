"""The record of each turn and pause, and the session's summary with its fairness verdict (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from .events import Instant, PauseReason

EQUAL_WITHIN_NS = 1_000_000  # turns are equal to the millisecond


class SessionStatus(str, Enum):
    """Where a session stands: the engine's summary says the first three, the log the rest.

    The values are the log's own words, stored as they are (a ``str`` enum: SQLite, JSON and
    CSV get the word itself).
    """

    RUNNING = "running"
    FINISHED = "finished"  # the last chime came
    ABORTED = "aborted"  # quit before it
    INTERRUPTED = "interrupted"  # the log's reading: its process died, times as of its heartbeat
    UNSAVED = "unsaved"  # the log's reading: the disk was full, times saved up to its end

    def __str__(self) -> str:
        return str(self.value)  # the word on every Python (3.11 changed what str() gives)

    @classmethod
    def _missing_(cls, value: object) -> SessionStatus | None:
        """A word this version does not know (from a newer focustimer, or a log edited by
        hand): kept as it was written, and shown so."""
        if not isinstance(value, str):
            return None
        unknown = str.__new__(cls, value)
        unknown._name_ = value
        unknown._value_ = value
        return unknown


@dataclass
class Turn:
    """One partner's turn as it happens; the engine alone changes it."""

    index: int
    boss: str
    share_ns: Fraction
    extension_ns: Fraction = Fraction(0)
    started_at: Instant | None = None
    started_wall: int | None = None
    paused_ns: Instant = 0
    ended_at: Instant | None = None
    ended_wall: int | None = None
    used_ns: Fraction = Fraction(0)
    early: bool = False
    overrun_ns: Instant = 0
    closed_wall: int | None = None
    warned: bool = False
    # A partner who joins a scheduled session late: the part of this turn that had passed,
    # on the other partners' machines, before this one joined. Nobody's time here.
    missed_ns: Fraction = Fraction(0)
    # A session taken up after it was cut off: the boss time of this turn before the cut-off.
    # It counts (it is in used_ns once the turn ends); the deadline is that much nearer.
    earlier_ns: Fraction = Fraction(0)

    @property
    def planned_ns(self) -> Fraction:
        return self.share_ns + self.extension_ns

    @property
    def actual_ns(self) -> Fraction:
        """All the time this partner was boss here: their turn plus any overrun after the chime."""
        return self.used_ns + self.overrun_ns

    @property
    def whole_ns(self) -> Fraction:
        """The boss's time with the part before this machine joined: what fairness compares."""
        return self.actual_ns + self.missed_ns

    def result(self) -> TurnResult:
        return TurnResult(
            name=self.boss,
            order=self.index + 1,
            planned_ns=self.planned_ns,
            extension_ns=self.extension_ns,
            used_ns=self.used_ns,
            overrun_ns=Fraction(self.overrun_ns),
            early=self.early,
            started_wall=self.started_wall,
            ended_wall=self.closed_wall or self.ended_wall,
            missed_ns=self.missed_ns,
        )


@dataclass(frozen=True)
class TurnResult:
    """One partner's turn as the engine measured it, exactly: what fairness is judged on.

    Not the log's ``TurnRecord``: that one holds what the log can keep and read back
    (integer nanoseconds, no ``early`` or ``missed_ns`` columns); this one holds exact
    fractions and what only this run knows, for the verdict and the finished screen.
    """

    name: str
    order: int
    planned_ns: Fraction
    extension_ns: Fraction
    used_ns: Fraction
    overrun_ns: Fraction
    early: bool
    started_wall: int | None
    ended_wall: int | None
    missed_ns: Fraction = Fraction(0)  # before this machine joined (see Turn)

    @property
    def actual_ns(self) -> Fraction:
        return self.used_ns + self.overrun_ns

    @property
    def whole_ns(self) -> Fraction:
        return self.actual_ns + self.missed_ns


@dataclass(frozen=True)
class PauseRecord:
    """A pause on the engine's clock (``..._at``: engine time), with its wall-clock times.

    Not the log's ``PauseSpan``: a pause's length is measured by the monotonic clock, which
    a stepped wall clock cannot change; the log keeps only the wall-clock times, and a
    monotonic instant means nothing to the next process that reads it.
    """

    turn: int  # 0-based
    reason: PauseReason
    start_at: Instant
    start_wall: int
    end_at: Instant | None = None
    end_wall: int | None = None

    @property
    def length_ns(self) -> Instant:
        return 0 if self.end_at is None else self.end_at - self.start_at


@dataclass(frozen=True)
class Summary:
    status: SessionStatus  # running, finished or aborted
    total_ns: int
    turns: tuple[TurnResult, ...]
    pauses: tuple[PauseRecord, ...]
    joined_ns: int = 0  # this machine joined the schedule this late (--at in the past)

    @property
    def paused_ns(self) -> Instant:
        return sum((p.length_ns for p in self.pauses), 0)

    @property
    def evened_out_ns(self) -> Fraction:
        return sum((t.extension_ns for t in self.turns), Fraction(0))

    @property
    def spread_ns(self) -> Fraction:
        # What ran before this machine joined counts as the schedule had it.
        whole = [t.whole_ns for t in self.turns]
        return max(whole) - min(whole)

    @property
    def equal(self) -> bool:
        """Every partner was boss for the same time, to the millisecond."""
        return self.spread_ns < EQUAL_WITHIN_NS
