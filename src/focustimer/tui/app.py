"""The Textual app: wires the engine's events to the screens, the chime and the log.

The app owns one wake-up timer, set for the next moment anything shown or due changes
(the next second on the countdown, a turn's deadline). Redraws follow the clock, never the
other way round: a late wake-up shows the right time, it never shifts a turn.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from ..engine.actions import END, FIRST, NEXT, PAUSE, RESUME, START, apply
from ..engine.clock import NS, Clock, SystemClock
from ..engine.events import (
    Event,
    Paused,
    PauseReason,
    SessionAborted,
    SessionContinued,
    SessionFinished,
    SessionStarted,
)
from ..engine.machine import Engine, State, View
from ..engine.plan import Plan
from ..i18n import N_, _
from ..log import OFFER_S, Recorder
from ..settings.names import find_person
from ..settings.options import Options
from ..sound.chime import Chime, Player
from ..sound.settings import make_chime
from ..text import fill, literal, needs_hours, time_left
from .alert import show_outcome
from .bindings import translate_bindings
from .compat import notify_literal
from .screens.ready import ReadyScreen, skipped_warning
from .screens.session import SessionScreen

if TYPE_CHECKING:
    from ..engine.turns import Summary
    from ..log import CutOff
    from .linking import Linking

# The finished, help and log screens and the sleep question are imported when first shown: a
# session's first frame and its long running part do not need them (memory, start-up).

MAX_WAKE_NS = NS
CALM_STEP_NS = 15 * NS  # the calm view moves this seldom
MIN_WAKE_S = 0.005
END_SIGNALS = ("SIGTERM", "SIGHUP")  # end the session as aborted, its times saved
EXIT_GRACE_S = 2.0
# The last chime brings the finished screen at once, its note field ready for typing. The
# session's keys pressed as it came, or out of habit, must not start or submit a note.
HABIT_KEYS = ("n", "space", "enter")
HABIT_GRACE_NS = 3 * NS


class LogProblem(Message):
    """A line from the log's writer thread: a warning, good news, or (``lost``) that the
    session goes on unsaved."""

    def __init__(self, text: str, lost: bool = False) -> None:
        super().__init__()
        self.text = text
        self.lost = lost


class FocusTimerApp(App[int]):
    CSS_PATH = "focustimer.tcss"
    TITLE = "focustimer"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    # How often the log's heartbeat is offered; it saves at most once a HEARTBEAT_NS of the
    # engine's clock, so tests on a fake clock may offer it faster.
    heartbeat_s = OFFER_S
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (12, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", N_("help"), key_display="?"),
    ]

    def __init__(
        self,
        engine: Engine,
        options: Options,
        listeners: tuple[Callable[[Event], None], ...] = (),
        first_reason: Text | str = "",
        recorder: Recorder | None = None,
        chime: Chime | None = None,
        *,
        continuing: CutOff | None = None,
        offer: CutOff | None = None,
    ) -> None:
        super().__init__()
        self.continuing = continuing  # the session cut off that this one goes on with
        self.offer = offer  # a session of these partners cut off, that r takes up instead
        self.resume_with: CutOff | None = None  # r was pressed: run that session instead
        translate_bindings(self)
        self.theme = options.theme
        self.engine = engine
        self.options = options
        self.first_reason = Text(first_reason) if isinstance(first_reason, str) else first_reason
        self.farewell = ""  # the line printed when the screen is gone: the session's record
        self.recorder = recorder
        self.chime = chime or Chime(engine.clock)
        self.chime.on_outcome = lambda outcome: show_outcome(self, outcome)
        self._wake: asyncio.TimerHandle | None = None
        self.wake_delay_s: float | None = None  # how long the app sleeps now, for tests
        self._title = ""
        self._quitting = False
        self.notices_at_start: list[str] = []  # problems found while setting up, shown once
        self.notices: list[Text] = []  # shown above the status line, never over it
        self._log_failed = False
        self._summary: Summary | None = None  # the session's end, for the farewell
        self.linking: Linking | None = None  # a linked session (--link, join): cli/linked.py
        for listener in listeners:
            engine.subscribe(listener)
        engine.subscribe(self._on_engine_event)

    # -- screens ----------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        key = isinstance(event, events.Key) and not event.is_forwarded
        if key and self.engine.counting_since_chime:
            since = self.engine.view().since_chime_ns or 0
            self.engine.stop_since_chime()  # any key: the partners have seen enough
            self.call_later(self.poll_clock)
            if since < HABIT_GRACE_NS and getattr(event, "key", "") in HABIT_KEYS:
                return  # n, space or enter from the session, not the start of a note
        await super().on_event(event)

    async def on_mount(self) -> None:
        self._set_terminal_title_stack(push=True)
        if self.recorder is not None:
            self.recorder.start(self._report_log_problem)
            # Its own beat: the calm view wakes only every 15 s, the log must hear every 2 s.
            self.set_interval(self.heartbeat_s, self.recorder.heartbeat, name="heartbeat")
        told = list(self.notices_at_start)
        if not self.is_headless:
            self._handle_end_signals()
        at_wall_ns = self.options.at_wall_ns
        # The agreed start has passed: join the schedule where it has got to.
        joining = at_wall_ns is not None and at_wall_ns <= self.engine.clock.wall_ns()
        if self.linking is not None:
            self.linking.attach(self)
        if self.options.skipped_warn_ns and (self.options.now or joining):
            told.append(skipped_warning(self.options))  # no ready screen to say it on
        if self.options.now or joining:
            await self.push_screen(SessionScreen(calm=self.options.calm))
            if at_wall_ns is not None and joining:
                self.engine.join(at_wall_ns)
            else:
                self.act(START)
        else:
            if at_wall_ns is not None:
                self.engine.schedule(at_wall_ns)
            await self.push_screen(ReadyScreen())
        if self.linking is not None:
            self.linking.listen()
        # Told once the first screen is up (and the session started, which clears notices):
        # in its notice line, not as toasts over the status line.
        for notice in told:
            self.notify(notice, severity="warning", timeout=15)
        self.poll_clock()

    def on_unmount(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
        if self.engine.running:
            self._quitting = True
            self.engine.abort()  # ctrl+q or a closed terminal: keep the times so far
        if self.recorder is not None:
            self.recorder.close()
        if self._summary is not None:
            from .screens.finished import farewell

            # Once the last rows were written or failed: the line says whether they were saved.
            self.farewell = farewell(self._summary, saved=self.saved)
        self.chime.close()
        self._set_terminal_title_stack(push=False)

    def _handle_end_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for name in END_SIGNALS:
            number = getattr(signal, name, None)
            # Windows has no SIGHUP, and its event loops take no signal handlers.
            if number is not None:
                with suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(number, self._end_by_signal, number)

    def _end_by_signal(self, number: int) -> None:
        """SIGTERM or SIGHUP (the terminal closed): keep the times, save them, then leave."""
        if self.engine.running:
            self._quitting = True  # no finished screen: the app is leaving
            self.engine.abort()
        if self.recorder is not None:
            self.recorder.flush()  # saved before anything touches the terminal
        # Leaving restores the terminal. After a hangup there is none, and Textual's driver
        # can wait forever on its output thread: the session is saved, so end regardless.
        watchdog = threading.Timer(EXIT_GRACE_S, os._exit, (128 + number,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=128 + number)

    def _report_log_problem(self, text: str, lost: bool) -> None:
        # From the writer thread: post_message is thread-safe.
        self.post_message(LogProblem(text, lost))

    def on_log_problem(self, message: LogProblem) -> None:
        if message.lost:
            self._log_failed = True
            for screen in self.screen_stack:
                for line in screen.query("#unsaved"):
                    line.display = True
        self.notify(message.text, severity="warning", timeout=15)

    # -- notices --------------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice, ours or Textual's, shown literally (it may hold a path or a name).

        On our screens it goes in the notice line above the status line, so that it never
        covers the status line or a "press again" prompt; over a question or help it is a toast.
        """
        text = literal(message)
        if title:
            text = Text.assemble((title, "bold"), " ", text)
        if not self.screen.query("#notices"):
            notify_literal(super().notify, text.plain, severity=severity, timeout=timeout)
            return
        if severity in ("warning", "error"):
            text.stylize("bold")
        self.notices.append(text)
        self.set_timer(
            timeout or self.NOTIFICATION_TIMEOUT, lambda: self._drop_notice(text), name="notice"
        )
        self.show_notices()

    def _drop_notice(self, text: Text) -> None:
        if text in self.notices:
            self.notices.remove(text)
            self.show_notices()

    def show_notices(self) -> None:
        for screen in self.screen_stack:
            for line in screen.query("#notices"):
                line.show(self.notices)  # type: ignore[attr-defined]

    def _on_engine_event(self, event: Event) -> None:
        if isinstance(event, (SessionFinished, SessionAborted)):
            from .screens.finished import farewell

            self._summary = event.summary
            self.farewell = farewell(event.summary, saved=self.saved)
        if self._quitting:
            return  # leaving: no screen to switch to (the times are saved by the recorder)
        if isinstance(event, (SessionStarted, SessionContinued)):
            self.notices.clear()  # what the ready screen said is done with
            self.show_notices()
            if not isinstance(self.screen, SessionScreen):
                self.switch_screen(SessionScreen(calm=self.options.calm))
        elif isinstance(event, (SessionFinished, SessionAborted)):
            from .screens.finished import FinishedScreen

            self.switch_screen(FinishedScreen(event.summary))
        elif isinstance(event, Paused) and event.reason is PauseReason.SLEEP:
            self.call_later(self._ask_about_sleep)

    @property
    def saved(self) -> bool:
        """Whether the session is in the log: only a "not saved" from the recorder says no."""
        if self.recorder is None:
            return False
        return not (self._log_failed or self.recorder.lost)

    def _ask_about_sleep(self) -> None:
        # Only if still asleep-paused: a key on waking (n after the chime) may have moved on.
        view = self.engine.view()
        if view.state is State.PAUSED and view.sleep_ns:
            from .screens.questions import sleep_question

            self.push_screen(sleep_question(view.boss, view.sleep_ns), self._after_sleep)

    def _after_sleep(self, answer: str | None) -> None:
        if answer is not None and self.engine.state is State.PAUSED:
            self.engine.resume(count_sleep=answer == "turn")
            self.poll_clock()

    async def action_quit(self) -> None:
        """ctrl+q: during a turn it asks first, as q does; a slip must not end the session."""
        sessions = [s for s in self.screen_stack if isinstance(s, SessionScreen)]
        if self.engine.running and sessions:
            # Help or a question may be on top: close them, so the question to quit is seen.
            while self.screen is not sessions[-1]:
                await self.pop_screen()
            sessions[-1].action_quit_session()
            return
        await super().action_quit()

    def action_help_quit(self) -> None:
        """ctrl+c: many reach for it to quit; say, in their language, what does."""
        self.notify(
            _("ctrl+c does not quit: press q (twice during a session)"),
            title=_("Do you want to quit?"),
        )

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def show_log(self) -> None:
        """The log screen, from the ready and finished screens (never over a running session)."""
        from .screens.log import LogScreen

        if not isinstance(self.screen, LogScreen):
            self.push_screen(LogScreen())

    def save_note(self, text: str) -> None:
        if self.recorder is not None and text.strip():
            self.recorder.note(text)

    # -- session actions (screens call these) -------------------------------------------------

    def act(self, name: str, boss: str = "") -> None:
        """An action of this screen's keys: to the engine, and to a linked partner's."""
        if self.linking is not None:
            self.linking.act(name, boss)
        else:
            apply(self.engine, name, None, boss)
        self.poll_clock()

    def start_session(self) -> None:
        if self.engine.state in (State.READY, State.SCHEDULED):
            self.act(START)

    def toggle_pause(self) -> None:
        if self.engine.state in (State.RUNNING, State.TURN_OVER):
            self.act(PAUSE)
        elif self.engine.state is State.PAUSED:
            self.act(RESUME)

    def next_turn(self) -> None:
        self.act(NEXT)

    def end_turn_early(self) -> None:
        self.act(END)

    def resume_instead(self) -> None:
        """Key r on the ready screen: leave this session for the one cut off (run_session
        starts it)."""
        if self.offer is not None and self.engine.state is State.READY:
            self.resume_with = self.offer
            self.exit(0)

    def swap_first(self) -> None:
        """The next partner in the circle starts instead (key f on the ready screen)."""
        names = self.engine.plan.names
        self.act(FIRST, names[1])
        self.first_reason = fill(_("{name} starts: you chose"), name=literal(names[1], 20))
        self.poll_clock()

    def end_session(self) -> None:
        """End the session now, keeping the times so far, and show the summary."""
        self.engine.abort()
        if self.linking is not None:  # the partner's session goes on, and they are told
            self.run_worker(self.linking.close(), exit_on_error=False)
        self.poll_clock()

    def test_chime(self) -> None:
        self.chime.test()

    def quit_session(self) -> None:
        self._quitting = True
        self.engine.abort()
        self.exit(0)

    # -- time -------------------------------------------------------------------------------

    def poll_clock(self) -> None:
        """Let the engine catch up with the clock, redraw, and sleep until the next change."""
        if self._quitting or not self.screen_stack:
            return  # a wake-up queued as the app left: the log has the end, no screen to draw
        self.engine.tick()
        if self.recorder is not None:
            self.recorder.heartbeat()
        self.chime.follow()  # start the next sound's player ahead of its deadline
        screen = self.screen
        if screen.is_mounted and hasattr(screen, "refresh_view"):
            screen.refresh_view()  # a screen not mounted yet draws itself when it is
        view = self.engine.view()  # once for both: a view is a few dozen Fraction sums
        self._update_terminal_title(view)
        self._schedule_wake(view)

    def _schedule_wake(self, view: View) -> None:
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        self.wake_delay_s = None
        if self.engine.state is State.ABORTED:
            return
        if self.engine.state is State.FINISHED and not self.engine.counting_since_chime:
            return
        now = self.engine.clock.monotonic_ns()
        wake = now + self._next_visible_change_ns(view)
        deadline = self.engine.next_deadline()
        for due in (deadline, self.chime.wake_at()):
            if due is not None:
                wake = min(wake, due)
        delay = max(MIN_WAKE_S, (wake - now) / NS)
        self.wake_delay_s = delay
        # One asyncio handle, not a Textual timer: set_timer builds a Timer, a task and a
        # callback wrapper every time, and this runs every second of the session.
        self._wake = asyncio.get_running_loop().call_later(delay, self._woken)

    def _woken(self) -> None:
        self._wake = None
        self.call_next(self.poll_clock)  # in the app's own queue, so errors end it as usual

    def _next_visible_change_ns(self, view: View) -> int:
        """How long until a counter on screen shows another second."""
        state = view.phase
        if getattr(self.screen, "calm", False):
            return CALM_STEP_NS
        if view.state is State.PAUSED:
            return NS - int(view.pause_ns) % NS
        if state is State.RUNNING:
            return int(view.remaining_ns) % NS or NS
        if state is State.TURN_OVER:
            return NS - int(view.overrun_ns) % NS
        if state is State.SCHEDULED:
            return view.starts_in_ns % NS or NS
        if view.since_chime_ns is not None:
            return NS - int(view.since_chime_ns) % NS
        return MAX_WAKE_NS  # at least once a second: sleep detection and the window title

    # -- the terminal window's title ----------------------------------------------------------

    def _update_terminal_title(self, view: View) -> None:
        title = window_title(view, calm=getattr(self.screen, "calm", False))
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


