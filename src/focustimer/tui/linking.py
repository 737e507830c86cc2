"""A linked session in the app: the link's events come in through a worker, the keys go out.

The app holds one Linking when started with ``--link`` or ``join`` (and none otherwise). Keys
reach the engine through ``act`` (the bridge applies them here and sends them); the
partner's come from the link. What the partners read about the link itself: the code to read
out and ``Linked with Bob`` on the ready screen; a line above the status line while the link
is lost, when it is back, when the partner left.

``focustimer.link`` is imported only here, and only when a link is made (a session without
one never loads it: tests/unit/test_link_isolation.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

from ..i18n import _
from ..text import fill, literal, plain

if TYPE_CHECKING:
    from ..link.bridge import Bridge, Notice
    from ..link.client import Link
    from .app import FocusTimerApp

# A code that went wrong before the partner joined: the host gets a new one to read out.
CODE_PROBLEMS = ("wrong-code", "crowded")
NAME_LIMIT = 20
NOTICE_S = 12.0
LEFT_S = 60.0


class Linking:
    """One side of a linked session, as the app sees it."""

    def __init__(
        self,
        link: Link,
        bridge: Bridge,
        *,
        partner: str,
        history: tuple[dict[str, Any], ...] = (),
        renew: Callable[[], Awaitable[Link]] | None = None,
    ) -> None:
        self.link = link
        self.renew = renew  # the host's way to a new code (Link.host on the same relay)
        self._renewing = False
        self.bridge = bridge
        self.partner = partner
        self.history = history  # a session under way when this guest joined: caught up first
        self.app: FocusTimerApp | None = None
        self._lost_line: Text | None = None

    @property
    def code(self) -> str | None:
        return self.link.code

    def attach(self, app: FocusTimerApp) -> None:
        """Called by the app as it mounts, before any key."""
        self.app = app
        self.bridge.say = self.say
        self.bridge.changed = app.poll_clock

    def listen(self) -> None:
        """Called by the app once its first screen is up: catch up, then follow the partner."""
        assert self.app is not None
        if self.history:
            self.bridge.replay(self.history)
        self.app.run_worker(self._read(), name="link", group="link", exit_on_error=False)

    async def _read(self) -> None:
        while True:
            async for event in self.link.events():
                try:
                    self.bridge.take(event)
                except Exception as error:  # a bug: the session goes on here, unlinked
                    if self.app is not None:
                        self.app.notify(
                            plain(_("The link stopped: {detail}"), detail=repr(error)),
                            severity="warning",
                        )
                    await self.link.close()
                    return
                if self.app is not None and type(event).__name__ == "CodeReady":
                    self.app.poll_clock()  # the new code on the ready screen
            if not self._renewing or self.renew is None:
                return
            try:
                link = await self.renew()
            except Exception:  # a link that cannot be made: the session goes on without
                self._renewing = False
                return
            self.link = link
            self.bridge.relink(link)
            self._renewing = False

    def act(self, name: str, boss: str = "") -> None:
        """A key pressed here: applied at once, and sent to the partner."""
        self.bridge.act(name, boss)

    async def close(self) -> None:
        """On leaving: goodbye to the partner (their screen says so), within a few seconds."""
        with contextlib.suppress(Exception):
            await self.link.close()

    # -- what the screens say ----------------------------------------------------------------

    def ready_line(self) -> Text:
        """The ready screen's line: the code to read out, or who this session is linked with."""
        partner = literal(self.partner, NAME_LIMIT)
        if self.bridge.over and not self._renewing:
            return fill(_("Not linked: the session goes on here alone"))
        if self.bridge.linked:
            return fill(_("Linked with {name}"), name=partner)
        return fill(_("{name} types: focustimer join {code}"), name=partner, code=self.code or "…")

    def say(self, notice: Notice) -> None:
        app = self.app
        if app is None:
            return
        partner = visible_name(self.partner)
        if notice.kind != "lost":
            self._drop_lost_line()
        if notice.kind == "linked":
            app.notify(plain(_("Linked with {name}"), name=partner), timeout=NOTICE_S)
        elif notice.kind == "back":
            app.notify(plain(_("Link back: linked with {name} again"), name=partner),
                       timeout=NOTICE_S)  # fmt: skip
        elif notice.kind == "lost":
            # Stays while the link is down: the partners must know their screens may differ.
            self._lost_line = Text(_("Link lost: going on by this computer's clock"), "bold")
            app.notices.append(self._lost_line)
            app.show_notices()
        elif notice.kind == "left":
            if app.engine.state.value not in ("finished", "aborted"):
                app.notify(
                    plain(_("{name} left: the session goes on here"), name=partner),
                    severity="warning",
                    timeout=LEFT_S,
                )
        elif notice.kind == "first":
            app.first_reason = fill(
                _("{name} starts: {partner} chose"),
                name=literal(notice.detail, NAME_LIMIT),
                partner=literal(self.partner, NAME_LIMIT),
            )
        elif notice.kind == "failed" and self._renew_for(notice.why):
            self._renewing = True
            app.notify(
                plain(
                    _("{name} typed a code that does not match: read out the new one"),
                    name=partner,
                ),
                severity="warning",
                timeout=LEFT_S,
            )
        elif notice.kind == "failed":
            app.notify(notice.detail, severity="warning", timeout=LEFT_S)
        app.poll_clock()  # the ready screen's line

    def _renew_for(self, why: str) -> bool:
        """A new code, when the partner has not joined yet and the code was the problem."""
        return self.renew is not None and not self.bridge.linked and why in CODE_PROBLEMS

    def _drop_lost_line(self) -> None:
        app = self.app
        if self._lost_line is not None and app is not None:
            if self._lost_line in app.notices:
                app.notices.remove(self._lost_line)
            app.show_notices()
        self._lost_line = None


def visible_name(name: str) -> str:
    """A partner's name for a notice (the app shows notices literally)."""
    return literal(name, NAME_LIMIT).plain
