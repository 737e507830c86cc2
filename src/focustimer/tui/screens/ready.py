"""The ready screen: the plan, who goes first, and "press space to start"."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from ...duration import format_duration
from ...i18n import _
from ..widgets.bottom import BottomBar
from ..widgets.partners import name_text

if TYPE_CHECKING:
    from ..app import FocusTimerApp


class ReadyScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "start", _("start")),
        Binding("t", "test_chime", _("test chime")),
        Binding("q", "quit", _("quit")),
    ]

    @property
    def timer_app(self) -> FocusTimerApp:
        return cast("FocusTimerApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="ready-body"):
            yield Label(id="plan", classes="centre")
            with Center():
                yield Static(id="order")
            yield Label(_("Press space to start"), id="press-start", classes="centre")
            yield Label(id="sound", classes="centre")
        yield BottomBar()

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        plan = self.timer_app.engine.plan
        total = format_duration(plan.total_ns)
        share = format_duration(plan.share_ns, precise=True)
        self.query_one("#plan", Label).update(
            _("{total} session, {share} each").format(total=total, share=share)
        )
        self.query_one("#sound", Label).update(self.timer_app.chime.describe())
        order = Table.grid(padding=(0, 2))
        for i, name in enumerate(plan.names):
            role = _("boss first") if i == 0 else ""
            order.add_row(Text(f"{i + 1}."), name_text(name, i), Text(role, style="dim"))
        self.query_one("#order", Static).update(order)
        first = plan.names[0]
        self.query_one("#status", Label).update(
            _("{total} session, {share} each · {first} starts · press space to start").format(
                total=total, share=share, first=name_text(first, 0).plain
            )
        )

    def action_start(self) -> None:
        self.timer_app.start_session()

    def action_test_chime(self) -> None:
        self.timer_app.test_chime()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "test_chime":
            return self.timer_app.chime.can_test  # with the sound off there is nothing to test
        return True

    async def action_quit(self) -> None:
        self.timer_app.exit(0)
