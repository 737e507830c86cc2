"""FOCUSTIMER_TRACE=FILE: every engine event, with the moment it was planned for and handled.

For measuring, not for users: the benchmarks read it to see how close to its exact deadline
each turn end was handled. One JSON object a line, appended and flushed as each event happens.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import IO

from .engine.events import Event


class Trace:
    def __init__(self, file: IO[str]) -> None:
        self._file = file

    def __call__(self, event: Event) -> None:
        handled = time.monotonic_ns()
        record = {
            "event": type(event).__name__,
            "planned_ns": int(event.at),
            "handled_ns": handled,
            "wall_ns": event.wall_ns,
        }
        self._file.write(json.dumps(record) + "\n")
        self._file.flush()


def from_environment() -> Callable[[Event], None] | None:
    path = os.environ.get("FOCUSTIMER_TRACE")
    if not path:
        return None
    try:
        file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole session
    except OSError:
        return None  # a measuring aid must never stop the timer
    return Trace(file)
