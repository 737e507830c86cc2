"""The finished screen: each partner's actual time, whether the turns were equal, and a note."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from ...clock import NS
from ...duration import format_duration, format_elapsed, format_rounded
from ...i18n import N_, _
from ...turns import Summary, TurnResult
from ...visible import visible
from ..bindings import translate_bindings
from ..widgets.bottom import BottomBar
from ..widgets.partners import name_text

if TYPE_CHECKING:
    from ..app import FocusTimerApp


def verdict(summary: Summary) -> str:
    """One sentence on fairness: equal, or who had more and why."""
    turns = summary.turns
    if summary.status == "aborted":
        return _("Ended before its time: not every turn was taken in full")
    evened = ""
    if summary.evened_out_ns >= NS:
        evened = " · " + _("{time} evened out").format(time=format_elapsed(summary.evened_out_ns))
    late = sum(missed_shown_ns(t) for t in turns)
    if late:
        # Compared as the schedule had the turns, the part before joining included.
        evened += " · " + _("joined {time} late").format(time=format_rounded(late))
    if summary.equal:
        time = format_rounded(turns[0].whole_ns)
        return _("Equal: each was boss for {time}").format(time=time) + evened
    most = max(turns, key=lambda t: t.whole_ns)
    least = min(turns, key=lambda t: t.whole_ns)
    if least.early:
        return _("{name} ended their turn early, by choice").format(name=visible(least.name, 20))
    spread = most.whole_ns - least.whole_ns
    # Under ten seconds the milliseconds matter: "0:00" more would read as no difference.
    difference = (
        format_duration(spread, precise=True) if spread < 10 * NS else format_rounded(spread)
    )
    return (
        _("Not equal: {name} had {time} more").format(name=visible(most.name, 20), time=difference)
        + evened
    )


def missed_shown_ns(turn: TurnResult) -> int:
    """A late partner's missed part of a turn, so that it and the time shown add up."""
    return (round(turn.whole_ns / NS) - round(turn.actual_ns / NS)) * NS


NOTE_LENGTH = 200


class FinishedScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "skip_note", N_("skip the note")),
        Binding("l", "log", N_("log")),
        Binding("q", "quit", N_("quit")),
    ]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        translate_bindings(self)
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="finished-body"):
            title = (
                _("Session complete") if self.summary.status == "finished" else _("Session ended")
            )
            yield Label(title, id="plan", classes="centre")
            with Center():
                yield Static(self._table(), id="summary")
            yield Label(verdict(self.summary), id="verdict", classes="centre")
            # How long the last boss went on after the last chime: shown, never counted.
            yield Label(id="since-chime", classes="centre")
            if self.summary.paused_ns:
                yield Label(
                    _("Paused {time} in all").format(time=format_elapsed(self.summary.paused_ns)),
                    id="paused",
                    classes="centre",
                )
            with Center():
                # Focused first: typed keys go to the note until enter saves it or escape skips.
                yield Input(
                    placeholder=_("A note for the log? (escape skips)"),
                    max_length=NOTE_LENGTH,
                    id="note",
                )
            yield Label(id="note-saved", classes="centre")
        yield BottomBar()

    def on_mount(self) -> None:
        self.query_one("#status", Label).update(self._status())
        self.refresh_view()

    def refresh_view(self) -> None:
        since = self.timer_app.engine.view().since_chime_ns
        label = self.query_one("#since-chime", Label)
        label.display = since is not None
        if since is not None:
            label.update(_("+{time} since the chime").format(time=format_elapsed(since)))

    def _table(self) -> Table:
        rows = []
        for turn in self.summary.turns:
            notes = []
            if turn.overrun_ns >= NS:
                notes.append(
                    _("+{time} after the chime").format(time=format_elapsed(turn.overrun_ns))
                )
            if turn.early:
                notes.append(_("ended early"))
            if missed_shown_ns(turn):
                missed = format_rounded(missed_shown_ns(turn))
                notes.append(_("{time} before joining").format(time=missed))
            rows.append(
                [
                    name_text(turn.name, turn.order - 1),
                    Text(format_rounded(turn.actual_ns), justify="right"),
                    Text(", ".join(notes), style="dim"),
                ]
            )
        # Rich measures an all-empty last column too narrow and cuts the times ("0:…").
        if not any(row[2].plain for row in rows):
            rows = [row[:2] for row in rows]
        table = Table.grid(padding=(0, 2))
        for row in rows:
            table.add_row(*row)
        return table

    def _status(self) -> str:
        """Each partner's time and the verdict; the verdict alone if both do not fit one line."""
        times = ", ".join(
            f"{visible(t.name, 20)} {format_rounded(t.actual_ns)}" for t in self.summary.turns
        )
        line = f"{times}: {verdict(self.summary)}"
        room = self.app.size.width - 2  # the status line's padding
        return line if len(line) <= room else verdict(self.summary)

    @property
    def timer_app(self) -> FocusTimerApp:
        return cast("FocusTimerApp", self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.query("#note")) if action == "skip_note" else True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        note = event.value.strip()
        if note:
            self.timer_app.save_note(note)
            self.query_one("#note-saved", Label).update(
                Text(_("Note saved: {note}").format(note=visible(note, 60)))
            )
        self._close_note()

    def action_skip_note(self) -> None:
        self._close_note()

    def _close_note(self) -> None:
        self.query("#note").remove()
        self.refresh_bindings()

    def action_log(self) -> None:
        self.timer_app.show_log()

    async def action_quit(self) -> None:
        self.app.exit(0)
