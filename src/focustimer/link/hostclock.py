"""The guest's clock: its own monotonic clock moved onto the host's by the measured offset (pure).

A linked session has one time, the host's. The guest's engine reads this clock, so its
deadlines and the moments in its events are the host's, and an action made on either screen
means the same moment on both. The offset is measured over the link and refreshed every
minute; a new estimate never makes the clock run backwards (the engine's times only grow).
The wall clock stays this computer's own: it only dates the log's rows.
"""

from __future__ import annotations

from ..engine.clock import Clock


class HostClock:
    """``base``'s readings minus ``offset_ns`` (the guest's clock minus the host's)."""

    def __init__(self, base: Clock, offset_ns: int = 0) -> None:
        self.base = base
        self.offset_ns = offset_ns
        self._last = base.monotonic_ns() - offset_ns

    def set_offset(self, offset_ns: int) -> None:
        """A new estimate (ClockOffset.offset_ns)."""
        self.offset_ns = offset_ns

    def monotonic_ns(self) -> int:
        # A later estimate a few milliseconds lower would step back: hold still instead.
        self._last = max(self._last, self.base.monotonic_ns() - self.offset_ns)
        return self._last

    def boot_ns(self) -> int:
        # Moved with the monotonic clock, so a new offset is never mistaken for sleep.
        return self.base.boot_ns() - self.offset_ns

    def wall_ns(self) -> int:
        return self.base.wall_ns()

    def host_to_local(self, host_ns: int) -> int:
        return host_ns + self.offset_ns
