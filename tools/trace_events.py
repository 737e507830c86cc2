"""Run focustimer with every engine event of its sessions written to FILE, as it happens.

    python tools/trace_events.py FILE [focustimer arguments]

For measuring, not for users, and so not in the package: the benchmarks and the chime test
read it to see how close to its exact deadline each turn end was handled. One JSON object a
line (the event, the moment it was planned for and the moment it was handled, both on the
monotonic clock, and the wall clock), appended and flushed as each event happens. It adds its
listener through the hook the command line offers for this, ``SESSION_LISTENERS``.
"""

from __future__ import annotations

import json
import sys
import time
from typing import IO

from focustimer.cli import launch
from focustimer.cli import main as cli
from focustimer.engine.events import Event


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


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print("usage: python tools/trace_events.py FILE [focustimer arguments]", file=sys.stderr)
        return 2
    with open(argv[0], "a", encoding="utf-8") as file:
        launch.SESSION_LISTENERS.append(Trace(file))
        try:
            return cli.main(argv[1:])
        finally:
            launch.SESSION_LISTENERS.pop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
