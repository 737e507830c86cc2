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


# -- steps: from the ready screen of a 60-minute session to each screen, as a person gets there


async def to_running(pilot, clock: FakeClock) -> None:
    await pilot.press("space")
    await advance(pilot, clock, 61.4)


async def to_paused(pilot, clock: FakeClock) -> None:
    await to_running(pilot, clock)
    await pilot.press("space")
    await advance(pilot, clock, 12)


async def to_turn_over(pilot, clock: FakeClock) -> None:
    await pilot.press("space")
    await advance(pilot, clock, 30 * 60 + 7.2)


async def to_finished(pilot, clock: FakeClock) -> None:
    await to_turn_over(pilot, clock)
    await pilot.press("n")
    await advance(pilot, clock, 30 * 60 + 7.2)  # the last chime ends the session
    await advance(pilot, clock, 42)  # shown as time since the chime, counted for nobody


async def to_calm(pilot, clock: FakeClock) -> None:
    await to_running(pilot, clock)
    await pilot.press("c")


async def to_log(pilot, clock: FakeClock) -> None:
    await pilot.press("l")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def to_help(pilot, clock: FakeClock) -> None:
    await pilot.press("question_mark")


async def to_sleep_question(pilot, clock: FakeClock) -> None:
    await to_running(pilot, clock)
    clock.sleep(20 * 60)
    await advance(pilot, clock, 0.5)
    await pilot.pause()  # the question is asked once the wake-up has been handled


STEPS = {
    "ready": None,
    "running": to_running,
    "paused": to_paused,
    "turn_over": to_turn_over,
    "finished": to_finished,
    "calm": to_calm,
    "log": to_log,
    "help": to_help,
    "sleep_question": to_sleep_question,
}
