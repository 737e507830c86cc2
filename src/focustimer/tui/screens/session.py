"""The session screen: the boss, the time left in big digits and as plain text, who listens."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.timer import Timer
from textual.widgets import Label, ProgressBar

from ...engine.clock import NS
from ...engine.machine import State, View
from ...i18n import N_, _
from ...text import count_up, fill, literal, needs_hours, time_left, time_spent
from ..bindings import translate_bindings
from ..widgets.bigdigits import BigDigits, overrun_widest
from ..widgets.bottom import BottomBar
from ..widgets.partners import boss_line, colour, listeners_line, name_text, order_line
from ..widgets.press_again import PressAgain
from ..widgets.progress import QuietProgressBar
from .base import TimerScreen
from .questions import long_pause_question

PEEK_SECONDS = 5.0  # a key in the calm view shows the clock this long
# Keys that act leave the calm view calm; any other key peeks at the clock.
ACTING_KEYS = frozenset({"c", "n", "enter", "space", "q", "f", "t", "escape", "question_mark"})
LONG_PAUSE_NS = 30 * 60 * NS


def joined_late(joined_ns: int, total_ns: int) -> str:
    """How late this partner joined, as the finished screen will say it: a time spent, in
    the session's format (with hours when the session is that long)."""
    return time_spent(joined_ns, hours=needs_hours(total_ns))


