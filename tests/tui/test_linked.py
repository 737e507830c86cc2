"""A linked session in the real app, with a fake link: what the screens say, where keys go.

The link's child process and the relay are left out (tests/link and tests/e2e have them);
the fake link delivers the events a real one would, when the test says.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from focustimer.engine.machine import State
from focustimer.link.bridge import Bridge, SessionPlan
from focustimer.link.events import (
    CodeReady,
    LinkBack,
    LinkClosed,
    Linked,
    LinkEvent,
    LinkFailed,
    LinkLost,
    PartnerLeft,
    Received,
)
from focustimer.tui.linking import Linking
from focustimer.tui.screens.session import SessionScreen

from .helpers import advance, app_for, notices, status, text_of

CODE = "7-guitarist-revenge"


class FakeLink:
    role = "host"

    def __init__(self, code: str | None = CODE) -> None:
        self.code = code
        self.sent: list[dict[str, Any]] = []
        self.queue: asyncio.Queue[LinkEvent] = asyncio.Queue()
        self.closed = False

    def send(self, body: dict[str, Any]) -> bool:
        self.sent.append(body)
        return True

    async def events(self):
        while True:
            event = await self.queue.get()
            if isinstance(event, CodeReady):
                self.code = event.code
            yield event
            if isinstance(event, LinkClosed):
                return

    async def close(self) -> None:
        self.closed = True


def hosted(names=("Ann", "Bob"), renew=None):
    app, clock = app_for(60, names=names)
    link = FakeLink()
    plan = SessionPlan(60 * 10**9, app.engine.plan.names, False, True, 0, names[0], names[1])
    bridge = Bridge(
        app.engine, link, partner=names[1], say=lambda _n: None, changed=lambda: None, plan=plan
    )
    app.linking = Linking(link, bridge, partner=names[1], renew=renew)  # type: ignore[arg-type]
    return app, clock, link


async def event(pilot, link: FakeLink, what: LinkEvent) -> None:
    link.queue.put_nowait(what)
    for _ in range(3):
        await pilot.pause()


async def test_the_ready_screen_shows_the_line_to_read_out_then_who_is_linked():
    app, _clock, link = hosted()
    async with app.run_test(size=(80, 24)) as pilot:
        assert text_of(app, "#link-line") == f"Bob types: focustimer join {CODE}"
        await event(pilot, link, Linked("1.0"))
        assert text_of(app, "#link-line") == "Linked with Bob"
        assert "Linked with Bob" in notices(app)
        (plan,) = link.sent
        assert SessionPlan.read(plan).names == ("Ann", "Bob")


async def test_keys_go_to_the_partner_and_the_partners_actions_come_in():
    app, clock, link = hosted()
    async with app.run_test(size=(80, 24)) as pilot:
        await event(pilot, link, Linked("1.0"))
        await pilot.press("space")
        assert isinstance(app.screen, SessionScreen)
        assert link.sent[-1]["name"] == "start" and link.sent[-1]["at"] == app.engine.now()
        await advance(pilot, clock, 5)
        at = app.engine.now() - 10**9  # Bob paused a second ago; it took that long to come
        await event(pilot, link, Received({"t": "act", "name": "pause", "at": at, "turn": 0}))
        assert app.engine.state is State.PAUSED
        assert status(app).startswith("Paused 0:01")
        assert "0:26 left" in status(app)


async def test_link_lost_stays_on_screen_until_it_is_back():
    app, clock, link = hosted()
    async with app.run_test(size=(80, 24)) as pilot:
        await event(pilot, link, Linked("1.0"))
        await pilot.press("space")
        await event(pilot, link, LinkLost("relay"))
        await advance(pilot, clock, 30)  # longer than any notice's timeout on the fake clock
        assert "Link lost: going on by this computer's clock" in notices(app)
        await event(pilot, link, LinkBack())
        assert "Link lost: going on by this computer's clock" not in notices(app)
        assert "Link back: linked with Bob again" in notices(app)


async def test_the_partner_leaving_is_said_and_the_session_goes_on():
    app, clock, link = hosted()
    async with app.run_test(size=(80, 24)) as pilot:
        await event(pilot, link, Linked("1.0"))
        await pilot.press("space")
        await event(pilot, link, PartnerLeft())
        assert "Bob left: the session goes on here" in notices(app)
        await advance(pilot, clock, 2)
        assert app.engine.state is State.RUNNING and "0:28 left" in status(app)
        await pilot.press("space")  # alone now: nothing more is sent
        assert link.sent[-1]["name"] == "start"


@pytest.mark.parametrize("partner", ["[/]", "[bold]Bob", "\u202eboB"])
async def test_odd_names_are_shown_literally(partner):
    app, _clock, link = hosted(("Ann", partner))
    async with app.run_test(size=(100, 24)) as pilot:
        assert text_of(app, "#link-line").startswith(partner.replace("\u202e", "\\u202e"))
        await event(pilot, link, Linked("1.0"))
        assert text_of(app, "#link-line") == "Linked with " + partner.replace("\u202e", "\\u202e")


async def test_a_code_mistyped_by_the_partner_gives_the_host_a_new_one_to_read_out():
    second = FakeLink(code=None)

    async def renew():
        return second

    app, _clock, link = hosted(renew=renew)
    async with app.run_test(size=(80, 24)) as pilot:
        reason = "Your partner typed a code that does not match: make a new one and read it out"
        await event(pilot, link, LinkFailed("wrong-code", reason))
        await event(pilot, link, LinkClosed())
        assert "Bob typed a code that does not match: read out the new one" in notices(app)
        await event(pilot, second, CodeReady("8-absurd-banjo"))
        assert text_of(app, "#link-line") == "Bob types: focustimer join 8-absurd-banjo"
        await event(pilot, second, Linked("1.0"))
        assert text_of(app, "#link-line") == "Linked with Bob"
        assert second.sent[0]["t"] == "plan"


async def test_a_relay_that_fails_before_the_partner_joins_leaves_the_host_alone():
    async def renew():
        raise AssertionError("a relay problem gets no new code")

    app, _clock, link = hosted(renew=renew)
    async with app.run_test(size=(80, 24)) as pilot:
        await event(pilot, link, LinkFailed("relay-error", "The relay refused the link: full"))
        await event(pilot, link, LinkClosed())
        assert "The relay refused the link: full" in notices(app)
        assert text_of(app, "#link-line") == "Not linked: the session goes on here alone"
        await pilot.press("space")
        assert app.engine.state is State.RUNNING
