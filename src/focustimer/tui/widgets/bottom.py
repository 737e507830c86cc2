"""The bottom of every screen: a plain-text status line above the footer's keys.

The status line repeats what the big display shows, in plain text, for screen readers and
for people reading the pane through tmux.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer

from .statusline import StatusLine


class BottomBar(Vertical):
    DEFAULT_CSS = """
    BottomBar {
        dock: bottom;
        height: auto;
    }
    BottomBar Footer {
        dock: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Footer()
