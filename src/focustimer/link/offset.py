"""How far the guest's monotonic clock stands from the host's, from probes over the link (pure).

The guest sends a probe at ``sent_ns`` (its clock), the host answers with ``host_ns`` (its
clock), and the answer is back at ``back_ns``. If the way there took as long as the way back,
the host read its clock at the guest's ``(sent_ns + back_ns) / 2``; the offset is wrong by at
most half the round trip whatever the two ways took. A round of several probes gives several
such offsets: their median ignores the odd probe held up on the way (a busy relay, a
retransmitted packet). Wall clocks never enter into it: they may be minutes apart or stepped by
NTP mid-session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    sent_ns: int  # the guest's clock when the probe left
    host_ns: int  # the host's clock when it answered
    back_ns: int  # the guest's clock when the answer came back

    @property
    def round_trip_ns(self) -> int:
        return self.back_ns - self.sent_ns

    @property
    def offset_ns(self) -> int:
        """The guest's clock minus the host's, as this probe sees it."""
        return (self.sent_ns + self.back_ns) // 2 - self.host_ns


@dataclass(frozen=True)
class ClockOffset:
    """The guest's monotonic clock is the host's plus ``offset_ns``, give or take ``error_ns``."""

    offset_ns: int
    error_ns: int  # half the round trip of the probe whose offset was chosen: a hard bound
    samples: int

    def host_to_guest(self, host_ns: int) -> int:
        return host_ns + self.offset_ns

    def guest_to_host(self, guest_ns: int) -> int:
        return guest_ns - self.offset_ns


def estimate(samples: Iterable[Sample]) -> ClockOffset:
    """The median of the samples' offsets (the lower one of two middles: a real probe's)."""
    ordered = sorted(samples, key=lambda sample: sample.offset_ns)
    if not ordered:
        raise ValueError("no samples")
    middle = ordered[(len(ordered) - 1) // 2]
    return ClockOffset(middle.offset_ns, (middle.round_trip_ns + 1) // 2, len(ordered))
