"""What the screen does when a sound could not play: the terminal bell, a flash, a notice.

The flash is a class on the app, not on one screen, so that it still shows when the session
screen gives way to the summary at the very moment the last turn ends.
"""

from __future__ import annotations

from textual.app import App

from ..sound.chime import Outcome

FLASH_S = 0.4
NOTICE_S = 10.0


def show_outcome(app: App[int], outcome: Outcome) -> None:
    if not outcome.heard:
        app.bell()
        flash(app)
    if outcome.notice:
        app.notify(  # the app shows every notice literally
            outcome.notice,
            severity="information" if outcome.heard else "warning",
            timeout=NOTICE_S,
        )


def flash(app: App[int]) -> None:
    app.add_class("-flash")
    app.set_timer(FLASH_S, lambda: app.remove_class("-flash"), name="flash")
