"""Where a session that was cut off had got to: what the engine needs to take it up (pure).

The log saves each turn's time at every heartbeat; after a kill, a power cut or a quit by
mistake, it fills in a ``Progress`` and the engine goes on from there (``Engine.continue_from``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .turns import PauseRecord


@dataclass(frozen=True)
class TurnProgress:
    """One turn as far as it went."""

    used_ns: Fraction | int = 0  # boss time within the turn, up to its chime
    overrun_ns: Fraction | int = 0  # after the chime, until the next boss started
    extension_ns: Fraction | int = 0  # evened out: added to the share
    early: bool = False  # the boss ended it before its time
    warned: bool = False  # the soft cue was given
    started_wall: int | None = None
    ended_wall: int | None = None


@dataclass(frozen=True)
class Progress:
    """A session cut off in turn ``current`` (0-based), at ``cut_off_wall``.

    ``turns`` has one entry per partner, in speaking order; those after ``current`` have not
    started. ``after_chime``: cut off between the current turn's chime and the next boss's
    start, so the next turn is what goes on. ``pauses`` are the session's pauses so far; only
    their turn, reason, wall-clock times and lengths matter.
    """

    current: int
    turns: tuple[TurnProgress, ...]
    cut_off_wall: int  # the last moment the session is known to have run (its last heartbeat)
    after_chime: bool = False
    pauses: tuple[PauseRecord, ...] = ()

    def check(self, shares_ns: tuple[Fraction, ...]) -> None:
        """ValueError when this cannot continue a plan with these shares, one per partner."""
        if len(self.turns) != len(shares_ns):
            raise ValueError("one turn's progress per partner")
        if not 0 <= self.current < len(self.turns):
            raise ValueError("the current turn is not in the session")
        if any(t.used_ns or t.overrun_ns for t in self.turns[self.current + 1 :]):
            raise ValueError("a turn after the current one has begun")
        if self.after_chime and self.current == len(self.turns) - 1:
            raise ValueError("the last chime ended the session: nothing to continue")
        for turn, share in zip(self.turns, shares_ns, strict=True):
            if turn.used_ns < 0 or turn.overrun_ns < 0 or turn.extension_ns < 0:
                raise ValueError("times cannot be negative")
            if turn.used_ns > share + turn.extension_ns:
                raise ValueError("a turn cannot have run past its planned length")
        current = self.turns[self.current]
        planned = shares_ns[self.current] + Fraction(current.extension_ns)
        if not self.after_chime and current.used_ns >= planned:
            raise ValueError("the current turn is over: continue after its chime")