def window_title(view: View, *, calm: bool = False) -> str:
    """The terminal window's title: a sentence fragment in the partners' language."""
    boss = literal(view.boss, 20)
    if view.state is State.SCHEDULED:
        what = fill(_("Starts in {time}"), time=time_left(view.starts_in_ns))
    elif view.state not in (State.RUNNING, State.PAUSED, State.TURN_OVER):
        return "focustimer"
    elif view.phase is State.TURN_OVER:
        what = fill(_("Time is up for {boss}"), boss=boss)
    elif calm:
        what = fill(_("{boss} is boss"), boss=boss)  # the calm view shows no time, nor does this
    else:
        hours = needs_hours(view.turn_planned_ns)
        what = fill(_("{boss} {time}"), boss=boss, time=time_left(view.remaining_ns, hours=hours))
    if view.state is State.PAUSED:
        what = fill(_("{what} (paused)"), what=what)
    return f"{what.plain} - focustimer"


def choose_first(
    options: Options, last_first: Callable[[tuple[str, ...]], str | None] | None
) -> tuple[str, Text]:
    """Who is boss first, and why: --first, else alternate with the last session of these names."""
    names = options.names
    if options.first:
        return options.first, fill(_("{name} starts, as asked"), name=literal(options.first, 20))
    previous = last_first(names) if last_first else None
    # The log has the names as typed then: "ann" last time is Ann today.
    previous = find_person(previous, names) if previous is not None else None
    if previous is not None:
        first = names[(names.index(previous) + 1) % len(names)]
        return first, fill(
            _("{name} starts: {previous} started last time"),
            name=literal(first, 20),
            previous=literal(previous, 20),
        )
    return names[0], fill(_("{name} starts"), name=literal(names[0], 20))


