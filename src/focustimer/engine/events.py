"""What the engine says happened: the one stream the screen, the chime and the log consume.

Every event carries the engine time it happened at (``at``: monotonic nanoseconds, exact,
possibly a fraction) and the matching wall-clock time (``wall_ns``) for the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .turns import Summary

Instant = int | Fraction


class PauseReason(str, Enum):
    USER = "user"
    SLEEP = "sleep"
    CUT_OFF = "cut_off"  # the session was cut off (killed, power cut) and taken up again later


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
    early: bool
    is_last: bool


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
)
