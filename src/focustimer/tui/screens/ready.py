"""The ready screen: the plan, who goes first, and "press space to start"."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Label, Static

from ...engine.clock import NS
from ...engine.machine import State, View
from ...i18n import N_, _, ngettext
from ...settings.options import Options
from ...text import fill, literal, needs_hours, time_exact, time_left
from ..bindings import translate_bindings
from ..widgets.bottom import BottomBar
from ..widgets.partners import name_text
from .base import TimerScreen


def skipped_warning(options: Options) -> str:
    """The line that says a warning from config.toml does not fit this session's turns."""
    if not options.skipped_warn_ns:
        return ""
    share = Fraction(options.total_ns, len(options.names))
    return _("No warning cue: warn = {warn} in config.toml is too long for {share} turns").format(
        warn=time_exact(options.skipped_warn_ns), share=time_exact(share)
    )


def continue_line(view: View) -> Text:
    """What a session taken up after a cut-off goes on with, before it does (resume)."""
    hours = needs_hours(view.session_planned_ns)
    boss = literal(view.boss, 20)
    if view.remaining_ns > 0:
        line = fill(
            _("Continue {boss}'s turn: {left} left of {planned}"),
            boss=boss,
            left=time_left(view.remaining_ns, hours=hours),
            planned=time_exact(view.turn_planned_ns, hours=hours),
        )
        waiting = view.names[view.turn + 1 :]
    else:  # cut off after its chime: the next boss starts
        line = fill(
            _("Continue with {next}'s turn: {boss}'s turn was over"),
            next=literal(view.names[view.turn + 1], 20),
            boss=boss,
        )
        waiting = view.names[view.turn + 2 :]
    if waiting:
        names = Text(", ").join(literal(name, 20) for name in waiting)
        line.append("; ")
        line.append_text(
            fill(ngettext("{names} has not started", "{names} have not started", len(waiting)),
                 names=names)
        )  # fmt: skip
    return line


def offer_line(cut_off_ns: int) -> Text:
    """The ready screen's offer of a session of the same partners that was cut off."""
    at = datetime.fromtimestamp(cut_off_ns // NS).astimezone().strftime("%H:%M")
    return fill(_("r resume the session cut off at {at}"), at=at)


class ReadyScreen(TimerScreen):
    FOOTER_MINOR = frozenset({"swap_first", "log", "test_chime", "resume"})  # not when narrow
    BINDINGS = [
        Binding("space", "start", N_("start")),
        Binding("enter", "start", N_("start"), show=False),
        Binding("f", "swap_first", N_("other first")),
        Binding("r", "resume", N_("resume")),
        Binding("l", "log", N_("log")),
        Binding("t", "test_chime", N_("test chime")),
        Binding("q", "quit", N_("quit")),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="ready-body"):
            yield Label(id="plan", classes="centre")
            with Center(id="order-box"):  # scrolls on a short screen: the prompt stays in view
                yield Static(id="order")
            yield Label(id="reason", classes="centre")
            if self.timer_app.linking is not None:
                yield Label(id="link-line", classes="centre")
            yield Label(_("Press space to start"), id="press-start", classes="centre")
            if self.timer_app.offer is not None:
                yield Label(offer_line(self.timer_app.offer.cut_off_ns), id="offer",
                            classes="centre")  # fmt: skip
            yield Label(id="sound", classes="centre")
            skipped = skipped_warning(self.timer_app.options)
            if skipped:
                yield Label(skipped, id="skipped", classes="centre")
        yield BottomBar()

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        plan = self.timer_app.engine.plan
        hours = needs_hours(plan.total_ns)
        heading = fill(
            _("{total} session, {share} each"),
            total=time_exact(plan.total_ns, hours=hours),
            share=time_exact(plan.share_ns, hours=hours),
        )
        self.query_one("#plan", Label).update(heading)
        self.query_one("#sound", Label).update(literal(self.timer_app.chime.describe()))
        order = Table.grid(padding=(0, 2))
        for i, name in enumerate(plan.names):
            order.add_row(Text(f"{i + 1}."), name_text(name, i))
        self.query_one("#order", Static).update(order)
        view = self.timer_app.engine.view()
        press = self.query_one("#press-start", Label)
        at_wall_ns = self.timer_app.options.at_wall_ns
        if view.state is State.SCHEDULED and at_wall_ns is not None:
            at = datetime.fromtimestamp(at_wall_ns / NS).astimezone().strftime("%H:%M:%S")
            starts_in = time_left(view.starts_in_ns)
            press.update(fill(_("Starts at {at}, in {time}"), at=at, time=starts_in))
            then = fill(_("starts at {at}, in {time}"), at=at, time=starts_in)
        elif self.timer_app.continuing is not None:
            press.update(Text(_("Press space to continue")))
            then = Text(_("space continues"))
        else:
            press.update(Text(_("Press space to start")))
            then = Text(_("space starts"))
        reason = self.timer_app.first_reason
        if self.timer_app.continuing is not None and view.state is State.READY:
            reason = continue_line(view)
        self.query_one("#reason", Label).update(reason)
        if self.timer_app.linking is not None:
            self.query_one("#link-line", Label).update(self.timer_app.linking.ready_line())
        self.query_one("#status", Label).update(Text(" · ").join([heading, reason, then]))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.timer_app.engine.state is State.READY
        if action == "swap_first":
            return self.timer_app.continuing is None  # the order is the session's own
        if action == "resume":
            return self.timer_app.offer is not None
        if action == "test_chime":
            return self.timer_app.chime.can_test  # with the sound off there is nothing to test
        return True

    def action_start(self) -> None:
        self.timer_app.start_session()

    def action_resume(self) -> None:
        self.timer_app.resume_instead()

    def action_swap_first(self) -> None:
        self.timer_app.swap_first()

    def action_log(self) -> None:
        self.timer_app.show_log()

    def action_test_chime(self) -> None:
        self.timer_app.test_chime()

    async def action_quit(self) -> None:
        self.timer_app.exit(0)
