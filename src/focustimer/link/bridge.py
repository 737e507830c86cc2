"""One session on two screens: the link as one more source of the engine's actions (pure).

Each partner's machine runs its own engine, on one time: the host's monotonic clock (the
guest's engine reads a HostClock). An action made here (a key) is applied here at once and
sent with the moment it was made; one made on the partner's screen arrives a moment later
and is applied at the moment it was made there, exactly as the key would have been. An
action sent while the link was down arrives when it is back, and is applied then, at its
moment, as long as nothing has happened here since (a chime): what has happened stays.

The messages (JSON objects, ``t`` says which):

- ``plan`` (host to guest, on linking): the session as agreed (``total_ns``, ``names`` in
  speaking order, ``auto``, ``even_out``, ``warn_ns``), who is who (``host``, ``guest``:
  the names as the host typed them) and ``history``: the actions so far, for a partner who
  joins a session already under way;
- ``act``: ``name`` (one of ACTIONS), ``at`` (engine time), ``turn`` (the turn it was made
  in: an action meant for a turn that is over here is not applied to the next one), and for
  ``first`` the ``boss``.

Nothing else of the session goes over the link: no notes, no log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..engine.actions import ACTIONS, END, NEXT, PAUSE, RESUME, apply
from ..engine.machine import Engine, EngineError, State
from ..engine.plan import Plan
from .events import (
    CodeReady,
    LinkBack,
    LinkClosed,
    Linked,
    LinkEvent,
    LinkFailed,
    LinkLost,
    OffsetMeasured,
    PartnerLeft,
    Received,
)
from .hostclock import HostClock

MAX_NAME = 200  # a partner's name from the other machine: as long as --names allows, no more


class Sender(Protocol):
    """What the bridge needs of a link (client.Link has it; tests give a fake)."""

    role: str

    def send(self, body: dict[str, Any]) -> bool: ...


@dataclass(frozen=True)
class SessionPlan:
    """What the host's machine tells the guest's: the session as agreed, and who is who."""

    total_ns: int
    names: tuple[str, ...]  # in speaking order, the first boss first
    auto: bool
    even_out: bool
    warn_ns: int
    host: str
    guest: str
    history: tuple[dict[str, Any], ...] = ()

    def message(self) -> dict[str, Any]:
        return {
            "t": "plan",
            "total_ns": self.total_ns,
            "names": list(self.names),
            "auto": self.auto,
            "even_out": self.even_out,
            "warn_ns": self.warn_ns,
            "host": self.host,
            "guest": self.guest,
            "history": list(self.history),
        }

    @classmethod
    def read(cls, body: dict[str, Any]) -> SessionPlan:
        """The plan in ``body``, checked like any input from elsewhere; ValueError if none."""
        try:
            names = tuple(body["names"])
            plan = cls(
                total_ns=body["total_ns"],
                names=names,
                auto=body["auto"],
                even_out=body["even_out"],
                warn_ns=body["warn_ns"],
                host=body["host"],
                guest=body["guest"],
                history=tuple(body.get("history", ())),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a session plan: {error}") from None
        texts = (*plan.names, plan.host, plan.guest)
        if not all(isinstance(n, str) and 0 < len(n) <= MAX_NAME for n in texts):
            raise ValueError("not a session plan: a name that is no name")
        if plan.host not in plan.names or plan.guest not in plan.names:
            raise ValueError("not a session plan: partners not among the names")
        numbers = (plan.total_ns, plan.warn_ns)
        if not all(type(n) is int and n >= 0 for n in numbers) or plan.total_ns == 0:
            raise ValueError("not a session plan: a time that is no time")
        if not all(type(flag) is bool for flag in (plan.auto, plan.even_out)):
            raise ValueError("not a session plan: a setting that is no setting")
        if not all(isinstance(act, dict) for act in plan.history):
            raise ValueError("not a session plan: its history")
        Plan(plan.total_ns, plan.names)  # ValueError if the engine cannot run it
        return plan


@dataclass(frozen=True)
class Notice:
    """Something for the screen to say: ``kind`` (for tests and styles) and its words' parts."""

    kind: str  # linked | lost | back | left | failed | first (the partner chose who starts)
    detail: str = ""
    why: str = ""  # failed: one of protocol.FAILURES


