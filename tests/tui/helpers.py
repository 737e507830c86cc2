"""Drive the real app with a fake clock: advance time, let the app catch up, look."""

from __future__ import annotations

from focustimer.compose import make_app
from focustimer.engine.clock import NS, FakeClock
from focustimer.settings.options import Options
from focustimer.tui.app import FocusTimerApp


def app_for(
    total_s: float = 10, names=("Ann", "Bob"), **options
) -> tuple[FocusTimerApp, FakeClock]:
    clock = FakeClock()
    app = make_app(
        Options(total_ns=round(total_s * NS), names=tuple(names), **options), clock=clock
    )
    return app, clock


async def advance(pilot, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.poll_clock()
    await pilot.pause()


def status(app: FocusTimerApp) -> str:
    return str(app.screen.query_one("#status").render())


def text_of(app: FocusTimerApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def notices(app: FocusTimerApp) -> list[str]:
    """What the app has told: the notice line's lines, and any toast (over a question or help)."""
    return [text.plain for text in app.notices] + [n.message for n in app._notifications]
