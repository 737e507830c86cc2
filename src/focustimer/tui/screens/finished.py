"""The finished screen: each partner's actual time, whether the turns were equal, and a note."""

from __future__ import annotations

from fractions import Fraction

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, Static

from ...engine.clock import NS
from ...engine.turns import Summary, TurnResult
from ...i18n import N_, _
from ...text import (
    MS,
    Duration,
    adds_up,
    count_up,
    difference,
    fill,
    literal,
    needs_hours,
    spent_ms,
    time_spent,
    times_spent,
)
from ..bindings import translate_bindings
from ..widgets.bottom import BottomBar
from ..widgets.partners import name_text
from .base import TimerScreen


def verdict(summary: Summary) -> Text:
    """One sentence on fairness: equal, or who had more and why."""
    turns = summary.turns
    hours = _hours(summary)
    if summary.status == "aborted":
        return Text(_("Ended before its time: not every turn was taken in full"))
    evened = Text()
    if summary.evened_out_ns >= MS:
        evened = Text(" · ").append_text(
            fill(_("{time} evened out"), time=time_spent(summary.evened_out_ns, hours=hours))
        )
    late = sum((t.missed_ns for t in turns), Fraction(0))
    if late:
        # Compared as the schedule had the turns, the part before joining included; said as
        # the session screen said it (``joined_late``).
        evened.append(" · ").append_text(
            fill(_("joined {time} late"), time=time_spent(late, hours=hours))
        )
    if summary.equal:
        # The same as each partner's time in the table above (with what was missed, if late).
        each = time_spent(turns[0].whole_ns, hours=hours) if late else _shown(summary)[0]
        return fill(_("Equal: each was boss for {time}"), time=each).append_text(evened)
    most = max(turns, key=lambda t: t.whole_ns)
    least = min(turns, key=lambda t: t.whole_ns)
    if least.early:
        return fill(_("{name} stopped early, by choice"), name=literal(least.name, 20))
    more = difference(most.whole_ns, least.whole_ns, hours=hours)
    line = fill(_("Not equal: {name} had {time} more"), name=literal(most.name, 20), time=more)
    return line.append_text(evened)


def _hours(summary: Summary) -> bool:
    return needs_hours(summary.total_ns, *(t.actual_ns for t in summary.turns))


def _precise(summary: Summary) -> bool:
    """Milliseconds, when a late partner's time here and what they missed would not add up
    to their turn in whole seconds."""
    return not all(
        spent_ms(t.missed_ns) >= NS and adds_up(t.actual_ns, t.missed_ns)
        for t in summary.turns
        if t.missed_ns
    )


def _shown(summary: Summary) -> list[str]:
    """Each partner's time, agreeing with the verdict: a difference it says adds up."""
    compared = summary.status == "finished" and not summary.equal
    lengths = [t.actual_ns for t in summary.turns]
    return times_spent(lengths, compared=compared, hours=_hours(summary), precise=_precise(summary))


def partner_times(summary: Summary) -> Text:
    """ "Ann 30:00, Bob 30:00": each partner's time, as the table shows it."""
    shown = _shown(summary)
    return Text(", ").join(
        fill(_("{name} {time}"), name=literal(t.name, 20), time=time)
        for t, time in zip(summary.turns, shown, strict=True)
    )


def farewell(summary: Summary, *, saved: bool) -> str:
    """The line left in the terminal when the screen is gone: the session's record."""
    times = partner_times(summary)
    if summary.status == "finished":
        said = (
            _("Session complete: {times} · {verdict}")
            if saved
            else _("Session complete, not saved in the log: {times} · {verdict}")
        )
        line = fill(said, times=times, verdict=verdict(summary))
    elif saved:
        line = fill(_("Saved as aborted: {times} (focustimer log)"), times=times)
    else:
        line = fill(_("Ended, not saved in the log: {times}"), times=times)
    return line.plain


