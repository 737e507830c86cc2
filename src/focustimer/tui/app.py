"""The Textual app: wires the engine's events to the screens, the chime and the log.

The app owns one wake-up timer, set for the next moment anything shown or due changes
(the next second on the countdown, a turn's deadline). Redraws follow the clock, never the
other way round: a late wake-up shows the right time, it never shifts a turn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from ..clock import NS, Clock, SystemClock
from ..duration import format_duration
from ..engine import Engine, State
from ..events import Event, SessionFinished, SessionStarted
from ..i18n import _
from ..options import Options
from ..plan import Plan
from ..sound.chime import Chime, Player
from ..sound.settings import make_chime
from ..visible import visible
from .alert import show_outcome
from .screens.finished import FinishedScreen
from .screens.help import HelpScreen
from .screens.ready import ReadyScreen
from .screens.session import SessionScreen

MAX_WAKE_NS = NS  # wake at least once a second: sleep detection and the window title
MIN_WAKE_S = 0.005


class FocusTimerApp(App[int]):
    CSS_PATH = "focustimer.tcss"
    TITLE = "focustimer"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (12, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", _("help"), key_display="?"),
    ]

    def __init__(
        self,
        engine: Engine,
        options: Options,
        listeners: tuple[Callable[[Event], None], ...] = (),
        chime: Chime | None = None,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.options = options
        self.chime = chime or Chime(engine.clock)
        self.chime.on_outcome = lambda outcome: show_outcome(self, outcome)
        self._wake: Timer | None = None
        self._title = ""
        for listener in listeners:
            engine.subscribe(listener)
        engine.subscribe(self._on_engine_event)

    # -- screens ----------------------------------------------------------------------------

    async def on_mount(self) -> None:
        self._set_terminal_title_stack(push=True)
        if self.options.now:
            await self.push_screen(SessionScreen())
            self.engine.start()
        else:
            await self.push_screen(ReadyScreen())
        self.poll_clock()

    def on_unmount(self) -> None:
        if self.engine.running:
            self.engine.abort()  # ctrl+q or a closed terminal: keep the times so far
        self.chime.close()
        self._set_terminal_title_stack(push=False)

    def _on_engine_event(self, event: Event) -> None:
        if isinstance(event, SessionStarted) and not isinstance(self.screen, SessionScreen):
            self.switch_screen(SessionScreen())
        elif isinstance(event, SessionFinished):
            self.switch_screen(FinishedScreen(event.summary))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- session actions (screens call these) -------------------------------------------------

    def start_session(self) -> None:
        if self.engine.state in (State.READY, State.SCHEDULED):
            self.engine.start()
            self.poll_clock()

    def toggle_pause(self) -> None:
        if self.engine.state in (State.RUNNING, State.TURN_OVER, State.PAUSED):
            self.engine.toggle_pause()
            self.poll_clock()

    def next_turn(self) -> None:
        self.engine.advance()
        self.poll_clock()

    def end_turn_early(self) -> None:
        self.engine.end_turn_early()
        self.poll_clock()

    def test_chime(self) -> None:
        self.chime.test()

    def quit_session(self) -> None:
        self.engine.abort()
        self.exit(0)

    # -- time -------------------------------------------------------------------------------

    def poll_clock(self) -> None:
        """Let the engine catch up with the clock, redraw, and sleep until the next change."""
        self.engine.tick()
        self.chime.follow()  # start the next sound's player ahead of its deadline
        screen = self.screen
        if screen.is_mounted and hasattr(screen, "refresh_view"):
            screen.refresh_view()  # a screen not mounted yet draws itself when it is
        self._update_terminal_title()
        self._schedule_wake()

    def _schedule_wake(self) -> None:
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        if self.engine.state in (State.FINISHED, State.ABORTED):
            return
        now = self.engine.clock.monotonic_ns()
        wake = now + min(MAX_WAKE_NS, self._next_visible_change_ns())
        deadline = self.engine.next_deadline()
        for due in (deadline, self.chime.wake_at()):
            if due is not None:
                wake = min(wake, due)
        delay = max(MIN_WAKE_S, (wake - now) / NS)
        self._wake = self.set_timer(delay, self.poll_clock, name="wake")

    def _next_visible_change_ns(self) -> int:
        """How long until a counter on screen shows another second."""
        view = self.engine.view()
        state = view.paused_from if view.state is State.PAUSED else view.state
        if view.state is State.PAUSED:
            return NS - int(view.pause_ns) % NS
        if state is State.RUNNING:
            return int(view.remaining_ns) % NS or NS
        if state is State.TURN_OVER:
            return NS - int(view.overrun_ns) % NS
        if state is State.SCHEDULED:
            return view.starts_in_ns % NS or NS
        return MAX_WAKE_NS

    # -- the terminal window's title ----------------------------------------------------------

    def _update_terminal_title(self) -> None:
        view = self.engine.view()
        if view.state in (State.RUNNING, State.PAUSED, State.TURN_OVER):
            clock = format_duration(view.remaining_ns)
            if (view.paused_from or view.state) is State.TURN_OVER:
                clock = _("time is up")
            title = f"{visible(view.boss, 20)} {clock} - focustimer"
            if view.state is State.PAUSED:
                title = f"{visible(view.boss, 20)} {clock} ({_('paused')}) - focustimer"
        else:
            title = "focustimer"
        if title != self._title:
            self._title = title
            self._write_terminal(f"\x1b]2;{title}\x07")

    def _set_terminal_title_stack(self, *, push: bool) -> None:
        # xterm's title stack: the terminal gets its own title back when we leave.
        self._write_terminal("\x1b[22;0t" if push else "\x1b[23;0t")

    def _write_terminal(self, sequence: str) -> None:
        driver: Any = self._driver
        if driver is not None and not self.is_headless:
            driver.write(sequence)


def make_app(
    options: Options,
    clock: Clock | None = None,
    listeners: tuple[Callable[[Event], None], ...] = (),
    player: Player | None = None,
) -> FocusTimerApp:
    """The one way to build the app, used by the command line and by the tests alike.

    UsageError (one line) when the sound cannot be set up as asked: all before the session.
    """
    plan = Plan(options.total_ns, options.names)
    if options.first:
        plan = plan.starting_with(options.first)
    engine = Engine(plan, clock or SystemClock(), auto=options.auto, even_out=options.even_out)
    chime = make_chime(options, engine.clock, player)
    chime.attach(engine)
    return FocusTimerApp(engine, options, listeners, chime)
