"""The stats screen: the rhythm strip and the balance bars, reached from the log screen.

The log is read on a worker thread with a connection of its own, so the screen opens at once
and the event loop never waits for the disk.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static

from ...history.overview import gather
from ...history.pictures import picture
from ...i18n import N_, _
from ...log import LogDamaged, StoreError, local_offset_s, query_log
from ..bindings import translate_bindings
from ..widgets.bottom import BottomBar


class StatsScreen(Screen[None]):
    DEFAULT_CSS = """
    StatsScreen {
        align: left top;
    }
    #stats-title {
        text-style: bold;
        height: 1;
    }
    #stats-body {
        height: 1fr;
        padding: 0 1;
    }
    #stats-picture {
        width: 100%;
    }
    .-short #stats-title, .-tiny #stats-title {
        display: none;  /* the status line says where we are; every row shows the picture */
    }
    """
    BINDINGS = [
        Binding("escape", "close", N_("back")),
        Binding("s", "close", N_("back"), show=False),
        Binding("q", "close", N_("back"), show=False),
    ]

    class Read(Message):
        """What the worker read: the picture, or why there is none."""

        def __init__(self, shown: Group | Text, notice: str = "") -> None:
            super().__init__()
            self.shown = shown
            self.notice = notice  # the log was damaged and has been started afresh

    def __init__(self, now_ns: int, log_path: Path) -> None:
        super().__init__()
        translate_bindings(self)
        self.now_ns = now_ns  # the app's clock: tests choose the day
        self.log_path = log_path

    def compose(self) -> ComposeResult:
        yield Label(_("The partnership at a glance"), id="stats-title", classes="centre")
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-picture")
        yield BottomBar()

    def on_mount(self) -> None:
        self.query_one("#status", Label).update(_("Reading the log…"))
        self._read()

    @work(thread=True, exit_on_error=False)
    def _read(self) -> None:
        told: list[str] = []
        now = self.now_ns
        try:
            overview = query_log(
                lambda store: gather(store, now, local_offset_s(now)),
                self.log_path,
                on_damaged=told.append,
            )
        except LogDamaged as damaged:
            self.post_message(
                self.Read(
                    Text(_("No sessions logged yet: stats start with your first session.")),
                    str(damaged),
                )
            )
            return
        except StoreError as error:
            self.post_message(self.Read(Text(str(error))))  # a path may hold brackets
            return
        self.post_message(self.Read(picture(overview), " ".join(told)))

    def on_stats_screen_read(self, read: Read) -> None:
        if read.notice:
            self.notify(read.notice, severity="warning", timeout=15)
        self.query_one("#stats-picture", Static).update(read.shown)
        self.query_one("#status", Label).update(_("Stats · escape to go back"))

    def action_close(self) -> None:
        self.dismiss()
