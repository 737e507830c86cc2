"""Where the engine gets the time: a small protocol, the system clock and a fake for tests.

Three readings, all in integer nanoseconds:

- ``monotonic_ns``: never jumps; turns are measured with it alone. On Linux and macOS it
  stands still while the computer sleeps.
- ``wall_ns``: the calendar time (UTC since the epoch), for the log and for ``--at``. NTP may
  step it; turn lengths never depend on it.
- ``boot_ns``: runs on while the computer sleeps: Linux's CLOCK_BOOTTIME, macOS's
  CLOCK_MONOTONIC (there, unlike ``time.monotonic``, it counts sleep). The engine compares it
  with ``monotonic_ns`` to notice that the computer slept. Elsewhere (Windows, whose monotonic
  clock itself counts sleep) it is the monotonic clock: no sleep is ever noticed, rather than
  mistaking a step of the wall clock for sleep.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol

NS = 1_000_000_000


class Clock(Protocol):
    def monotonic_ns(self) -> int: ...

    def wall_ns(self) -> int: ...

    def boot_ns(self) -> int: ...


def sleep_counting_clock(platform: str = sys.platform) -> int | None:
    """The clock id that runs on while the computer sleeps, if this platform has one."""
    name = {"darwin": "CLOCK_MONOTONIC"}.get(platform, "CLOCK_BOOTTIME")
    clock_id: int | None = getattr(time, name, None)
    if clock_id is None or (platform != "darwin" and not platform.startswith("linux")):
        return None
    try:
        time.clock_gettime_ns(clock_id)
    except OSError:  # pragma: no cover - a kernel without it
        return None
    return clock_id


class SystemClock:
    """The real clock."""

    def __init__(self) -> None:
        self._boottime = sleep_counting_clock()

    def monotonic_ns(self) -> int:
        return time.monotonic_ns()

    def wall_ns(self) -> int:
        return time.time_ns()

    def boot_ns(self) -> int:
        if self._boottime is None:
            return time.monotonic_ns()
        return time.clock_gettime_ns(self._boottime)


class FakeClock:
    """A clock that moves only when told to: tests drive time, they do not sleep."""

    def __init__(self, wall_s: float = 1_795_000_000.0) -> None:
        self._mono = 1_000 * NS
        self._wall = round(wall_s * NS)
        self._boot = 500 * NS

    def monotonic_ns(self) -> int:
        return self._mono

    def wall_ns(self) -> int:
        return self._wall

    def boot_ns(self) -> int:
        return self._boot

    def advance(self, seconds: float) -> None:
        """Time passes normally."""
        self.advance_ns(round(seconds * NS))

    def advance_ns(self, ns: int) -> None:
        if ns < 0:
            raise ValueError("time does not run backwards")
        self._mono += ns
        self._wall += ns
        self._boot += ns

    def sleep(self, seconds: float) -> None:
        """The computer is suspended: the monotonic clock stands still, the others run."""
        ns = round(seconds * NS)
        self._wall += ns
        self._boot += ns

    def jump_wall(self, seconds: float) -> None:
        """The wall clock is stepped (NTP, a user setting the time), nothing else moves."""
        self._wall += round(seconds * NS)
