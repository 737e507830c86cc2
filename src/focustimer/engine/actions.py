"""The session's actions by name, as keys and a linked partner's screen give them (pure).

One table for every source of actions: the app's keys go through it, and so do actions that
come over a link, made on the partner's screen at a moment (engine time) just past.
"""

from __future__ import annotations

from fractions import Fraction

from .machine import Engine, EngineError

START, PAUSE, RESUME, NEXT, END, FIRST = "start", "pause", "resume", "next", "end", "first"
ACTIONS = (START, PAUSE, RESUME, NEXT, END, FIRST)


def apply(engine: Engine, name: str, at: int | Fraction | None = None, boss: str = "") -> None:
    """Do action ``name`` on ``engine`` at ``at`` (None: now); ``boss`` for FIRST.

    EngineError if it makes no sense in the engine's state (pausing what is paused).
    """
    if name == START:
        engine.start(at)
    elif name == PAUSE:
        engine.pause(at)
    elif name == RESUME:
        engine.resume(at=at)
    elif name == NEXT:
        engine.advance(at)
    elif name == END:
        engine.end_turn_early(at)
    elif name == FIRST:
        if boss not in engine.plan.names:
            raise EngineError(f"{boss!r} is not among the names")
        engine.set_first(boss)
    else:
        raise EngineError(f"no such action: {name!r}")