def session_app(
    options: Options,
    listeners: tuple[Callable[[Event], None], ...] = (),
    continuing: CutOff | None = None,
) -> FocusTimerApp:
    """The app as ``focustimer`` runs it: the real clock, and the log on this computer.

    ``continuing``: a session cut off to go on with (``focustimer resume``); otherwise the
    ready screen offers one of these partners, if there is one.
    """
    from ..log import last_first_speaker

    told: list[str] = []
    offer = None
    if continuing is None and options.at_wall_ns is None and not options.now:
        offer = cut_off_of(options.names, told.append)
    app = make_app(
        options,
        listeners=listeners,
        last_first=lambda names: last_first_speaker(names, on_damaged=told.append),
        continuing=continuing,
        offer=offer,
    )
    app.notices_at_start += told  # the log was looked at before the app could say anything
    return app


def cut_off_of(names: tuple[str, ...] | None, on_damaged: Callable[[str], None]) -> CutOff | None:
    """The session to resume (of these partners, if ``names``); None when none, or the log
    cannot be read (that must never stop a session: the recorder tells its problems)."""
    import time

    from ..log import StoreError, find_cut_off, query_log

    try:
        return query_log(
            lambda store: find_cut_off(store, time.time_ns(), names), on_damaged=on_damaged
        )
    except StoreError:
        return None


