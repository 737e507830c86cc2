"""The app's side of a link: it starts the link child and turns its lines into events.

Importing this module raises LinkUnavailable (one line: how to install the ``link`` extra)
when magic-wormhole is missing. Nothing here ever waits on the child without a deadline: a
child that hangs or dies shows up as a LinkFailed event, and ``send`` never blocks.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from typing import Any

from . import protocol
from .code import check_relay, normalize_code
from .errors import LinkUnavailable
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
from .offset import ClockOffset
from .reasons import install_hint, reason

if importlib.util.find_spec("wormhole") is None:
    raise LinkUnavailable(install_hint())

CHILD = (sys.executable, "-m", "focustimer.link.child")
EXIT_GRACE_S = 4.0  # the child's own close takes 2 s at most; then it is killed
LINE_LIMIT = 1 << 20


class Link:
    """One side of a linked session; make it with ``Link.host()`` or ``Link.join(code)``."""

    def __init__(self, role: str, relay: str, code: str | None, timeout_s: float) -> None:
        self.role = role
        self.relay = relay
        self.code = code
        self.timeout_s = timeout_s
        self.linked = False
        self.lost = False
        self.offset: ClockOffset | None = None
        self.partner_version: str | None = None
        self.failure: LinkFailed | None = None
        self.closed = False
        self._said_closed = False  # the child's last line came: it ended as it meant to
        self._closing = False
        self._process: asyncio.subprocess.Process | None = None
        self._events: asyncio.Queue[LinkEvent] = asyncio.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=5)
        self._tasks: list[asyncio.Task[None]] = []

    # -- opening --------------------------------------------------------------------------------

    @classmethod
    async def host(
        cls,
        relay: str = protocol.DEFAULT_RELAY,
        *,
        timeout_s: float = protocol.TIMEOUT_S,
        command: Sequence[str] = CHILD,
        extra: Sequence[str] = (),
    ) -> Link:
        """Make a code (a CodeReady event brings it) and wait for the partner to join."""
        link = cls(protocol.HOST, check_relay(relay), None, timeout_s)
        await link._start([*command, "--host", *extra])
        return link

    @classmethod
    async def join(
        cls,
        code: str,
        relay: str = protocol.DEFAULT_RELAY,
        *,
        timeout_s: float = protocol.TIMEOUT_S,
        command: Sequence[str] = CHILD,
        extra: Sequence[str] = (),
    ) -> Link:
        """Join the partner who read out ``code`` (spaces for dashes are fine)."""
        link = cls(protocol.GUEST, check_relay(relay), normalize_code(code), timeout_s)
        assert link.code is not None
        await link._start([*command, "--guest", *extra], {protocol.CODE_VARIABLE: link.code})
        return link

    async def _start(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        argv += ["--relay", self.relay, "--timeout", f"{self.timeout_s:g}"]
        try:
            self._process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                limit=LINE_LIMIT,
                env={**os.environ, **(env or {})},
                start_new_session=os.name == "posix",  # a terminal's ^C is the app's to handle
            )
        except OSError as error:
            self._fail(protocol.INTERNAL, f"cannot start the link process: {error}")
            self._end()
            return
        self._tasks = [
            asyncio.create_task(self._read_events()),
            asyncio.create_task(self._read_stderr()),
        ]

    # -- what the app does ----------------------------------------------------------------------

    def send(self, body: dict[str, Any]) -> bool:
        """Pass ``body`` to the partner; False if the link is over. Never blocks.

        Sent while the link is lost, it goes once the link is back. ValueError if ``body`` is
        not a small JSON object (protocol.MAX_BODY_BYTES).
        """
        try:
            line = protocol.encode({"op": "send", "body": body})
        except (TypeError, ValueError):
            line = b""
        if not isinstance(body, dict) or not line or len(line) > protocol.MAX_BODY_BYTES:
            raise ValueError("a link message is a JSON object of at most 16 kB")
        return self._write(line)

    def host_to_local(self, host_ns: int) -> int:
        """The host's monotonic time ``host_ns`` on this machine's monotonic clock.

        The host's own clock is the session's: there it is the identity. On the guest it needs
        an offset measured (the first OffsetMeasured event); LookupError before then.
        """
        if self.role == protocol.HOST:
            return host_ns
        if self.offset is None:
            raise LookupError("no clock offset measured yet")
        return self.offset.host_to_guest(host_ns)

    def local_to_host(self, local_ns: int) -> int:
        """This machine's monotonic time ``local_ns`` on the host's clock (see host_to_local)."""
        if self.role == protocol.HOST:
            return local_ns
        if self.offset is None:
            raise LookupError("no clock offset measured yet")
        return self.offset.guest_to_host(local_ns)

    async def next_event(self) -> LinkEvent:
        """The next event; after LinkClosed, LinkClosed again."""
        if self.closed and self._events.empty():
            return LinkClosed()
        return await self._events.get()

    async def events(self) -> AsyncIterator[LinkEvent]:
        """Every event, up to and with LinkClosed."""
        while True:
            event = await self.next_event()
            yield event
            if isinstance(event, LinkClosed):
                return

    async def close(self) -> None:
        """Say goodbye to the partner and stop the child; returns within EXIT_GRACE_S or so."""
        self._closing = True
        process = self._process
        if process is not None and process.returncode is None:
            self._write(protocol.encode({"op": "close"}))
            if process.stdin is not None:
                process.stdin.close()
            try:
                await asyncio.wait_for(process.wait(), EXIT_GRACE_S)
            except asyncio.TimeoutError:
                self._kill()
        for task in self._tasks:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(task, 1.0)
        if process is not None and process.returncode is None:
            self._kill()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(process.wait(), 1.0)

    async def __aenter__(self) -> Link:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- the child's side -----------------------------------------------------------------------

    def _write(self, line: bytes) -> bool:
        process = self._process
        if process is None or process.stdin is None or process.returncode is not None:
            return False
        if process.stdin.is_closing():
            return False
        try:
            process.stdin.write(line)  # buffered by the transport: never waits on the child
        except (BrokenPipeError, ConnectionResetError):
            return False
        return True

    async def _read_events(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        while True:
            try:
                line = await process.stdout.readline()
            except (ValueError, asyncio.LimitOverrunError):  # a line past LINE_LIMIT: a bug
                self._fail(protocol.INTERNAL, "the link process said too much at once")
                self._kill()
                break
            if not line:
                break
            try:
                self._take(protocol.decode(line))
            except (ValueError, KeyError, TypeError) as error:
                self._stderr.append(f"unreadable line from the link process: {error}")
        try:
            await asyncio.wait_for(process.wait(), EXIT_GRACE_S)
        except asyncio.TimeoutError:
            self._kill()
            await process.wait()
        if not (self._said_closed or self._closing):
            detail = self._stderr[-1] if self._stderr else f"exit status {process.returncode}"
            self._fail(protocol.INTERNAL, detail)
        self._end()

    async def _read_stderr(self) -> None:
        process = self._process
        assert process is not None and process.stderr is not None
        async for raw in process.stderr:
            text = raw.decode(errors="replace").strip()
            if text:
                self._stderr.append(text)

    def _take(self, said: dict[str, Any]) -> None:
        event = said["event"]
        if event == "code":
            self.code = str(said["code"])
            self._events.put_nowait(CodeReady(self.code))
        elif event == "linked":
            self.linked = True
            self.partner_version = str(said.get("partner", ""))
            self._events.put_nowait(Linked(self.partner_version))
        elif event == "message":
            if isinstance(said.get("body"), dict):
                self._events.put_nowait(Received(said["body"]))
        elif event == "offset":
            self.offset = ClockOffset(
                int(said["offset_ns"]), int(said["error_ns"]), int(said["samples"])
            )
            self._events.put_nowait(OffsetMeasured(self.offset))
        elif event == "lost":
            self.lost = True
            self._events.put_nowait(LinkLost(str(said.get("why", "relay"))))
        elif event == "back":
            self.lost = False
            self._events.put_nowait(LinkBack())
        elif event == "left":
            self._events.put_nowait(PartnerLeft())
        elif event == "failed":
            self._fail(str(said["kind"]), str(said.get("detail", "")))
        elif event == "closed":
            self._said_closed = True

    def _fail(self, kind: str, detail: str) -> None:
        if self.failure is not None:
            return
        line = reason(
            kind,
            detail,
            role=self.role,
            code=self.code,
            relay=self.relay,
            timeout_s=self.timeout_s,
        )
        self.failure = LinkFailed(kind, line)
        self._events.put_nowait(self.failure)

    def _end(self) -> None:
        self.linked = False
        self.closed = True
        self._events.put_nowait(LinkClosed())

    def _kill(self) -> None:
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
