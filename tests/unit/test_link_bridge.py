"""The bridge: one session on two engines, joined by a fake link on fake clocks.

The host's clock and the guest's stand far apart (their monotonic clocks count from their own
boots); the guest's engine runs on a HostClock with the measured offset. Messages are carried
by hand, so each test says when they arrive: at once, late, or after the link was down.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focustimer.engine.actions import END, FIRST, NEXT, PAUSE, START
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.events import Paused, SessionStarted, TurnStarted
from focustimer.engine.machine import Engine, EngineError, State
from focustimer.engine.plan import Plan
from focustimer.link.bridge import Bridge, Notice, SessionPlan
from focustimer.link.events import (
    LinkBack,
    LinkClosed,
    Linked,
    LinkFailed,
    LinkLost,
    OffsetMeasured,
    PartnerLeft,
    Received,
)
from focustimer.link.hostclock import HostClock
from focustimer.link.offset import ClockOffset
from tests.engine_events import listen

OFFSET_NS = 12_345 * NS + 678_901  # the guest's clock minus the host's


class FakeLink:
    def __init__(self, role: str) -> None:
        self.role = role
        self.outbox: list[dict[str, Any]] = []

    def send(self, body: dict[str, Any]) -> bool:
        self.outbox.append(body)
        return True


class Pair:
    """Ann hosts, Bob joins: two engines, two clocks, one session."""

    def __init__(self, minutes: float = 2, *, auto: bool = False) -> None:
        self.host_clock = FakeClock()
        self.guest_base = FakeClock(wall_s=1_795_000_100.0)  # its wall clock is off: no matter
        self.guest_base.advance_ns(OFFSET_NS)
        self.guest_clock = HostClock(self.guest_base, OFFSET_NS)
        plan = Plan(round(minutes * 60 * NS), ("Ann", "Bob"))
        self.host = Engine(plan, self.host_clock, auto=auto)
        self.guest = Engine(plan, self.guest_clock, auto=auto)
        self.host_link, self.guest_link = FakeLink("host"), FakeLink("guest")
        self.said: dict[str, list[Notice]] = {"host": [], "guest": []}
        session = SessionPlan(plan.total_ns, plan.names, auto, True, 0, "Ann", "Bob")
        self.ann = Bridge(
            self.host,
            self.host_link,
            partner="Bob",
            say=self.said["host"].append,
            changed=lambda: None,
            plan=session,
        )
        self.bob = Bridge(
            self.guest,
            self.guest_link,
            partner="Ann",
            say=self.said["guest"].append,
            changed=lambda: None,
            clock=self.guest_clock,
        )

    def advance(self, seconds: float) -> None:
        self.host_clock.advance(seconds)
        self.guest_base.advance(seconds)
        self.host.tick()
        self.guest.tick()

    def deliver(self) -> None:
        """Everything sent so far arrives, each way."""
        for body in self.host_link.outbox:
            self.bob.take(Received(body))
        for body in self.guest_link.outbox:
            self.ann.take(Received(body))
        self.host_link.outbox.clear()
        self.guest_link.outbox.clear()

    def same(self) -> None:
        """Both screens show the same session, to the nanosecond."""
        a, b = self.host.view(), self.guest.view()
        assert (a.state, a.turn, a.names) == (b.state, b.turn, b.names)
        assert a.remaining_ns == b.remaining_ns
        assert a.overrun_ns == b.overrun_ns
        assert a.all_pauses_ns == b.all_pauses_ns
        assert a.session_done_ns == b.session_done_ns


def times(engine: Engine) -> list[tuple[object, ...]]:
    """Each turn's times (the wall-clock dates are each machine's own)."""
    return [
        (t.name, t.planned_ns, t.extension_ns, t.used_ns, t.overrun_ns, t.early, t.missed_ns)
        for t in engine.summary().turns
    ]


def test_the_guests_clock_is_the_hosts():
    pair = Pair()
    assert pair.guest_clock.monotonic_ns() == pair.host_clock.monotonic_ns()
    pair.advance(3.5)
    assert pair.guest_clock.monotonic_ns() == pair.host_clock.monotonic_ns()
    assert pair.guest_clock.wall_ns() == pair.guest_base.wall_ns()  # its own, for its log


def test_a_new_offset_never_runs_the_clock_backwards_nor_looks_like_sleep():
    base = FakeClock()
    clock = HostClock(base, 0)
    before = clock.monotonic_ns()
    clock.set_offset(3 * NS // 1000)  # a later estimate, 3 ms the other way
    assert clock.monotonic_ns() == before  # holds still rather than step back
    base.advance(0.002)
    assert clock.monotonic_ns() == before
    base.advance(0.002)
    assert clock.monotonic_ns() == before + NS // 1000
    # boot and monotonic move together: the engine's sleep check sees no sleep
    engine = Engine(Plan(60 * NS, ("Ann", "Bob")), clock)
    heard = listen(engine)
    engine.start()
    clock.set_offset(-2 * NS)
    base.advance(1)
    engine.tick()
    assert not [e for e in heard if isinstance(e, Paused)]


def test_an_offset_measured_moves_the_guests_clock():
    pair = Pair()
    pair.guest_clock.set_offset(0)
    pair.bob.take(OffsetMeasured(ClockOffset(OFFSET_NS, 1_000_000, 5)))
    assert pair.guest_clock.offset_ns == OFFSET_NS


def test_linking_sends_the_plan_and_says_so():
    pair = Pair()
    pair.ann.take(Linked("1.0"))
    (plan,) = pair.host_link.outbox
    assert SessionPlan.read(plan) == SessionPlan(
        120 * NS, ("Ann", "Bob"), False, True, 0, "Ann", "Bob"
    )
    assert pair.said["host"] == [Notice("linked", "Bob")]


def test_start_and_pause_on_one_screen_show_on_both_at_the_same_moment():
    pair = Pair()
    pair.ann.act(START)
    pair.advance(0.3)  # the message takes 300 ms
    pair.deliver()
    pair.same()
    assert pair.guest.view().remaining_ns == 60 * NS - Fraction(3 * NS, 10)
    pair.advance(10)
    pair.bob.act(PAUSE)
    pair.advance(0.2)
    pair.deliver()
    pair.same()
    assert pair.host.state is State.PAUSED
    pair.advance(5)
    pair.ann.act("resume")
    pair.advance(0.05)
    pair.deliver()
    pair.same()
    assert pair.host.view().remaining_ns == 60 * NS - Fraction(int(10.35 * NS))


def test_n_on_the_listeners_side_after_the_chime_starts_the_next_turn_on_both():
    pair = Pair()
    pair.ann.act(START)
    pair.deliver()
    pair.advance(61)  # both chime at the same deadline
    assert pair.host.state is State.TURN_OVER and pair.guest.state is State.TURN_OVER
    heard = listen(pair.guest)
    pair.bob.act(NEXT)  # Bob, whose turn comes, presses n
    started = [e for e in heard if isinstance(e, TurnStarted)]
    pair.advance(0.4)
    pair.deliver()
    pair.same()
    assert pair.host.view().boss == "Bob"
    assert times(pair.host) == times(pair.guest)  # overrun included, to the nanosecond
    assert started


def test_a_message_that_beats_the_local_chime_still_ends_the_turn_first():
    pair = Pair()
    pair.ann.act(START)
    pair.deliver()
    pair.host_clock.advance(60.5)
    pair.host.tick()  # the host chimed; the guest's screen has not woken yet
    pair.ann.act(NEXT)
    pair.guest_base.advance(60.5)
    pair.deliver()  # the guest's engine catches up to the chime, then takes n at its moment
    pair.same()
    assert pair.guest.summary().turns[0].overrun_ns == pair.host.summary().turns[0].overrun_ns


def test_ending_a_turn_early_shows_on_both():
    pair = Pair()
    pair.bob.act(START)
    pair.advance(0.1)
    pair.deliver()
    pair.advance(20)
    pair.ann.act(END)
    pair.advance(0.1)
    pair.deliver()
    pair.same()
    assert pair.guest.summary().turns[0].used_ns == Fraction(int(20.1 * NS))
    assert pair.guest.summary().turns[0].early


def test_an_action_made_while_the_link_was_down_is_applied_at_its_moment():
    pair = Pair()
    pair.ann.act(START)
    pair.deliver()
    pair.ann.take(LinkLost("relay"))
    pair.bob.take(LinkLost("relay"))
    pair.advance(10)
    pair.bob.act(PAUSE)  # sent, but waits for the link
    pair.advance(25)  # the host ran on, alone, for 25 s
    assert pair.host.state is State.RUNNING
    pair.ann.take(LinkBack())
    pair.deliver()
    pair.same()
    assert pair.host.state is State.PAUSED
    assert pair.host.view().pause_ns == 25 * NS  # paused since the moment Bob pressed
    assert pair.said["host"] == [Notice("lost"), Notice("back", "Bob")]


def test_a_late_action_never_undoes_what_happened_here():
    pair = Pair(minutes=1)
    pair.ann.act(START)
    pair.deliver()
    pair.advance(25)
    pair.bob.act(PAUSE)  # lost on the way: the host's turn ends before it comes
    pair.advance(10)
    assert pair.host.state is State.TURN_OVER
    pair.deliver()  # paused at the chime, not before it: the host's chime stands
    assert pair.host.state is State.PAUSED
    assert pair.host.summary().turns[0].used_ns == 30 * NS


def test_both_pressing_n_moves_on_one_turn_not_two():
    pair = Pair(minutes=3)
    pair.ann.act(START)
    pair.deliver()
    pair.advance(91)
    pair.ann.act(NEXT)
    pair.bob.act(NEXT)
    pair.deliver()
    assert pair.host.view().turn == pair.guest.view().turn == 1
    assert pair.ann.ignored == pair.bob.ignored == 1


def test_both_pressing_space_start_one_session():
    pair = Pair()
    pair.ann.act(START)
    pair.bob.act(START)
    pair.deliver()
    assert pair.host.state is State.RUNNING and pair.guest.state is State.RUNNING
    assert pair.ann.ignored == pair.bob.ignored == 1


def test_choosing_who_starts_on_either_screen():
    pair = Pair()
    pair.bob.act(FIRST, "Bob")
    pair.deliver()
    assert pair.host.plan.names == ("Bob", "Ann") == pair.guest.plan.names


def test_a_partner_who_joins_late_catches_up_with_the_session_so_far():
    pair = Pair()
    pair.ann.act(START)
    pair.advance(10)
    pair.ann.act(PAUSE)
    pair.advance(3)
    pair.ann.act("resume")
    pair.advance(50)  # the chime, then Ann presses n
    pair.ann.act(NEXT)
    pair.advance(4)
    pair.host_link.outbox.clear()  # nobody was listening
    pair.ann.take(Linked("1.0"))
    (message,) = pair.host_link.outbox
    plan = SessionPlan.read(message)
    assert [a["name"] for a in plan.history] == [START, PAUSE, "resume", NEXT]
    pair.bob.replay(plan.history)
    pair.same()
    assert times(pair.guest) == times(pair.host)


def test_the_partner_leaving_and_the_link_failing_are_said_once():
    pair = Pair()
    pair.bob.take(LinkLost("partner"))
    pair.bob.take(LinkLost("relay"))
    pair.bob.take(PartnerLeft())
    pair.bob.take(LinkClosed())
    assert pair.said["guest"] == [Notice("lost"), Notice("left", "Ann")]
    pair.ann.take(LinkFailed("internal", "The link stopped: boom"))
    pair.ann.take(LinkFailed("internal", "again"))
    assert pair.said["host"] == [Notice("failed", "The link stopped: boom", "internal")]
    assert pair.ann.over
    pair.ann.act(START)  # the session goes on here, alone
    assert pair.host_link.outbox == []
    assert pair.host.state is State.RUNNING


@pytest.mark.parametrize(
    "body",
    [
        {"t": "act", "name": "explode", "at": 1, "turn": 0},
        {"t": "act", "name": START, "at": "soon", "turn": 0},
        {"t": "act", "name": START, "at": 1.5, "turn": 0},
        {"t": "act", "name": PAUSE, "at": 1, "turn": True},
        {"t": "act", "name": FIRST, "at": 1, "turn": 0, "boss": "Mallory"},
        {"t": "act"},
        {"t": "unknown", "what": 1},
    ],
)
def test_nonsense_from_the_other_machine_changes_nothing(body):
    pair = Pair()
    pair.ann.take(Received(body))
    assert pair.host.state is State.READY
    assert pair.host.plan.names == ("Ann", "Bob")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["t", "total_ns", "names", "auto", "even_out", "warn_ns", "host", "guest"]),
        st.one_of(
            st.integers(-5, 10**12),
            st.text(max_size=5),
            st.lists(st.text(max_size=5), max_size=3),
            st.booleans(),
            st.none(),
        ),
    )
)
def test_a_plan_is_either_one_the_engine_can_run_or_refused(body):
    try:
        plan = SessionPlan.read(body)
    except ValueError:
        return
    Engine(Plan(plan.total_ns, plan.names), FakeClock())
    assert plan.host in plan.names and plan.guest in plan.names


def test_an_action_at_a_moment_past_is_taken_at_that_moment():
    clock = FakeClock()
    engine = Engine(Plan(120 * NS, ("Ann", "Bob")), clock)
    engine.start(at=clock.monotonic_ns() - 2 * NS)  # started 2 s ago, on the other screen
    (started,) = [e for e in engine.summary().turns[:1]]
    assert engine.view().remaining_ns == 58 * NS
    assert started.name == "Ann"
    clock.advance(10)
    engine.pause(at=clock.monotonic_ns() - NS)
    assert engine.view().pause_ns == NS
    with pytest.raises(EngineError):
        engine.pause(at=clock.monotonic_ns())
    engine.resume(at=clock.monotonic_ns() + 5 * NS)  # never after now
    assert engine.view().all_pauses_ns == NS


def test_the_start_event_carries_the_moment_it_was_made():
    clock = FakeClock()
    engine = Engine(Plan(120 * NS, ("Ann", "Bob")), clock)
    at = clock.monotonic_ns() - 3 * NS
    heard = listen(engine)
    engine.start(at=at)
    (event, *_rest) = heard
    assert isinstance(event, SessionStarted)
    assert event.at == at and event.wall_ns == clock.wall_ns() - 3 * NS


def test_a_plan_too_big_for_the_link_goes_without_its_history():
    import json

    pair = Pair(minutes=600)

    def send(body):
        if len(json.dumps(body)) > 16_000:
            raise ValueError("a link message is a JSON object of at most 16 kB")
        pair.host_link.outbox.append(body)
        return True

    pair.host_link.send = send  # type: ignore[method-assign]
    pair.ann.act(START)
    for _ in range(150):  # a long session of many pauses, and nobody joined yet
        pair.advance(1)
        pair.ann.act(PAUSE)
        pair.advance(1)
        pair.ann.act("resume")
    pair.host_link.outbox.clear()
    pair.ann.take(Linked("1.0"))
    (plan,) = pair.host_link.outbox
    assert SessionPlan.read(plan).history == ()
    assert pair.said["host"] == [Notice("linked", "Bob")]
