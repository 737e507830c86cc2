"""When the app wakes up: never after a change on screen is due, never in a busy loop."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine, State, View
from focustimer.engine.plan import Plan
from focustimer.text import MS, count_up, time_left
from focustimer.tui.wake import CALM_STEP_NS, MAX_WAKE_NS, MIN_WAKE_NS, next_wake, wake_delay

from ..budget import examples


def shown(view: View) -> tuple[object, ...]:
    """Every counter a screen can show, as it shows it, and the state that picks among them."""
    since = None if view.since_chime_ns is None else count_up(view.since_chime_ns)
    return (
        view.state,
        view.phase,
        view.turn,
        time_left(view.remaining_ns),
        count_up(view.overrun_ns),
        count_up(view.pause_ns),
        time_left(view.starts_in_ns),
        since,
    )


def wake_of(engine: Engine, calm: bool = False) -> int | None:
    return next_wake(
        engine.view(),
        engine.clock.monotonic_ns(),
        calm=calm,
        counting_since_chime=engine.counting_since_chime,
        due=(engine.next_deadline(),),
    )


actions = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.integers(1, 3 * NS)),
        st.tuples(st.sampled_from(["pause", "next", "early", "stop count"]), st.just(0)),
    ),
    max_size=25,
)


def act(engine: Engine, clock: FakeClock, action: str, ns: int) -> None:
    if action == "wait":
        clock.advance_ns(ns)
    elif action == "pause" and engine.state in (State.RUNNING, State.TURN_OVER, State.PAUSED):
        engine.toggle_pause()
    elif action == "next" and engine.state is State.TURN_OVER:
        engine.advance()
    elif action == "early" and engine.state is State.RUNNING:
        engine.end_turn_early()
    elif action == "stop count":
        engine.stop_since_chime()
    engine.tick()


@settings(max_examples=examples(300))
@given(
    total=st.integers(1 * NS, 3 * 3600 * NS),
    n=st.integers(2, 5),
    steps=actions,
    auto=st.booleans(),
    calm=st.booleans(),
)
def test_the_app_wakes_by_the_next_change_on_screen_and_never_spins(total, n, steps, auto, calm):
    clock = FakeClock()
    engine = Engine(Plan(total, tuple(f"P{i}" for i in range(n))), clock, auto=auto)
    engine.start()
    for action, ns in steps:
        act(engine, clock, action, ns)
        view, now = engine.view(), clock.monotonic_ns()
        delay = wake_of(engine, calm=calm)
        if delay is None:  # nothing moves any more, and nothing is due
            assert view.state is State.ABORTED or not engine.counting_since_chime
            assert view.state in (State.FINISHED, State.ABORTED)
            continue
        deadline = engine.next_deadline()
        assert MIN_WAKE_NS <= delay <= (CALM_STEP_NS if calm else MAX_WAKE_NS)
        if deadline is not None:
            assert delay <= max(MIN_WAKE_NS, deadline - now)  # a turn ends on time
        if calm:
            assert delay == max(
                MIN_WAKE_NS, min(CALM_STEP_NS, (deadline or now + CALM_STEP_NS) - now)
            )
            continue
        before = shown(view)
        # Nothing changes on screen while the app sleeps (it may wake at most MIN_WAKE_NS late).
        clock.advance_ns(delay - MIN_WAKE_NS if delay > MIN_WAKE_NS else 0)
        assert shown(engine.view()) == before
        clock.advance_ns(min(delay, MIN_WAKE_NS) - 1)
        assert shown(engine.view()) == before or delay == MIN_WAKE_NS
        # ... and it does not wake for nothing: when it wakes something has moved, or is due.
        clock.advance_ns(1)
        engine.tick()
        changed = shown(engine.view()) != before
        assert (
            changed
            or (deadline is not None and deadline <= now + delay)
            or (view.state is State.READY)
        )


def test_a_share_of_a_fraction_of_a_nanosecond_still_shows_each_second_on_time():
    # 10 s among three: 3.333... s each, and a countdown that is never a whole number of ns.
    clock = FakeClock()
    engine = Engine(Plan(10 * NS, ("Ann", "Bob", "Cas")), clock)
    engine.start()
    assert time_left(engine.view().remaining_ns) == "0:04"
    for shows in ("0:03", "0:02", "0:01"):
        delay = wake_of(engine)
        assert delay is not None and delay <= NS
        clock.advance_ns(delay)
        engine.tick()
        assert time_left(engine.view().remaining_ns) == shows


@given(
    now=st.integers(0, 10**12),
    redraw=st.none() | st.integers(1, 20 * NS),
    beat=st.none() | st.integers(-5 * NS, 5 * NS),
)
def test_one_wake_up_serves_the_screen_and_the_log_s_heartbeat(now, redraw, beat):
    redraw_at = None if redraw is None else now + redraw
    beat_at = None if beat is None else now + beat
    delay = wake_delay(now, redraw_at, beat_at)
    wanted = [at - now for at in (redraw_at, beat_at) if at is not None and at > now]
    if not wanted:  # nothing to redraw, and a beat offered just now was declined: sleep
        assert delay is None and redraw is None
        return
    assert delay is not None and delay >= MIN_WAKE_NS  # never a busy loop
    assert delay == max(MIN_WAKE_NS, min(wanted))  # whichever comes first, neither missed


def test_a_calm_view_sleeps_15_s_for_the_screen_and_wakes_for_each_heartbeat():
    clock = FakeClock()
    engine = Engine(Plan(3600 * NS, ("Ann", "Bob")), clock)
    engine.start()
    now = clock.monotonic_ns()
    redraw = wake_of(engine, calm=True)
    assert redraw == CALM_STEP_NS
    assert wake_delay(now, now + redraw, now + NS // 2) == NS // 2
    assert wake_delay(now, now + NS, now + 3 * NS) == NS  # the next second on screen first
    # A beat offered just now and declined (nothing to save): the screen decides.
    assert wake_delay(now, now + redraw, now) == CALM_STEP_NS
    assert wake_delay(now, None, now - NS) is None


def test_a_session_aborted_or_finished_and_no_longer_counting_sleeps_for_good():
    clock = FakeClock()
    engine = Engine(Plan(4 * NS, ("Ann", "Bob")), clock, auto=True)
    engine.start()
    clock.advance_ns(4 * NS)
    engine.tick()
    assert engine.view().state is State.FINISHED
    assert (
        wake_of(engine) == NS - MS // 2
    )  # "+0:00 since the chime" counts up (to 0:01 at 0.9995 s)
    engine.stop_since_chime()
    assert wake_of(engine) is None
    other = Engine(Plan(4 * NS, ("Ann", "Bob")), FakeClock())
    other.start()
    other.abort()
    assert wake_of(other) is None