def make_app(
    options: Options,
    clock: Clock | None = None,
    listeners: tuple[Callable[[Event], None], ...] = (),
    last_first: Callable[[tuple[str, ...]], str | None] | None = None,
    *,
    record: bool = True,
    player: Player | None = None,
    continuing: CutOff | None = None,
    offer: CutOff | None = None,
    linked: str | None = None,
) -> FocusTimerApp:
    """The one way to build the app, used by the command line and by the tests alike.

    ``linked``: the partner of a linked session (their name as the host typed it), for the log.

    UsageError (one line) when the sound cannot be set up as asked: all before the session.
    """
    if continuing is not None:
        plan, reason = continuing.plan, Text()  # its own order; the ready screen says the rest
    else:
        first, reason = choose_first(options, last_first)
        plan = Plan(options.total_ns, options.names).starting_with(first)
    engine = Engine(
        plan,
        clock or SystemClock(),
        auto=options.auto,
        even_out=options.even_out,
        warn_ns=options.warn_ns,
    )
    if continuing is not None:
        engine.continue_from(continuing.progress)
    chime = make_chime(options, engine.clock, player)
    chime.attach(engine)
    recorder = None
    if record:
        recorder = Recorder(
            engine, continuing=None if continuing is None else continuing.record, linked=linked
        )
        listeners = (recorder, *listeners)
    return FocusTimerApp(
        engine,
        options,
        listeners,
        first_reason=reason,
        recorder=recorder,
        chime=chime,
        continuing=continuing,
        offer=offer,
    )
