"""The Textual app: shows the engine's state on its screens and turns keys into its actions.

It is handed its parts (engine, chime, the log's recorder) by ``focustimer.compose``.

The app owns one wake-up timer, set for the next moment anything shown or due changes
(the next second on the countdown, a turn's deadline, the log's heartbeat; see ``wake.py``).
Redraws follow the clock, never the other way round: a late wake-up shows the right time, it
never shifts a turn.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from ..engine.actions import END, FIRST, NEXT, PAUSE, RESUME, START, apply
from ..engine.clock import NS
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
from ..i18n import N_, _
from ..settings.options import Options
from ..sound.chime import Chime
from ..text import fill, literal, needs_hours, time_left
from .alert import show_outcome
from .bindings import translate_bindings
from .screens.base import TimerScreen
from .screens.ready import ReadyScreen, skipped_warning
from .screens.session import SessionScreen
from .wake import MIN_WAKE_NS, next_wake, wake_delay

if TYPE_CHECKING:
    from ..engine.turns import Summary
    from ..log import CutOff, Recorder
    from .linking import Linking

# The finished, help and log screens and the sleep question are imported when first shown: a
# session's first frame and its long running part do not need them (memory, start-up).

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
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (12, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", N_("help"), key_display="?"),
    ]

    def __init__(
        self,
        engine: Engine,
        options: Options,
        chime: Chime,
        *,
        recorder: Recorder | None = None,
        first_reason: Text | str = "",
        continuing: CutOff | None = None,
        offer: CutOff | None = None,
        notices: Sequence[str] = (),
        log_path: Path,
    ) -> None:
        """The app is handed its parts, built and wired to the engine (``focustimer.compose``).

        ``recorder``: the log's writer, None for a session not kept; ``notices``: problems
        found while setting up, told once the first screen is up.
        """
        super().__init__()
        self.log_path = log_path  # the session log, for the log and stats screens
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
        self.chime = chime
        self.chime.on_outcome = lambda outcome: show_outcome(self, outcome)
        self._wake: asyncio.TimerHandle | None = None
        self._redraw_at: int | None = None  # the next change on screen (monotonic ns), if any
        # For tests: how long until the next redraw, and how long the app sleeps now.
        self.redraw_delay_s: float | None = None
        self.wake_delay_s: float | None = None
        self._title = ""
        self._quitting = False
        self.notices_at_start = list(notices)  # shown once the first screen is up
        self.notices: list[Text] = []  # shown above the status line, never over it
        self._log_failed = False
        self._summary: Summary | None = None  # the session's end, for the farewell
        self.linking: Linking | None = None  # a linked session (--link, join): cli/linked.py
        engine.subscribe(self._on_engine_event)  # last: after the chime and the log

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
            super().notify(text.plain, markup=False, severity=severity, timeout=timeout)
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
            self.push_screen(LogScreen(self.log_path))

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
        if isinstance(screen, TimerScreen) and screen.is_mounted:
            screen.refresh_view()  # a screen not mounted yet draws itself when it is
        view = self.engine.view()  # once for both: a view is a few dozen Fraction sums
        self._update_terminal_title(view)
        self._schedule_wake(view)

    def _schedule_wake(self, view: View) -> None:
        now = self.engine.clock.monotonic_ns()
        delay = next_wake(
            view,
            now,
            calm=self._calm,
            counting_since_chime=self.engine.counting_since_chime,
            due=(self.engine.next_deadline(), self.chime.wake_at()),
        )
        self._redraw_at = None if delay is None else now + delay
        self.redraw_delay_s = None if delay is None else delay / NS
        self._arm(now)

    def _arm(self, now: int) -> None:
        """One wake-up, for the next redraw or the log's next heartbeat, whichever comes first.

        The log wants the time so far every half second (a process killed loses less than a
        second); the calm view redraws every 15 s: between redraws, a wake-up only beats.
        """
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        beat = None if self.recorder is None else self.recorder.next_heartbeat_ns
        delay = wake_delay(now, self._redraw_at, beat)
        self.wake_delay_s = None if delay is None else delay / NS
        if self.wake_delay_s is not None:
            # One asyncio handle, not a Textual timer: set_timer builds a Timer, a task and a
            # callback wrapper every time, and this runs every second of the session.
            self._wake = asyncio.get_running_loop().call_later(self.wake_delay_s, self._woken)

    def _woken(self) -> None:
        self._wake = None
        try:
            self.wake_up()
        except Exception as error:
            self.call_next(_raise, error)  # so that it ends the app as any error there does

    def wake_up(self) -> None:
        """What the wake-up does: a redraw when one is due, else only the log's heartbeat.

        The heartbeat is called here, as a Textual timer would call it; the redraw goes
        through the app's queue. Between the calm view's redraws, a wake-up costs a beat.
        """
        if self._quitting or not self.screen_stack:
            return
        now = self.engine.clock.monotonic_ns()
        if self._redraw_at is not None and now >= self._redraw_at - MIN_WAKE_NS:
            self.call_next(self.poll_clock)  # (a hair early, it wakes again a moment later)
            return
        if self.recorder is not None:
            self.recorder.heartbeat()
        self._arm(now)

    @property
    def _calm(self) -> bool:
        return isinstance(self.screen, TimerScreen) and self.screen.calm

    # -- the terminal window's title ----------------------------------------------------------

    def _update_terminal_title(self, view: View) -> None:
        title = window_title(view, calm=self._calm)
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


def _raise(error: Exception) -> None:
    raise error


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
