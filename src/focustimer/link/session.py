"""One side of a link: the wormhole's delegate, and what the app asked of it (in the child).

What it adds to the wormhole:

- a versions handshake: each side offers ``{"focustimer": {"protocol": N, "version": V}}``;
  another protocol number on the other side is a ``version`` failure, never a muddle;
- deadlines: a relay that has not answered after ``--timeout`` seconds, and (guest) a code no
  one is waiting on, fail instead of waiting for ever; the host waits for its partner as long
  as the app likes;
- ``lost`` / ``back`` as the connection to the mailbox server drops and returns (the library
  reconnects by itself, with the same mailbox: no new code is needed), and as the partner
  falls silent and is heard again (their side lost the relay, or their laptop sleeps: the
  mailbox server alone would never say);
- clock probes (guest): a round of PROBES round trips when linked, after every ``back`` (a
  laptop that slept has a monotonic clock that stood still) and every REFRESH_S, each round
  ending in an ``offset`` event (offset.py does the sums).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from .. import __version__
from .offset import Sample, estimate
from .protocol import (
    APPID,
    BAD_CODE,
    CODE_VARIABLE,
    CROWDED,
    GUEST,
    HOST,
    INTERNAL,
    NO_PARTNER,
    RELAY_ERROR,
    RELAY_TIMEOUT,
    RELAY_UNREACHABLE,
    VERSION,
    WRONG_CODE,
    decode,
)

PROBES = 5  # round trips in a round; the median of their offsets is the estimate
PROBE_TIMEOUT_S = 3.0  # a probe not answered by then is given up, the next one sent
REFRESH_S = 60.0
# The guest probes this often between rounds, and the host answers: a partner not heard from
# for SILENT_S (a laptop lid closed, Wi-Fi gone on their side) makes the link lost here too.
BEAT_S = 15.0
SILENT_S = 40.0
CLOSE_GRACE_S = 2.0  # closing waits this long for the mailbox server's goodbye, no longer
Say = Callable[..., None]


class Link:
    """One side of a link: the wormhole's delegate, and what the app asked it to do."""

    def __init__(self, reactor: Any, say: Say, args: argparse.Namespace) -> None:
        self.reactor = reactor
        self.say = say
        self.args = args
        self.role = HOST if args.host else GUEST
        self.code = os.environ.pop(CODE_VARIABLE, "")
        self.skew_ns: int = args.skew_ns
        self.wormhole: Any = None
        self.connected = self.lost = self.linked = self.closing = False
        self.relay_up = self.quiet = False
        self.finished = self.failed = False
        self.timers: dict[str, Any] = {}
        self.refresher: Any = None
        self.beater: Any = None
        # The probe round under way (guest).
        self.probing = False
        self.probe_id = 0
        self.tries = 0
        self.sent_ns = 0
        self.samples: list[Sample] = []

    def now_ns(self) -> int:
        return time.monotonic_ns() + self.skew_ns

    # -- starting and stopping ----------------------------------------------------------------

    def start(self) -> None:
        import wormhole
        from wormhole.errors import KeyFormatError

        versions = {"focustimer": {"protocol": self.args.protocol, "version": __version__}}
        self.wormhole = wormhole.create(
            APPID,
            self.args.relay,
            self.reactor,
            versions=versions,
            delegate=self,
            on_status_update=self.status_changed,
        )
        self.later("relay", self.args.timeout, self.fail, RELAY_TIMEOUT, "")
        if self.role == HOST:
            self.wormhole.allocate_code()
            return
        try:
            self.wormhole.set_code(self.code)
        except KeyFormatError:
            self.fail(BAD_CODE, self.code)

    def later(self, name: str, seconds: float, call: Callable[..., None], *args: Any) -> None:
        self.cancel(name)
        self.timers[name] = self.reactor.callLater(seconds, call, *args)

    def cancel(self, name: str) -> None:
        timer = self.timers.pop(name, None)
        if timer is not None and timer.active():
            timer.cancel()

    def close(self) -> None:
        """Say goodbye (if linked), close the wormhole; exit once closed or after a grace."""
        if self.closing:
            return
        self.closing = True
        for name in list(self.timers):
            self.cancel(name)
        for loop in (self.refresher, self.beater):
            if loop is not None and loop.running:
                loop.stop()
        if self.linked:
            self.send({"kind": "bye"})
        # A mailbox server that is gone never confirms the close: do not wait for it.
        if self.wormhole is None:
            self.finish()
            return
        self.later("grace", CLOSE_GRACE_S, self.finish)
        self.wormhole.close()

    def fail(self, kind: str, detail: str) -> None:
        if self.closing:
            return
        self.failed = True
        self.say("failed", kind=kind, detail=detail)
        self.close()

    def finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self.cancel("grace")
        try:
            self.say("closed")
        finally:
            self.reactor.stop()

    # -- the app's commands ---------------------------------------------------------------------

    def command(self, line: bytes) -> None:
        if self.wormhole is None:
            return  # not started, or could not start
        try:
            command = decode(line)
        except ValueError as error:
            print(f"focustimer link: not a command: {error}", file=sys.stderr, flush=True)
            return
        if command.get("op") == "send" and isinstance(command.get("body"), dict):
            if not self.closing:
                self.send({"kind": "app", "body": command["body"]})
        elif command.get("op") == "close":
            self.close()
        else:
            print(f"focustimer link: unknown command {line!r}", file=sys.stderr, flush=True)

    def send(self, message: dict[str, Any]) -> None:
        self.wormhole.send_message(json.dumps(message, separators=(",", ":")).encode())

    # -- the wormhole's delegate ----------------------------------------------------------------

    def status_changed(self, status: Any) -> None:
        # The states a WormholeStatus (public) holds live in the module beside it.
        from wormhole._status import Connected, Connecting

        state = status.mailbox_connection
        if isinstance(state, Connected):
            if self.role == GUEST:  # the host's relay has answered once it gives a code
                self.cancel("relay")
            if not self.connected and self.role == GUEST and not self.linked:
                # A host that is there answers our first message at once; one that is not
                # may have left its own in the mailbox, so only the answer counts.
                self.later("partner", self.args.timeout, self.fail, NO_PARTNER, "")
            self.connected = self.relay_up = True
            self.listen()  # the partner gets a full SILENT_S to be heard again
            self.report()
        elif isinstance(state, Connecting) and self.relay_up:
            self.relay_up = False
            self.cancel("silent")
            self.report()

    def listen(self) -> None:
        """Heard from the partner (or the relay is back): wait again for the next word."""
        if self.linked and self.relay_up and not self.closing:
            self.later("silent", self.args.silent, self.partner_silent)
        if self.quiet:
            self.quiet = False
            self.report()

    def partner_silent(self) -> None:
        self.quiet = True
        self.report()

    def report(self) -> None:
        """``lost`` when the relay or the partner stops answering, ``back`` when both do."""
        down = not self.relay_up or self.quiet
        if down and not self.lost and self.connected:
            self.lost = True
            self.say("lost", why="relay" if not self.relay_up else "partner")
            # Probes sent now would come back after the link does, measuring the outage:
            # this round is dropped, and a fresh one starts with ``back``.
            self.probing = False
            self.cancel("probe")
        elif not down and self.lost:
            self.lost = False
            self.say("back")
            if self.linked and self.role == GUEST:
                self.probe_round()  # a laptop that slept has a clock that stood still

    def wormhole_got_welcome(self, welcome: dict[str, Any]) -> None:
        pass

    def wormhole_got_code(self, code: str) -> None:
        if self.role == HOST:  # a guest's code is its own, known before any relay answers
            self.cancel("relay")
        self.say("code", code=code)

    def wormhole_got_unverified_key(self, key: bytes) -> None:
        pass  # the host's first message may wait in the mailbox long after the host is gone

    def wormhole_got_verifier(self, verifier: bytes) -> None:
        pass

    def wormhole_got_versions(self, versions: dict[str, Any]) -> None:
        self.cancel("partner")
        ours = versions.get("focustimer") if isinstance(versions, dict) else None
        if not isinstance(ours, dict) or ours.get("protocol") != self.args.protocol:
            theirs = ours.get("version") if isinstance(ours, dict) else None
            self.fail(VERSION, str(theirs) if theirs else "")
            return
        self.linked = True
        self.say("linked", partner=str(ours.get("version", ""))[:40])
        self.listen()
        if self.role == GUEST:
            from twisted.internet.task import LoopingCall

            self.probe_round()
            self.refresher = LoopingCall(self.probe_round)
            self.refresher.clock = self.reactor
            self.refresher.start(self.args.refresh, now=False)
            self.beater = LoopingCall(self.beat)
            self.beater.clock = self.reactor
            self.beater.start(self.args.beat, now=False)

    def wormhole_got_message(self, data: bytes) -> None:
        try:
            message = json.loads(data)
            kind = message["kind"]
        except (ValueError, TypeError, KeyError) as error:
            print(f"focustimer link: a message we cannot read: {error}", file=sys.stderr)
            return
        self.listen()
        if kind == "app":
            self.say("message", body=message.get("body"))
        elif kind == "probe" and self.role == HOST:
            self.send({"kind": "answer", "id": message.get("id"), "host_ns": self.now_ns()})
        elif kind == "answer" and self.role == GUEST:
            self.answered(message.get("id"), message.get("host_ns"))
        elif kind == "bye":
            self.say("left")
            self.close()

    def wormhole_closed(self, result: Any) -> None:
        error = getattr(result, "value", result)  # a Failure, an exception or "happy"
        if not self.closing and isinstance(error, Exception):
            self.fail(*failure(error))
        self.finish()

    # -- clock probes (guest) -------------------------------------------------------------------

    def beat(self) -> None:
        """A probe between rounds, only to be answered: each side hears the other is there."""
        if not self.probing and not self.closing:
            self.send({"kind": "probe", "id": 0})

    def probe_round(self) -> None:
        if self.probing or self.closing:
            return
        self.probing, self.tries, self.samples = True, 0, []
        self.probe()

    def probe(self) -> None:
        if len(self.samples) >= PROBES or self.tries >= 2 * PROBES:
            self.probing = False
            if self.samples:
                result = estimate(self.samples)
                self.say(
                    "offset",
                    offset_ns=result.offset_ns,
                    error_ns=result.error_ns,
                    samples=result.samples,
                )
            return
        self.tries += 1
        self.probe_id += 1
        self.sent_ns = self.now_ns()
        self.send({"kind": "probe", "id": self.probe_id})
        self.later("probe", PROBE_TIMEOUT_S, self.probe)

    def answered(self, probe_id: Any, host_ns: Any) -> None:
        back_ns = self.now_ns()
        if not self.probing or probe_id != self.probe_id or not isinstance(host_ns, int):
            return  # an answer to a probe given up already
        self.cancel("probe")
        self.samples.append(Sample(self.sent_ns, host_ns, back_ns))
        self.probe()


def failure(error: Exception) -> tuple[str, str]:
    """The kind of failure a wormhole closed with, and its detail."""
    from wormhole.errors import (
        ServerConnectionError,
        ServerError,
        WelcomeError,
        WrongPasswordError,
    )

    if isinstance(error, WrongPasswordError):
        return WRONG_CODE, ""
    if isinstance(error, ServerConnectionError):
        reason = getattr(error.reason, "value", error.reason)  # often a Failure
        return RELAY_UNREACHABLE, one_line(reason)
    if isinstance(error, ServerError) and "crowded" in str(error):
        return CROWDED, ""
    if isinstance(error, (ServerError, WelcomeError)):
        return RELAY_ERROR, one_line(error)
    return INTERNAL, f"{type(error).__name__}: {one_line(error)}"


def one_line(thing: object) -> str:
    text = " ".join(str(thing).split())
    return text[:200]
