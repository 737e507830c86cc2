"""The session's actions by name, as keys and a linked partner's screen give them (pure).

One table for every source of actions: the app's keys go through it, and so do actions that
come over a link, made on the partner's screen at a moment (engine time) just past.
"""

from __future__ import annotations

from fractions import Fraction

from .events import Event
from .machine import Engine, EngineError

START, PAUSE, RESUME, NEXT, END, FIRST = "start", "pause", "resume", "next", "end", "first"
ACTIONS = (START, PAUSE, RESUME, NEXT, END, FIRST)


def apply(
    engine: Engine, name: str, at: int | Fraction | None = None, boss: str = ""
) -> list[Event]:
    """Do action ``name`` on ``engine`` at ``at`` (None: now); ``boss`` for FIRST.

    EngineError if it makes no sense in the engine's state (pausing what is paused).
    """
    if name == START:
        return engine.start(at)
    if name == PAUSE:
        return engine.pause(at)
    if name == RESUME:
        return engine.resume(at=at)
    if name == NEXT:
        return engine.advance(at)
    if name == END:
        return engine.end_turn_early(at)
    if name == FIRST:
        if boss not in engine.plan.names:
            raise EngineError(f"{boss!r} is not among the names")
        engine.set_first(boss)
        return []
    raise EngineError(f"no such action: {name!r}")