def table_rows(summary: Summary) -> list[tuple[TurnResult, str, list[str]]]:
    """Each partner's row: their time, and notes (overrun, stopped early, missed)."""
    rows = []
    hours = _hours(summary)
    shown = _shown(summary)
    for turn, time in zip(summary.turns, shown, strict=True):
        notes = []
        if turn.overrun_ns >= MS:
            notes.append(
                _("+{time} after the chime").format(time=time_spent(turn.overrun_ns, hours=hours))
            )
        if turn.early:
            notes.append(_("stopped early"))
        if turn.missed_ns:
            # In the precision of the time beside it, and what the turn's time shown less
            # it shows: the two add up to the turn.
            precise = "." in time
            missed_ns: Duration = turn.missed_ns
            if precise:
                missed_ns = spent_ms(turn.whole_ns) - spent_ms(turn.actual_ns)
            missed = times_spent([missed_ns], hours=hours, precise=precise)[0]
            notes.append(_("{time} before joining").format(time=missed))
        rows.append((turn, time, notes))
    return rows


NOTE_LENGTH = 200


class FinishedScreen(TimerScreen):
    FOOTER_MINOR = frozenset({"log"})  # left out of a narrow footer
    BINDINGS = [
        Binding("escape", "skip_note", N_("skip the note")),
        Binding("l", "log", N_("log")),
        Binding("q", "quit", N_("quit")),
    ]

    # The note's cursor blinks this long, to show where a note goes, then stands still: a
    # blink wakes the app twice a second (0.39 s of CPU a minute), and a calm screen is the
    # product, also when the window is left open after the call.
    NOTE_BLINK_S = 30.0

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
            # Shown once the log says the session could not be saved (now or later).
            unsaved = Label(_("This session is not saved in the log"), id="unsaved")
            unsaved.add_class("centre")
            unsaved.display = not self.timer_app.saved
            yield unsaved
            # How long the last boss went on after the last chime: shown, never counted.
            yield Label(id="since-chime", classes="centre")
            if self.summary.paused_ns >= MS:
                yield Label(
                    fill(
                        _("Paused {time} in all"),
                        time=time_spent(self.summary.paused_ns, hours=_hours(self.summary)),
                    ),
                    id="paused",
                    classes="centre",
                )
            with Center(id="note-row"):
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
        self.set_timer(self.NOTE_BLINK_S, self._still_cursor)

    def _still_cursor(self) -> None:
        for note in self.query("#note").results(Input):
            note.cursor_blink = False

    def refresh_view(self) -> None:
        since = self.timer_app.engine.view().since_chime_ns
        label = self.query_one("#since-chime", Label)
        label.display = since is not None
        if since is not None:
            label.update(_("+{time} since the chime").format(time=count_up(since)))

    def on_resize(self) -> None:
        self.query_one("#status", Label).update(self._status())

    def _table(self) -> Table:
        rows = [
            [
                name_text(turn.name, turn.order - 1),
                Text(time, justify="right"),
                Text(", ".join(notes), style="dim"),
            ]
            for turn, time, notes in table_rows(self.summary)
        ]
        # Rich measures an all-empty last column too narrow and cuts the times ("0:…").
        if not any(row[2].plain for row in rows):
            rows = [row[:2] for row in rows]
        table = Table.grid(padding=(0, 2))
        for row in rows:
            table.add_row(*row)
        return table

    def _status(self) -> Text:
        """Each partner's time and the verdict; the verdict alone if both do not fit one line."""
        line = fill(
            _("{times}: {verdict}"),
            times=partner_times(self.summary),
            verdict=verdict(self.summary),
        )
        room = self.app.size.width - 2  # the status line's padding
        return line if line.cell_len <= room else verdict(self.summary)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.query("#note")) if action == "skip_note" else True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        note = event.value.strip()
        if note:
            self.timer_app.save_note(note)
            self.query_one("#note-saved", Label).update(
                fill(_("Note saved: {note}"), note=literal(note, 60))
            )
        self._close_note()

    def action_skip_note(self) -> None:
        self._close_note()

    def _close_note(self) -> None:
        # The row goes with it: an empty Center is no container, and draws its own name.
        self.query("#note-row").remove()
        self.refresh_bindings()

    def action_log(self) -> None:
        self.timer_app.show_log()

    async def action_quit(self) -> None:
        self.app.exit(0)
