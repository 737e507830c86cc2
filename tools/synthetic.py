"""Many made-up sessions in a real log, fast: for tests and benchmarks of a long history.

``python tools/synthetic.py 100000 PATH`` fills the log at PATH (never the user's own by
default: made-up sessions would spoil their stats). A development tool, not in the package:
the tests find it on pytest's ``pythonpath``; benchmarks/log_scale.py puts tools/ on sys.path.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from focustimer.engine.clock import NS
from focustimer.engine.turns import SessionStatus
from focustimer.log import Store, partners_key

PARTNERSHIPS = (
    ("Ann", "Bob"),
    ("Ann", "Cas"),
    ("Dee", "Eli"),
    ("Ann", "Bob", "Cas"),
    ("Fay", "Gus"),
)
TOTALS_MIN = (20, 30, 40, 60, 60, 60, 90)
# Running: its process died, long ago.
STATUSES = (SessionStatus.FINISHED,) * 17 + (SessionStatus.ABORTED,) * 2 + (SessionStatus.RUNNING,)


def add_sessions(store: Store, count: int, *, seed: int = 0, end_ns: int | None = None) -> None:
    """Add ``count`` ended sessions, one every 1 to 4 hours back from ``end_ns`` (default now).

    One transaction and bulk inserts: 100,000 sessions take seconds, not minutes.
    """
    rng = random.Random(seed)
    at = time.time_ns() if end_ns is None else end_ns
    first_id = store.next_session_id()
    sessions, turns = [], []
    for sid in range(first_id, first_id + count):
        at -= rng.randint(3600, 4 * 3600) * NS
        names: tuple[str, ...] = rng.choice(PARTNERSHIPS)
        if rng.random() < 0.5:
            names = names[1:] + names[:1]
        total = rng.choice(TOTALS_MIN) * 60 * NS
        status = rng.choice(STATUSES)
        share = total // len(names)
        cut = rng.randint(1, len(names)) if status is not SessionStatus.FINISHED else len(names)
        clock = at
        for order, name in enumerate(names, 1):
            actual = share if order < cut else (rng.randint(0, share) if order == cut else 0)
            if status is SessionStatus.FINISHED:
                actual = share + rng.randint(0, 30) * NS
            overrun = max(0, actual - share)
            started = clock if actual else None
            clock += actual
            turns.append((sid, order, name, share, actual, overrun, started, started and clock))
        paused = rng.choice((0, 0, 0, 60 * NS, 300 * NS))
        ended, key = clock + paused, partners_key(names)
        sessions.append((sid, at, 3600, ended, status, total, paused, clock - at, key, clock))
    store.add_rows(sessions, turns)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python tools/synthetic.py COUNT PATH/sessions.db", file=sys.stderr)
        return 2
    with Store.open(Path(argv[1])) as store:
        add_sessions(store, int(argv[0]))
        print(f"{store.path}: {store.count()} sessions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
