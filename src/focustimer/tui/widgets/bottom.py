"""The bottom of every screen: notices, a plain-text status line, and the footer's keys.

The status line repeats what the big display shows, in plain text, for screen readers and
for people reading the pane through tmux. Notices stand above it, in the layout, so that they
never cover it nor a prompt on the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label

from ..bindings import NARROW_COLUMNS, fit_footer
from .statusline import StatusLine

# How much of the screen notices may take: a notice wraps to the lines it needs, up to this
# share of the height (6 lines at 24 rows, 3 at 12), so the screen itself keeps its room.
NOTICE_SHARE = 4
NOTICE_MIN_LINES = 2


def notice_lines(height: int) -> int:
    return max(NOTICE_MIN_LINES, height // NOTICE_SHARE)


class NoticeLine(Label):
    """The app's current notices, newest last; hidden when there are none."""

    def on_mount(self) -> None:
        self.styles.max_height = notice_lines(self.app.size.height)
        self.show(getattr(self.app, "notices", ()))

    def on_resize(self) -> None:
        self.styles.max_height = notice_lines(self.app.size.height)

    def show(self, notices: Sequence[Text]) -> None:
        self.display = bool(notices)
        self.update(Text("\n").join(notices[-2:]))  # the newest two: room stays for the screen


class BottomBar(Vertical):
    DEFAULT_CSS = """
    BottomBar {
        dock: bottom;
        height: auto;
    }
    BottomBar Footer {
        dock: none;
    }
    BottomBar #notices {
        width: 100%;
        height: auto;
        padding: 0 1;
        color: $warning;
        background: $boost;
    }
    """

    def compose(self) -> ComposeResult:
        yield NoticeLine(id="notices", markup=False)
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self) -> None:
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        """Every key the footer shows fits its width, ``? help`` included."""
        self.query_one(Footer).compact = width < NARROW_COLUMNS
        fit_footer(self.screen, width)
        self.screen.refresh_bindings()
