"""Textual's own floor, run beside focustimer: what any Textual app costs, before our code.

python floor.py idle     an app that shows one line and does nothing
python floor.py second   an app that changes one short line once a second
"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Label


class Floor(App[None]):
    def __init__(self, tick: bool) -> None:
        super().__init__()
        self.tick = tick

    def compose(self) -> ComposeResult:
        yield Label("floor: running", id="line")

    def on_mount(self) -> None:
        if self.tick:
            self.set_interval(1, self.second)

    def second(self) -> None:
        self.query_one("#line", Label).update(f"floor: running {time.strftime('%M:%S')}")


if __name__ == "__main__":
    Floor(tick=sys.argv[1:] == ["second"]).run()