class Bridge:
    """Joins one engine to one link: local actions go out, the partner's come in.

    ``say`` shows a Notice on the screen; ``changed`` asks for a redraw (the engine moved).
    """

    def __init__(
        self,
        engine: Engine,
        link: Sender,
        *,
        partner: str,
        say: Callable[[Notice], None],
        changed: Callable[[], None],
        clock: HostClock | None = None,
        plan: SessionPlan | None = None,
    ) -> None:
        self.engine = engine
        self.link = link
        self.partner = partner
        self.say = say
        self.changed = changed
        self.clock = clock  # the guest's: the offset is set on it as it is measured
        self.plan = plan  # the host's, to send on linking
        self.history: list[dict[str, Any]] = []  # every action of the session, in order
        self.linked = False
        self.lost = False
        self.over = False  # the link is closed: the session goes on here alone
        self.ignored = 0  # the partner's actions that came too late to mean anything here

    @property
    def is_host(self) -> bool:
        return self.link.role == "host"

    # -- this screen's actions -------------------------------------------------------------------

    def act(self, name: str, boss: str = "") -> None:
        """A key pressed here: applied now, and sent to the partner with its moment."""
        at = self.engine.now()
        turn = self.engine.view().turn
        apply(self.engine, name, at, boss)
        message: dict[str, Any] = {"t": "act", "name": name, "at": at, "turn": turn}
        if boss:
            message["boss"] = boss
        self.history.append(message)
        if not self.over:
            self.link.send(message)  # while the link is lost it waits, and goes when back

    # -- the link's events ------------------------------------------------------------------------

    def take(self, event: LinkEvent) -> None:
        """One event from the link, in order."""
        if isinstance(event, Linked):
            self.linked, self.lost = True, False
            if self.is_host and self.plan is not None:
                try:
                    self.link.send(self.current_plan().message())
                except ValueError:  # hundreds of actions before the partner joined: too big
                    self.link.send(replace(self.current_plan(), history=()).message())
            self.say(Notice("linked", self.partner))
        elif isinstance(event, Received):
            self.receive(event.body)
        elif isinstance(event, OffsetMeasured):
            if self.clock is not None:
                self.clock.set_offset(event.offset.offset_ns)
                self.changed()
        elif isinstance(event, LinkLost):
            if not self.lost and not self.over:
                self.lost = True
                self.say(Notice("lost"))
        elif isinstance(event, LinkBack):
            if self.lost and not self.over:
                self.lost = False
                self.say(Notice("back", self.partner))
        elif isinstance(event, PartnerLeft):
            self.over = True
            self.say(Notice("left", self.partner))
        elif isinstance(event, LinkFailed):
            if not self.over:
                self.over = True
                self.say(Notice("failed", event.reason, event.kind))
        elif isinstance(event, LinkClosed):
            self.over = True
        elif isinstance(event, CodeReady):
            pass  # the host's code is shown before the session's screens

    def relink(self, link: Sender) -> None:
        """A new link in place of one that failed before the partner joined (a new code)."""
        self.link = link
        self.linked = self.lost = self.over = False

    def current_plan(self) -> SessionPlan:
        """The plan to send a partner joining now: the order as it stands, the actions so far."""
        assert self.plan is not None
        return SessionPlan(
            total_ns=self.plan.total_ns,
            names=self.engine.plan.names,
            auto=self.plan.auto,
            even_out=self.plan.even_out,
            warn_ns=self.plan.warn_ns,
            host=self.plan.host,
            guest=self.plan.guest,
            history=tuple(self.history),
        )

    def receive(self, body: dict[str, Any]) -> None:
        """A message from the partner's machine: checked, then applied as its key would be."""
        if body.get("t") == "act" and self.take_action(body):
            self.changed()
        # A plan comes to the guest before its screens are up (opening.py); any other message
        # is from a newer focustimer, which the version handshake lets through: left alone.

    def replay(self, history: tuple[dict[str, Any], ...]) -> None:
        """The actions of a session already under way when this guest joined, in order."""
        for body in history:
            self.take_action(body)
        self.changed()

    def take_action(self, body: dict[str, Any]) -> bool:
        """Apply the partner's action; False if it cannot mean anything here any more."""
        name, at, turn, boss = body.get("name"), body.get("at"), body.get("turn"), body.get("boss")
        if name not in ACTIONS or type(at) is not int or type(turn) is not int:
            return False
        if name in (PAUSE, RESUME, NEXT, END) and turn != self.engine.view().turn:
            self.ignored += 1  # meant for a turn that is over here (both pressed n)
            return False
        if name == "first" and self.engine.state not in (State.READY, State.SCHEDULED):
            return False
        try:
            apply(self.engine, name, at, boss if isinstance(boss, str) else "")
        except EngineError:
            self.ignored += 1  # done here already (both pressed space), or undone by a chime
            return False
        self.history.append(body)
        if name == "first":
            self.say(Notice("first", str(boss)))
        return True
