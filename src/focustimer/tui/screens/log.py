"""The log screen: past sessions, newest first, read a page at a time as the cursor goes down.

Pages are read on a worker thread with a connection of its own, so the screen opens at once
however long the log is, and the event loop never waits for the disk.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from ...history.table import cells, detail, headers
from ...i18n import N_, _, ngettext
from ...log import SessionRecord, Store, StoreError, query_log
from ..bindings import translate_bindings
from ..widgets.bottom import BottomBar
from .stats import StatsScreen

PAGE = 100  # rows read at a time
AHEAD = 20  # read the next page when the cursor comes this close to the last row


class LogScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", N_("back")),
        Binding("l", "close", N_("back"), show=False),
        Binding("q", "close", N_("back"), show=False),
        Binding("s", "stats", N_("stats")),
    ]

    class Page(Message):
        """A page read by the worker: sessions older than the last row shown, or an error."""

        def __init__(
            self,
            sessions: list[SessionRecord],
            total: int | None = None,
            *,
            error: str = "",
            notice: str = "",
        ) -> None:
            super().__init__()
            self.sessions = sessions
            self.total = total
            self.error = error  # the log cannot be read
            self.notice = notice  # it was damaged and has been started afresh

    def __init__(self, log_path: Path) -> None:
        super().__init__()
        translate_bindings(self)
        self.log_path = log_path
        self._last: SessionRecord | None = None  # the oldest session shown so far
        self._more = True
        self._loading = False
        self._total: int | None = None
        self._rows: list[SessionRecord] = []  # what the table shows, in its order

    def compose(self) -> ComposeResult:
        yield Label(_("Session log"), id="log-title", classes="centre")
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="log-detail")
        yield Label(id="log-empty", classes="centre")
        yield BottomBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*headers())
        self.query_one("#status", Label).update(_("Reading the log…"))
        self._read_next()

    def _read_next(self) -> None:
        if self._more and not self._loading:
            self._loading = True
            self._read(self._last, count=self._total is None)

    @work(thread=True, exit_on_error=False, group="log-pages")
    def _read(self, before: SessionRecord | None, count: bool) -> None:
        told: list[str] = []

        def page(store: Store) -> tuple[list[SessionRecord], int | None]:
            return store.sessions(limit=PAGE, before=before), store.count() if count else None

        try:
            # Damage, found on opening or on reading a page, is the log's to recover: it says
            # so through ``told`` and the page comes from the new log.
            sessions, total = query_log(page, self.log_path, on_damaged=told.append)
        except StoreError as error:
            self.post_message(self.Page([], error=str(error)))
            return
        self.post_message(self.Page(sessions, total, notice=" ".join(told)))

    def on_log_screen_page(self, page: Page) -> None:
        self._loading = False
        if page.total is not None:
            self._total = page.total
        if page.notice:
            self.app.notify(page.notice, severity="warning", timeout=15)
        table = self.query_one(DataTable)
        table.add_rows(cells(session) for session in page.sessions)
        self._rows += page.sessions
        if page.sessions and len(self._rows) == len(page.sessions):
            self._show_detail(0)  # the first page: the cursor is on the newest session
        if page.sessions:
            self._last = page.sessions[-1]
        self._more = len(page.sessions) == PAGE
        empty = table.row_count == 0
        message = Text(page.error)  # a path may hold brackets: not markup
        if empty and not page.error:
            message = Text(_("No sessions yet: each session is saved here from its first second."))
        self.query_one("#log-empty", Label).update(message)
        self.set_class(empty, "-empty")
        self.query_one("#status", Label).update(self._status(table.row_count))

    def _status(self, shown: int) -> str:
        total = self._total if self._total is not None else shown
        return ngettext(
            "Session log: {total} session, newest first · escape to go back",
            "Session log: {total} sessions, newest first · escape to go back",
            total,
        ).format(total=total)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)
        if event.cursor_row >= event.data_table.row_count - AHEAD:
            self._read_next()

    def _show_detail(self, row: int) -> None:
        """The highlighted session in full: a narrow window cuts the table's last columns."""
        if 0 <= row < len(self._rows):
            self.query_one("#log-detail", Static).update(detail(self._rows[row]))

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen(self.app_now_ns(), self.log_path))

    def app_now_ns(self) -> int:
        """The app's wall clock (a fake one in tests), else the system's."""
        engine = getattr(self.app, "engine", None)
        return engine.clock.wall_ns() if engine is not None else time.time_ns()

    def action_close(self) -> None:
        self.dismiss()