class SessionScreen(TimerScreen):
    FOOTER_MINOR = frozenset({"calm", "quit_session"})  # left out of a narrow footer
    BINDINGS = [
        Binding("space", "pause", N_("pause")),
        Binding("space", "resume", N_("resume")),
        Binding("n", "next", N_("next")),
        Binding("enter", "next", N_("next"), show=False),
        Binding("n", "end_early", N_("end turn")),
        Binding("enter", "end_early", N_("end turn"), show=False),
        Binding("c", "calm", N_("calm")),
        Binding("q", "quit_session", N_("quit")),
        Binding("escape", "cancel", N_("cancel"), show=False),
    ]

    def __init__(self, *, calm: bool = False) -> None:
        super().__init__()
        translate_bindings(self)
        self._calm_chosen = calm
        self._peek_timer: Timer | None = None
        self._drawn_state: tuple[object, ...] = ()
        self._drawn_step = -1
        self._drawn_status = ""
        self._drawn_rows = 1

    @property
    def calm(self) -> bool:
        """The calm view is showing: chosen, and not peeked at for a moment."""
        return self._calm_chosen and self._peek_timer is None

    def compose(self) -> ComposeResult:
        with Vertical(id="session-body"):
            with Center(id="banner-row"):
                yield Label(_("PAUSED"), id="paused-banner")
            yield Label(id="boss", classes="centre")
            yield Label(id="order-line", classes="centre")
            with Center(id="clock-row"):
                yield BigDigits(id="clock")
            yield Label(id="listeners", classes="centre")
            with Center(id="progress-row"):
                # The whole session, turn by turn: it only ever moves forward.
                yield Label(_("session"), id="progress-label")
                yield QuietProgressBar(id="progress", show_eta=False, show_percentage=False)
            yield Label(id="joined", classes="centre")
            yield PressAgain(id="notice")
        yield BottomBar()

    def on_mount(self) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.query_one("#clock", BigDigits).fit()  # the digits grow and shrink with the terminal

    # -- drawing ------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Redraw from the engine's view; only what changed is touched (this runs every second)."""
        view = self.timer_app.engine.view()
        phase = view.phase
        state = (view.state, phase, view.turn, self.calm, view.warned)
        if state != self._drawn_state:
            self._drawn_state = state
            self._draw_state(view, phase)
        if not self.calm:
            digits = self.query_one("#clock", BigDigits)
            # One size for the whole turn (and one for its overrun): the digits never jump.
            hours = self._hours(view)
            if phase is State.TURN_OVER:
                overrun = "+" + count_up(view.overrun_ns, hours=hours)
                digits.update(overrun, widest=overrun_widest(hours))
            else:
                widest = time_left(view.turn_planned_ns, hours=hours)
                digits.update(time_left(view.remaining_ns, hours=hours), widest=widest)
        # Half-cell steps of a 50-cell bar: finer updates would not show, but would cost.
        step = progress_step(view)
        if step != self._drawn_step:
            self._drawn_step = step
            progress = self.query_one("#progress", ProgressBar)
            progress.update(total=100, progress=step)
        status = self._status(view, phase)
        if status.plain != self._drawn_status:
            # A new layout only when the line wraps differently (a narrow screen): it is costly.
            room = self._status_room()
            rows = -(-status.cell_len // room)
            label = self.query_one("#status", Label)
            label.update(status, layout=rows != self._drawn_rows)
            self._drawn_status, self._drawn_rows = status.plain, rows

    def _draw_state(self, view: View, phase: State | None) -> None:
        """What changes with the state, not with the seconds: names, classes, keys."""
        press_again = self.query_one(PressAgain)
        if press_again.asking("end_early") and (
            phase is not State.RUNNING or view.turn != press_again.about
        ):
            press_again.cancel()  # that turn is over: the next n must ask again
        self.set_class(view.state is State.PAUSED, "-paused")
        self.set_class(phase is State.TURN_OVER, "-turn-over")
        self.set_class(self.calm, "-calm")
        self.set_class(view.warned and phase is State.RUNNING, "-warned")
        group = len(view.names) > 2
        order = self.query_one("#order-line", Label)
        order.display = group
        if group:
            order.update(order_line(view.names, view.turn))
        boss = self.query_one("#boss", Label)
        listeners = self.query_one("#listeners", Label)
        if phase is State.TURN_OVER:
            boss.update(fill(_("Time is up for {boss}"), boss=name_text(view.boss, view.turn)))
            listeners.update(self._next_step(view))
        else:
            boss.update(boss_line(view.names, view.turn))
            listeners.update(listeners_line(view.names, view.turn))
        digits = self.query_one("#clock", BigDigits)
        digits.styles.color = colour(view.turn) if phase is State.RUNNING else None
        self._draw_joined(view)
        self.refresh_bindings()

    def _draw_joined(self, view: View) -> None:
        """A partner who started late: say where the schedule they joined began."""
        joined = self.query_one("#joined", Label)
        at_wall_ns = self.timer_app.options.at_wall_ns
        joined.display = bool(view.joined_ns) and at_wall_ns is not None
        if view.joined_ns and at_wall_ns is not None:
            at = datetime.fromtimestamp(at_wall_ns // NS).astimezone()
            joined.update(
                _("Joined {late} late: the schedule started at {at}").format(
                    late=joined_late(view.joined_ns, self.timer_app.engine.plan.total_ns),
                    at=at.strftime("%H:%M:%S"),
                )
            )

    def _next_step(self, view: View) -> Text:
        assert view.next_boss is not None  # the last chime ends the session: no turn over
        return fill(
            _("{name}, press n to start your turn"), name=name_text(view.next_boss, view.turn + 1)
        )

    @staticmethod
    def _hours(view: View) -> bool:
        return needs_hours(view.turn_planned_ns)

    def _status(self, view: View, phase: State | None) -> Text:
        """The same facts as the big display, in plain text for screen readers and tmux, on
        one line: a long name is shortened (…) first, then "turn 1 of 8" left out (the order
        line says it), so the time stays in view and nothing below is pushed off the screen."""
        room = self._status_room()
        if self.calm:  # no time to keep in view: the hint at its end gives way
            line = self._status_with(view, phase, 30, turn=True)
            line.truncate(room, overflow="ellipsis")
            return line
        for limit, turn in [
            *((n, True) for n in range(30, 5, -1)),
            *((n, False) for n in range(6, 1, -1)),
        ]:
            line = self._status_with(view, phase, limit, turn=turn)
            if line.cell_len <= room:
                return line
        line.truncate(room, overflow="ellipsis")
        return line

    def _status_room(self) -> int:
        """The status line's width: its own (less a scrollbar the body may show), else the
        screen's less its padding."""
        room = self.query_one("#status").content_region.width or self.app.size.width - 2
        return max(1, room)

    def _status_with(self, view: View, phase: State | None, limit: int, *, turn: bool) -> Text:
        turn_of = _("turn {n} of {count}").format(n=view.turn + 1, count=len(view.names))
        boss = literal(view.boss, limit)
        hours = self._hours(view)
        if phase is State.TURN_OVER:
            parts = [fill(_("Time is up for {boss}"), boss=boss)]
        else:
            parts = [fill(_("{boss} is boss"), boss=boss)]
        if self.calm:
            parts += [Text(turn_of), Text(_("calm view: c shows the clock"))]
            if view.state is State.PAUSED:
                parts.insert(0, Text(_("Paused")))
            return Text(" · ").join(parts)
        if phase is State.TURN_OVER:
            parts.append(Text("+" + count_up(view.overrun_ns, hours=hours)))
        else:
            parts.append(fill(_("{time} left"), time=time_left(view.remaining_ns, hours=hours)))
        if turn:
            parts.append(Text(turn_of))
        if view.state is State.PAUSED:
            parts.insert(0, fill(_("Paused {time}"), time=count_up(view.pause_ns)))
        elif view.warned and phase is State.RUNNING:
            parts.append(Text(_("warning given")))
        return Text(" · ").join(parts)

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.timer_app.engine.view()
        phase = view.phase
        if action == "pause":
            return view.state in (State.RUNNING, State.TURN_OVER)
        if action == "resume":
            return view.state is State.PAUSED
        if action == "next":
            return phase is State.TURN_OVER
        if action == "end_early":
            return phase is State.RUNNING
        return True

    def action_pause(self) -> None:
        self._cancel_confirmation()
        self.timer_app.toggle_pause()

    def action_resume(self) -> None:
        self._cancel_confirmation()
        view = self.timer_app.engine.view()
        if view.pause_ns >= LONG_PAUSE_NS:
            self.app.push_screen(
                long_pause_question(view.boss, int(view.pause_ns)), self._after_long_pause
            )
            return
        self.timer_app.toggle_pause()

    def _after_long_pause(self, answer: str | None) -> None:
        if answer == "end":
            self.timer_app.end_session()
        elif answer == "go_on":
            self.timer_app.toggle_pause()

    def action_calm(self) -> None:
        self._calm_chosen = not (self._calm_chosen and self._peek_timer is None)
        self._stop_peek()
        self.timer_app.poll_clock()

    def on_key(self, event: object) -> None:
        """In the calm view, a key that does nothing here shows the clock for a moment."""
        if self._calm_chosen and getattr(event, "key", None) not in ACTING_KEYS:
            self._stop_peek()
            self._peek_timer = self.set_timer(PEEK_SECONDS, self._end_peek)
            self.timer_app.poll_clock()

    def _end_peek(self) -> None:
        self._peek_timer = None
        self.timer_app.poll_clock()

    def _stop_peek(self) -> None:
        if self._peek_timer is not None:
            self._peek_timer.stop()
            self._peek_timer = None

    def action_next(self) -> None:
        self._cancel_confirmation()
        if self.timer_app.engine.state is State.PAUSED:
            self.timer_app.toggle_pause()
        self.timer_app.next_turn()

    def action_end_early(self) -> None:
        view = self.timer_app.engine.view()
        press_again = self.query_one(PressAgain)
        if press_again.confirms("end_early", about=view.turn):
            self.timer_app.end_turn_early()
            return
        question = fill(
            _("Press n again to end {boss}'s turn now ({time} left is given up)"),
            boss=literal(view.boss, 20),
            time=time_left(view.remaining_ns, hours=self._hours(view)),
        )
        press_again.ask("end_early", question, about=view.turn)

    def action_quit_session(self) -> None:
        press_again = self.query_one(PressAgain)
        if press_again.confirms("quit"):
            self.timer_app.quit_session()
            return
        press_again.ask("quit", Text(_("Press q again to end the session and quit")))

    def action_cancel(self) -> None:
        self._cancel_confirmation()

    def _cancel_confirmation(self) -> None:
        self.query_one(PressAgain).cancel()


def progress_step(view: View) -> int:
    """How far the session is, 0 to 100, counted in turns: it never moves backwards.

    Each turn is an equal part of the bar however long it turned out (an evened-out turn is
    longer); a turn ended early or run over counts in full.
    """
    count = len(view.names)
    phase = view.phase
    if phase in (State.FINISHED, State.ABORTED):
        return 100
    if phase in (State.READY, State.SCHEDULED):
        return 0
    done = Fraction(view.turn)
    if phase is State.TURN_OVER:
        done += 1
    elif view.turn_planned_ns:
        done += 1 - view.remaining_ns / view.turn_planned_ns
    return min(100, int(100 * done / count))
