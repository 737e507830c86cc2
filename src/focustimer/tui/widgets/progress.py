"""Textual's progress bar, moving only when told: no once-a-second timer of its own.

Textual's ProgressBar wakes every second to recompute an ETA we never show; each of those
wake-ups costs CPU, and a changed ETA repaints the bar and sends it to the terminal again.
"""

from __future__ import annotations

from textual import events, on
from textual.widgets import ProgressBar


class QuietProgressBar(ProgressBar):
    @on(events.Mount)
    def _draw_once(self, event: events.Mount) -> None:
        event.prevent_default()  # ProgressBar.on_mount would start its ETA interval
        self.update()
