"""What the engine says happened: the one stream the screen, the chime and the log consume.

Every event carries the engine time it happened at (``at``: monotonic nanoseconds, exact,
possibly a fraction) and the matching wall-clock time (``wall_ns``) for the log. After each
action that changed anything, a ``Timing`` says how the session's times run on from there:
what reacts to time (the chime, the log's heartbeat) needs no more than the events and a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .turns import Summary

Instant = int | Fraction


class State(str, Enum):
    """What the session is doing."""

    READY = "ready"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    PAUSED = "paused"
    TURN_OVER = "turn_over"
    FINISHED = "finished"
    ABORTED = "aborted"


class PauseReason(str, Enum):
    USER = "user"
    SLEEP = "sleep"
    CUT_OFF = "cut_off"  # the session was cut off (killed, power cut) and taken up again later


class TurnEndReason(str, Enum):
    """Why a turn ended: only a turn whose time ran out ends with the chime."""

    DEADLINE = "deadline"  # its time ran out
    EARLY = "early"  # its boss ended it before time
    STOPPED = "stopped"  # the session was quit mid-turn


@dataclass(frozen=True)
class SessionStarted:
    at: Instant
    wall_ns: int
    total_ns: int
    names: tuple[str, ...]
    auto: bool
    even_out: bool
    joined_ns: int = 0  # this machine joined the schedule this late; ``at`` is the true start


@dataclass(frozen=True)
class SessionContinued:
    """A session that was cut off goes on (``Engine.continue_from``), in turn ``turn``."""

    at: Instant
    wall_ns: int
    total_ns: int
    names: tuple[str, ...]
    auto: bool
    even_out: bool
    turn: int
    gap_ns: int  # from the cut-off to now: logged as a pause


@dataclass(frozen=True)
class TurnStarted:
    at: Instant
    wall_ns: int
    turn: int
    boss: str
    planned_ns: Fraction
    extension_ns: Fraction


@dataclass(frozen=True)
class Paused:
    at: Instant
    wall_ns: int
    turn: int
    reason: PauseReason
    sleep_ns: int = 0


@dataclass(frozen=True)
class Resumed:
    at: Instant
    wall_ns: int
    turn: int
    paused_ns: Instant
    sleep_counted_ns: int = 0


@dataclass(frozen=True)
class WarningCue:
    at: Instant
    wall_ns: int
    turn: int
    boss: str
    remaining_ns: Fraction


@dataclass(frozen=True)
class TurnEnded:
    at: Instant
    wall_ns: int
    turn: int
    boss: str
    used_ns: Fraction
    reason: TurnEndReason
    is_last: bool

    @property
    def early(self) -> bool:
        """The boss ended it before time."""
        return self.reason is TurnEndReason.EARLY


@dataclass(frozen=True)
class OverrunEnded:
    at: Instant
    wall_ns: int
    turn: int
    boss: str
    overrun_ns: Instant


@dataclass(frozen=True)
class SessionFinished:
    at: Instant
    wall_ns: int
    summary: Summary


@dataclass(frozen=True)
class SessionAborted:
    at: Instant
    wall_ns: int
    summary: Summary


@dataclass(frozen=True)
class Timing:
    """How the session's times run on after an action, until the next ``Timing``.

    Said after every action (and tick) that changed anything, after that action's other
    events, as of ``at``. The times below are exact at ``clock_ns``; from there only the one
    the state lets run grows with the clock: the turn while running (up to its end), the
    overrun while the turn is over, the pauses while paused. ``..._at(now_ns)`` reads them
    at a later reading of the monotonic clock. ``cue_due`` and ``end_due`` are readings of
    that clock too: when the soft cue and the turn's end fall due unless someone acts.
    """

    at: Instant
    wall_ns: int
    clock_ns: int  # the monotonic clock's reading at ``at`` (engine time may count sleep)
    state: State
    paused_from: State | None  # while paused: what the pause interrupted
    turn: int  # the current (or last) turn, 0-based
    is_last: bool
    used_ns: Fraction  # the boss's time in this turn so far, on this machine, to its chime
    overrun_ns: Instant  # the boss's time after the chime so far
    all_pauses_ns: Instant  # all pauses so far, the current one included
    cue_due: Fraction | None = None  # while running, if the soft cue is still to come
    end_due: Fraction | None = None  # while running: the turn's end

    @property
    def phase(self) -> State:
        """What the session is doing, a pause set aside: running, turn over..."""
        if self.state is State.PAUSED and self.paused_from is not None:
            return self.paused_from
        return self.state

    def used_at(self, now_ns: int) -> Fraction:
        if self.state is not State.RUNNING or self.end_due is None:
            return self.used_ns
        until = now_ns if now_ns < self.end_due else self.end_due  # its time runs out there
        return self.used_ns + until - self.clock_ns

    def overrun_at(self, now_ns: int) -> Instant:
        if self.state is not State.TURN_OVER:
            return self.overrun_ns
        return self.overrun_ns + now_ns - self.clock_ns

    def all_pauses_at(self, now_ns: int) -> Instant:
        if self.state is not State.PAUSED:
            return self.all_pauses_ns
        return self.all_pauses_ns + now_ns - self.clock_ns


Event = (
    SessionStarted
    | SessionContinued
    | TurnStarted
    | Paused
    | Resumed
    | WarningCue
    | TurnEnded
    | OverrunEnded
    | SessionFinished
    | SessionAborted
    | Timing
)
