"""Listening to the engine in tests: what it says happened, in order."""

from __future__ import annotations

from focustimer.engine.events import Event, Timing
from focustimer.engine.machine import Engine


def listen(engine: Engine) -> list[Event]:
    """Every event from now on but the ``Timing`` said after each action (tests of it look at
    it themselves): what happened, as the rules of equal turns describe it."""
    heard: list[Event] = []
    engine.subscribe(lambda event: None if isinstance(event, Timing) else heard.append(event))
    return heard
