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


class NoticeLine(Label):
    """The app's current notices, newest last; hidden when there are none."""

    def on_mount(self) -> None:
        self.show(getattr(self.app, "notices", ()))

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
        max-height: 2;
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
