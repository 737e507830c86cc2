"""Properties of equal turns over the whole range: 1 s to 24 h, 2 to 8 partners."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.events import TurnEnded, TurnStarted
from focustimer.engine.machine import Engine, State
from focustimer.engine.plan import Plan

from ..budget import examples
from ..engine_events import listen

totals = st.integers(min_value=1 * NS, max_value=24 * 3600 * NS)
partners = st.integers(min_value=2, max_value=8)


def names(n: int) -> tuple[str, ...]:
    return tuple(f"P{i}" for i in range(n))


@given(total=totals, n=partners)
def test_turns_are_equal_and_sum_to_the_total(total, n):
    plan = Plan(total, names(n))
    shares = [plan.share_ns] * n
    assert sum(shares) == total
    engine = Engine(plan, FakeClock())
    assert len({t.planned_ns for t in engine.turns}) == 1
    assert sum(t.planned_ns for t in engine.turns) == total


@settings(max_examples=examples(150))
@given(
    total=totals,
    n=partners,
    pauses=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 10 * 3600 * NS)), max_size=6),
    ticks=st.lists(st.integers(0, 3 * NS), max_size=10),
)
def test_pauses_and_tick_timing_never_change_a_turn(total, n, pauses, ticks):
    clock = FakeClock()
    engine = Engine(Plan(total, names(n)), clock, auto=True)
    events = listen(engine)
    engine.start()
    share = Fraction(total, n)
    for where, length in pauses:
        # Pause somewhere in the session, for any length, ticking late at random.
        clock.advance_ns(int(share * Fraction(where)) // 2)
        engine.tick()
        if engine.state is not State.RUNNING:
            break
        engine.pause()
        clock.advance_ns(length)
        engine.tick()
        engine.resume()
    for late in ticks:
        clock.advance_ns(late)
        engine.tick()
    while engine.state is not State.FINISHED:
        clock.advance_ns(max(1, engine.next_deadline() - clock.monotonic_ns()))
        engine.tick()
    summary = engine.summary()
    assert [t.used_ns for t in summary.turns] == [share] * n
    assert sum(t.actual_ns for t in summary.turns) == total
    assert summary.equal
    starts = [e.planned_ns for e in events if isinstance(e, TurnStarted)]
    assert starts == [share] * n


@given(
    total=totals, n=partners, overruns=st.lists(st.integers(0, 600 * NS), min_size=8, max_size=8)
)
def test_evening_out_gives_each_later_boss_as_much_as_anyone_had(total, n, overruns):
    clock = FakeClock()
    engine = Engine(Plan(total, names(n)), clock)
    engine.start()
    for i in range(n):
        clock.advance_ns(engine.next_deadline() - clock.monotonic_ns())
        engine.tick()
        if i == n - 1:
            break
        assert engine.state is State.TURN_OVER
        clock.advance_ns(overruns[i])
        engine.advance()
    # The last chime ends the session: what comes after it is nobody's time.
    assert engine.state is State.FINISHED
    summary = engine.summary()
    clock.advance_ns(overruns[n - 1])
    engine.tick()
    assert engine.summary() == summary and summary.turns[-1].overrun_ns == 0
    actual = [t.actual_ns for t in summary.turns]
    assert actual == sorted(actual)  # nobody gets less than someone before them
    assert actual[-1] == max(actual)
    if n == 2:
        assert summary.equal  # a pair always ends equal
    # A group ends equal when only the first boss ran over.
    if not any(overruns[1 : n - 1]):
        assert summary.equal


@settings(max_examples=examples(150))
@given(total=totals, n=partners, late=st.floats(0, 1, exclude_max=True), auto=st.booleans())
def test_a_late_partner_ends_every_turn_on_the_schedules_second(total, n, late, auto):
    clock = FakeClock()
    engine = Engine(Plan(total, names(n)), clock, auto=auto)
    events = listen(engine)
    late_ns = int(total * late)
    start_wall = clock.wall_ns() - late_ns
    engine.join(start_wall)
    while engine.state is not State.FINISHED:
        if engine.state is State.TURN_OVER:
            engine.advance()  # at once: the schedule has the turns follow at their chimes
        else:
            clock.advance_ns(max(1, engine.next_deadline() - clock.monotonic_ns()))
            engine.tick()
    share = Fraction(total, n)
    summary = engine.summary()
    assert summary.equal and summary.joined_ns == late_ns
    # The rest is nobody's. (Each turn may end up to a nanosecond or two past its fractional
    # deadline: the clock moves in whole nanoseconds, and without --auto n lands after a chime.)
    assert total - late_ns <= sum(t.actual_ns for t in summary.turns) <= total - late_ns + 2 * n
    ended = [e for e in events if isinstance(e, TurnEnded)]
    for event in ended:  # each chime on the schedule's own second, to a few nanoseconds:
        # under 2 ns a turn, as each starts at the whole nanosecond after the chime before it
        assert abs(event.wall_ns - (start_wall + share * (event.turn + 1))) <= 2 * (event.turn + 1)
    assert [e.turn for e in ended] == list(range(n - len(ended), n))
