"""When the app wakes up next: the next change on screen, or sooner if something falls due.

Pure arithmetic on the engine's ``View`` (a test drives it with a fake clock): the app keeps
one wake-up and sleeps between changes, so a calm screen costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..engine.clock import NS
from ..engine.events import Instant
from ..engine.machine import State, View
from ..text import count_up_changes_in, time_left_changes_in

MAX_WAKE_NS = NS  # at least once a second: sleep detection and the window title
CALM_STEP_NS = 15 * NS  # the calm view moves this seldom
MIN_WAKE_NS = 5_000_000  # a hair early, the next try is this much later: never a busy loop


def next_wake(
    view: View,
    now_ns: int,
    *,
    calm: bool,
    counting_since_chime: bool,
    due: Iterable[int | None] = (),
) -> int | None:
    """How long until the app must redraw (ns from ``now_ns``); None when nothing moves any more.

    The next visible change, or sooner: ``due``, monotonic times at which something must run
    (a turn's deadline, a player to start ahead of its chime).
    """
    if view.state is State.ABORTED:
        return None
    if view.state is State.FINISHED and not counting_since_chime:
        return None
    wake = now_ns + visible_change_ns(view, calm=calm)
    for at in due:
        if at is not None:
            wake = min(wake, at)
    return max(MIN_WAKE_NS, wake - now_ns)


def wake_delay(now_ns: int, redraw_ns: int | None, heartbeat_ns: int | None) -> int | None:
    """How long to sleep (ns): until the next redraw or the log's next heartbeat, if sooner.

    A heartbeat due already was offered just now and declined (no turn running to save): it
    is not waited for, or the app would wake in a busy loop until the session ends.
    """
    wakes = [] if redraw_ns is None else [redraw_ns]
    if heartbeat_ns is not None and heartbeat_ns > now_ns:
        wakes.append(heartbeat_ns)
    if not wakes:
        return None
    return max(MIN_WAKE_NS, min(wakes) - now_ns)


def visible_change_ns(view: View, *, calm: bool) -> int:
    """How long until a counter on screen shows another second (never 0)."""
    if calm:
        return CALM_STEP_NS
    phase = view.phase
    if view.state is State.PAUSED:
        return _up(view.pause_ns)
    if phase is State.RUNNING:
        return _down(view.remaining_ns)
    if phase is State.TURN_OVER:
        return _up(view.overrun_ns)
    if phase is State.SCHEDULED:
        return _down(view.starts_in_ns)
    if view.since_chime_ns is not None:
        return _up(view.since_chime_ns)
    return MAX_WAKE_NS


def _down(left: Instant) -> int:
    """Until a countdown shows the next lower second, by the rule ``time_left`` shows it."""
    return time_left_changes_in(left)


def _up(counted: Instant) -> int:
    """Until a count shows the next second, by the rule ``count_up`` shows it."""
    return count_up_changes_in(counted)
