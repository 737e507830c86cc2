"""The timer's own screens (ready, session, finished): they draw from the app's engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from ..app import FocusTimerApp


class TimerScreen(Screen[None]):
    """A screen the app redraws each time it wakes up, from the engine's view."""

    @property
    def timer_app(self) -> FocusTimerApp:
        return cast("FocusTimerApp", self.app)

    @property
    def calm(self) -> bool:
        """The calm view is showing: the app then wakes seldom and the title shows no time."""
        return False

    def refresh_view(self) -> None:
        """Redraw what the clock moves; called on each wake-up once the screen is mounted."""
