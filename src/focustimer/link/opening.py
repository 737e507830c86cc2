"""Opening a link before the session's screens come up: a code for the host, the plan for the guest.

Everything that can go wrong before the partners are linked goes wrong here, as one line
(LinkOpenError) for the command line to say with exit status 2: a relay that cannot be reached
or does not answer within 10 s, a code no one is waiting with, a version that cannot link.
After this a link can still drop or fail, and the session goes on: that is the screens' part.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from ..i18n import _
from .bridge import SessionPlan
from .client import Link
from .events import LinkClosed, Linked, LinkEvent, LinkFailed, Received

PLAN_WAIT_S = 30.0  # from linking to the plan and the first clock estimate: seconds at most


class LinkOpenError(Exception):
    """The link could not be opened: the message is the one line to show."""


async def _fail(link: Link, line: str) -> LinkOpenError:
    with contextlib.suppress(Exception):
        await link.close()
    return LinkOpenError(line)


async def _next(link: Link, deadline: float) -> LinkEvent:
    left = deadline - asyncio.get_running_loop().time()
    return await asyncio.wait_for(link.next_event(), max(left, 0.0))


async def open_host(relay: str, *, start: Callable[..., object] = Link.host) -> Link:
    """A link with a code to read out (``link.code``); the partner may join at any time after."""
    link: Link = await start(relay)  # type: ignore[misc]
    # The child gives up on its own after its timeout; this deadline is for a child that hangs.
    deadline = asyncio.get_running_loop().time() + link.timeout_s + 10
    while True:
        try:
            event = await _next(link, deadline)
        except asyncio.TimeoutError:
            raise await _fail(
                link,
                _("The relay {relay} did not give a code: check the network and try again").format(
                    relay=relay
                ),
            ) from None
        if isinstance(event, LinkFailed):
            raise await _fail(link, event.reason)
        if isinstance(event, LinkClosed):
            raise await _fail(link, _("The link stopped before it gave a code"))
        if link.code is not None:
            return link


async def open_guest(
    code: str, relay: str, *, start: Callable[..., object] = Link.join
) -> tuple[Link, SessionPlan]:
    """A link to the host who read out ``code``, with the session's plan and the clock offset."""
    link: Link = await start(code, relay)  # type: ignore[misc]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + link.timeout_s + 10
    plan: SessionPlan | None = None
    while plan is None or link.offset is None:
        try:
            event = await _next(link, deadline)
        except asyncio.TimeoutError:
            raise await _fail(
                link,
                _("Your partner's focustimer did not send the session: ask for a new code"),
            ) from None
        if isinstance(event, LinkFailed):
            raise await _fail(link, event.reason)
        if isinstance(event, LinkClosed):
            raise await _fail(link, _("Your partner left before the session was shared"))
        if isinstance(event, Linked):
            deadline = loop.time() + PLAN_WAIT_S
        if isinstance(event, Received) and event.body.get("t") == "plan" and plan is None:
            try:
                plan = SessionPlan.read(event.body)
            except ValueError as error:
                raise await _fail(
                    link,
                    _(
                        "Your partner's focustimer sent a session this one cannot run: {error}"
                    ).format(error=error),
                ) from None
    return link, plan
