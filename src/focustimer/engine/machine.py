"""The turn engine: a pure state machine that keeps equal turns on an injected clock.

It decides everything about time. The chime and the log only react to its events; the screen
reacts to them too, and draws each frame from a ``View`` of the moment.
Time is always computed from the clock (turn start, minus paused intervals), never by counting
ticks, so a late or missed tick can delay an event's delivery but never its timestamp.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Concatenate, ParamSpec

from .clock import NS, Clock
from .events import (
    Event,
    Instant,
    OverrunEnded,
    Paused,
    PauseReason,
    Resumed,
    SessionAborted,
    SessionContinued,
    SessionFinished,
    SessionStarted,
    Timing,
    TurnEnded,
    TurnEndReason,
    TurnStarted,
    WarningCue,
)
from .events import State as State  # where it always was, for the screens
from .plan import Plan
from .progress import Progress
from .turns import PauseRecord, SessionStatus, Summary, Turn

SLEEP_THRESHOLD_NS = 5 * NS  # less than this between readings is scheduling jitter, not sleep
# After the last chime the finished screen may show how long the last boss went on; nobody's
# time, so it is shown for a while and then left alone.
SINCE_CHIME_LIMIT_NS = 5 * 60 * NS


P = ParamSpec("P")


class EngineError(RuntimeError):
    """An action that makes no sense in the current state (a bug in the caller)."""


@dataclass(frozen=True)
class View:
    """What a screen needs to draw one frame, computed from the clock."""

    state: State
    paused_from: State | None
    turn: int  # the current (or last) turn, 0-based
    names: tuple[str, ...]
    remaining_ns: Fraction  # of the current turn
    turn_planned_ns: Fraction
    overrun_ns: Instant  # since the chime, while the turn is over
    session_done_ns: Fraction  # boss time so far, for a progress bar over the session
    session_planned_ns: Fraction
    all_pauses_ns: Instant  # all pauses so far, the current one included
    pause_ns: Instant  # the current pause
    sleep_ns: int  # how long the computer slept, when a pause was caused by sleep
    starts_in_ns: int  # until a scheduled start
    warned: bool
    # Since the last chime ended the session, counting up to SINCE_CHIME_LIMIT_NS; None when
    # the session did not end by the chime, or the count was stopped. Nobody's time.
    since_chime_ns: Instant | None = None
    joined_ns: int = 0  # this machine joined the schedule this late (--at in the past)
    missed_ns: Fraction = Fraction(0)  # of the current turn, before this machine joined

    @property
    def phase(self) -> State:
        """What the session is doing, a pause set aside: running, turn over..."""
        if self.state is State.PAUSED and self.paused_from is not None:
            return self.paused_from
        return self.state

    @property
    def boss(self) -> str:
        return self.names[self.turn]

    @property
    def is_last(self) -> bool:
        return self.turn == len(self.names) - 1

    @property
    def next_boss(self) -> str | None:
        return None if self.is_last else self.names[self.turn + 1]


def _action(
    method: Callable[Concatenate[Engine, P], None],
) -> Callable[Concatenate[Engine, P], None]:
    """An action on the engine: when it is done, a ``Timing`` says how the times run on.

    Said once, after the outermost action (actions call each other and tick), and only if
    the action said anything else: a tick with nothing due stays silent.
    """

    @functools.wraps(method)
    def act(engine: Engine, /, *args: P.args, **kwargs: P.kwargs) -> None:
        engine._depth += 1
        try:
            method(engine, *args, **kwargs)
        finally:
            engine._depth -= 1
        if engine._depth == 0 and engine._changed:
            engine._changed = False
            engine._tell(engine._timing())

    return act


class Engine:
    """Plans a session of equal turns and runs it: start, pause, resume, next, end early, abort."""

    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        *,
        auto: bool = False,
        even_out: bool = True,
        warn_ns: int = 0,
    ) -> None:
        self.clock = clock
        self.auto = auto
        self.even_out = even_out
        self.warn_ns = warn_ns
        self._listeners: list[Callable[[Event], None]] = []
        self._depth = 0  # how many actions are under way (they call each other)
        self._changed = False  # an event was said since the last Timing
        self._latest: Instant | None = None  # the latest event's moment (actions come after)
        self._state = State.READY
        self._paused_from: State | None = None
        self._credit = 0  # sleep time counted as turn time, added to the monotonic clock
        self._pauses: list[PauseRecord] = []
        self._sleep_ns = 0
        self._turn_over_since: Instant = 0
        self._overrun_paused: Instant = 0
        self._start_wall_ns = 0
        self._chime_at: Instant | None = None  # the last chime, which ended the session
        self._joined_ns = 0
        self._progress: Progress | None = None  # a session cut off, to go on with
        self._since_chime_stopped: Instant | None = None
        self._last_reading = self._reading()
        self._set_plan(plan)

    # -- wiring -----------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Event], None]) -> None:
        """``listener`` is called with every event, in order, as it happens."""
        self._listeners.append(listener)

    def _emit(self, event: Event) -> None:
        if self._latest is None or event.at > self._latest:
            self._latest = event.at
        self._changed = True
        self._tell(event)

    def _tell(self, event: Event) -> None:
        for listener in self._listeners:
            listener(event)

    # -- reading the clock ----------------------------------------------------------------

    def _reading(self) -> tuple[int, int, int]:
        return self.clock.monotonic_ns(), self.clock.boot_ns(), self.clock.wall_ns()

    def now(self) -> int:
        """Engine time: the monotonic clock plus any sleep the partners chose to count."""
        return self.clock.monotonic_ns() + self._credit

    def _moment(self, at: Instant | None) -> Instant:
        """When an action given ``at`` takes effect: now, or a moment already past (an action
        made on a linked partner's screen, arriving late) but never before what has already
        happened here, nor after now."""
        now = self.now()
        if at is None:
            return now
        if self._latest is not None:
            at = max(at, self._latest)
        return min(at, now)

    def _catch_up(self, at: Instant) -> None:
        """Process what fell due up to ``at`` (a moment now or just past), sleep first."""
        awake_since = self._check_sleep()
        self._process_due(at, awake_since)

    def wall_at(self, at: Instant) -> int:
        """The wall-clock time of an engine instant, past or present."""
        return self.clock.wall_ns() - math.floor(self.now() - at)

    # -- the plan ---------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self._plan

    def _set_plan(self, plan: Plan) -> None:
        self._plan = plan
        self._turns = [Turn(i, name, plan.share_ns) for i, name in enumerate(plan.names)]
        self._current = 0

    def set_first(self, name: str) -> None:
        """Let ``name`` be boss first; only before the session starts."""
        self._require(State.READY, State.SCHEDULED)
        self._set_plan(self._plan.starting_with(name))

    def schedule(self, wall_ns: int) -> None:
        """Start the first turn when the wall clock reads ``wall_ns`` (``--at``).

        A moment just past still counts: the first turn then starts at that moment, exactly,
        as long as the engine was already waiting then (two machines stay in step).
        """
        self._require(State.READY)
        self._start_wall_ns = wall_ns
        self._state = State.SCHEDULED

    # -- state ------------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    @property
    def running(self) -> bool:
        """A session has started and is not over yet."""
        return self._state in (State.RUNNING, State.PAUSED, State.TURN_OVER)

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    def _require(self, *states: State) -> None:
        if self._state not in states:
            raise EngineError(f"not possible while {self._state.value}")

    def _turn(self) -> Turn:
        return self._turns[self._current]

    def _deadline(self, turn: Turn) -> Fraction:
        assert turn.started_at is not None
        return turn.started_at + turn.planned_ns - turn.missed_ns - turn.earlier_ns + turn.paused_ns

    def _warn_at(self, turn: Turn, from_: Instant | None = None) -> Fraction | None:
        """When the cue is due; ``from_``: the turn's start, if not started here yet."""
        if not self.warn_ns or turn.warned or self.warn_ns >= turn.planned_ns:
            return None
        if from_ is not None:
            return from_ + turn.planned_ns - self.warn_ns
        return self._deadline(turn) - self.warn_ns

    def next_deadline(self) -> int | None:
        """The monotonic clock reading at which ``tick`` has something to do, if any."""
        if self._state is State.SCHEDULED:
            wait = self._start_wall_ns - self.clock.wall_ns()
            return self.clock.monotonic_ns() + max(wait, 0)
        if self._state is not State.RUNNING:
            return None
        turn = self._turn()
        at = self._warn_at(turn)
        if at is None:
            at = self._deadline(turn)
        return math.ceil(at) - self._credit

    def view(self) -> View:
        return self._view_at(self.now())

    def _view_at(self, now: Instant) -> View:
        turn = self._turn()
        phase = self._paused_from if self._state is State.PAUSED else self._state
        pause_ns: Instant = 0
        if self._state is State.PAUSED:
            pause_ns = now - self._pauses[-1].start_at
        remaining = turn.planned_ns - turn.missed_ns - turn.earlier_ns  # not begun here yet
        overrun: Instant = 0
        if phase is State.RUNNING:
            remaining = max(Fraction(0), self._deadline(turn) - (now - pause_ns))
        elif phase in (State.TURN_OVER, State.FINISHED, State.ABORTED) or (
            turn.ended_at is not None
        ):
            remaining = turn.planned_ns - turn.missed_ns - turn.used_ns
        if phase is State.TURN_OVER:
            overrun = now - self._turn_over_since - self._overrun_paused - pause_ns
        done = sum((t.used_ns + t.missed_ns for t in self._turns[: self._current]), Fraction(0))
        done += turn.planned_ns - remaining
        planned = sum((t.planned_ns for t in self._turns), Fraction(0))
        starts_in = 0
        if self._state is State.SCHEDULED:
            starts_in = max(0, self._start_wall_ns - self.clock.wall_ns())
        return View(
            state=self._state,
            paused_from=self._paused_from if self._state is State.PAUSED else None,
            turn=self._current,
            names=self._plan.names,
            remaining_ns=remaining,
            turn_planned_ns=turn.planned_ns,
            overrun_ns=overrun,
            session_done_ns=done,
            session_planned_ns=planned,
            all_pauses_ns=sum((p.length_ns for p in self._pauses), pause_ns),
            pause_ns=pause_ns,
            sleep_ns=self._sleep_ns if self._state is State.PAUSED else 0,
            starts_in_ns=starts_in,
            warned=turn.warned,
            since_chime_ns=self._since_chime(now),
            joined_ns=self._joined_ns,
            missed_ns=turn.missed_ns,
        )

    def _timing(self) -> Timing:
        """How the times run on from now: what the chime and the log's heartbeat go by."""
        now = self.now()
        view = self._view_at(now)
        turn = self._turn()
        cue_due = end_due = None
        if self._state is State.RUNNING:
            end_due = self._deadline(turn) - self._credit
            warn_at = self._warn_at(turn)
            cue_due = None if warn_at is None else warn_at - self._credit
        return Timing(
            at=now,
            wall_ns=self.wall_at(now),
            clock_ns=now - self._credit,
            state=view.state,
            paused_from=view.paused_from,
            turn=view.turn,
            is_last=view.is_last,
            used_ns=view.turn_planned_ns - view.missed_ns - view.remaining_ns,
            overrun_ns=view.overrun_ns,
            all_pauses_ns=view.all_pauses_ns,
            cue_due=cue_due,
            end_due=end_due,
        )

    def _since_chime(self, now: Instant) -> Instant | None:
        if self._chime_at is None:
            return None
        if self._since_chime_stopped is not None:
            now = self._since_chime_stopped
        return min(now - self._chime_at, SINCE_CHIME_LIMIT_NS)

    @property
    def counting_since_chime(self) -> bool:
        """The finished screen's "since the chime" still moves (and needs redrawing)."""
        since = self._since_chime(self.now())
        return (
            since is not None and self._since_chime_stopped is None and since < SINCE_CHIME_LIMIT_NS
        )

    def stop_since_chime(self) -> None:
        """A key was pressed after the last chime: stop counting the time since it."""
        if self._chime_at is not None and self._since_chime_stopped is None:
            self._since_chime_stopped = min(self.now(), self._chime_at + SINCE_CHIME_LIMIT_NS)

    def summary(self) -> Summary:
        status = {State.FINISHED: SessionStatus.FINISHED, State.ABORTED: SessionStatus.ABORTED}.get(
            self._state, SessionStatus.RUNNING
        )
        return Summary(
            status=status,
            total_ns=self._plan.total_ns,
            turns=tuple(t.result() for t in self._turns),
            pauses=tuple(self._pauses),
            joined_ns=self._joined_ns,
        )

    # -- actions ------------------------------------------------------------------------------

    @_action
    def start(self, at: Instant | None = None) -> None:
        """Start the first turn now (the boss pressed space, or ``--now``).

        ``at``: a moment just past, when it was started on a linked partner's screen.
        A session taken up with ``continue_from`` goes on where it was cut off instead.
        """
        self._require(State.READY, State.SCHEDULED)
        self._last_reading = self._reading()  # sleep before the start belongs to no turn
        if self._progress is not None:
            self._go_on(self._progress)
        else:
            self._begin(self._moment(at))

    def continue_from(self, progress: Progress) -> None:
        """Take up a session that was cut off, where it had got to; ``start`` goes on with it.

        The plan (names in speaking order, total), ``auto``, ``even_out`` and ``warn_ns`` must
        be the session's own. Until ``start`` the view shows what will go on: the cut-off
        turn with the time it had left. ValueError if ``progress`` does not fit the plan.
        """
        self._require(State.READY)
        progress.check(tuple(t.share_ns for t in self._turns))
        for index, (turn, saved) in enumerate(zip(self._turns, progress.turns, strict=True)):
            turn.extension_ns = Fraction(saved.extension_ns)
            turn.warned = saved.warned
            turn.started_wall = saved.started_wall
            if index < progress.current or (index == progress.current and progress.after_chime):
                turn.used_ns = Fraction(saved.used_ns)
                turn.overrun_ns = saved.overrun_ns
                turn.early = saved.early
                turn.ended_at = 0  # in the run that was cut off: only its length matters now
                turn.ended_wall = saved.ended_wall
                turn.closed_wall = saved.ended_wall
            elif index == progress.current:
                turn.earlier_ns = Fraction(saved.used_ns)
        self._pauses = list(progress.pauses)
        self._current = progress.current
        self._progress = progress

    def _go_on(self, progress: Progress) -> None:
        """Go on with a session cut off: the gap is a pause, then the cut-off turn goes on."""
        monotonic, _boot, wall = self._last_reading
        now = monotonic + self._credit
        gap = max(0, wall - progress.cut_off_wall)
        index = progress.current
        plan = self._plan
        self._emit(
            SessionContinued(
                now, wall, plan.total_ns, plan.names, self.auto, self.even_out, index, gap
            )
        )
        cut_off = now - gap
        self._pauses.append(
            PauseRecord(index, PauseReason.CUT_OFF, cut_off, progress.cut_off_wall, now, wall)
        )
        self._emit(Paused(cut_off, progress.cut_off_wall, index, PauseReason.CUT_OFF))
        self._emit(Resumed(now, wall, index, gap))
        turn = self._turn()
        if progress.after_chime:
            # The boss's time after the chime, as saved; the next boss starts now.
            self._turn_over_since = now - progress.turns[index].overrun_ns
            self._overrun_paused = 0
            self._close_overrun(now)
            self._start_turn(index + 1, now)
        else:
            turn.started_at = now
            if turn.started_wall is None:
                turn.started_wall = wall
            self._state = State.RUNNING
        self.tick()  # a turn with nothing left ends at once

    @_action
    def join(self, start_wall_ns: int) -> None:
        """Join a schedule that started at ``start_wall_ns`` (``--at`` a time that has passed).

        Turns follow each other at their chimes, without pauses, so the schedule is known
        from its start: the current boss goes on with the time their turn has left. What
        passed before joining is missed here (nobody's time on this machine); a schedule
        that has ended already ends the session at once.
        """
        self._require(State.READY)
        # One reading of both clocks: the start is then the agreed second exactly, in the log too.
        monotonic, _boot, wall = self._last_reading = self._reading()
        now = monotonic + self._credit
        late = max(0, wall - start_wall_ns)
        self._joined_ns = late
        plan = self._plan
        start = now - late
        self._emit(
            SessionStarted(
                start, wall - late, plan.total_ns, plan.names, self.auto, self.even_out, late
            )
        )
        turn_start: Instant = start
        for index, turn in enumerate(self._turns):
            self._current = index
            if turn_start + turn.share_ns > now:
                turn.missed_ns = Fraction(now - turn_start)
                warn_at = self._warn_at(turn, from_=turn_start)
                turn.warned = warn_at is not None and warn_at <= now  # given before joining
                self._start_turn(index, now)
                return
            turn.missed_ns = turn.share_ns  # this whole turn ran before joining
            turn_start += turn.share_ns
        self._finish(now)

    def _begin(self, at: Instant) -> None:
        plan = self._plan
        wall = self.wall_at(at)
        self._emit(SessionStarted(at, wall, plan.total_ns, plan.names, self.auto, self.even_out))
        self._start_turn(0, at)

    def _start_turn(self, index: int, at: Instant) -> None:
        self._current = index
        turn = self._turn()
        if self.even_out:
            # Every later boss gets as much as the most anyone has had, so all end equal.
            bar = max([turn.share_ns, *(t.whole_ns for t in self._turns[:index])])
            turn.extension_ns = bar - turn.share_ns
        turn.started_at = at
        turn.started_wall = self.wall_at(at)
        self._state = State.RUNNING
        self._emit(
            TurnStarted(at, turn.started_wall, index, turn.boss, turn.planned_ns, turn.extension_ns)
        )

    @_action
    def pause(self, at: Instant | None = None) -> None:
        """Pause now, or ``at`` a moment just past (see ``_moment``)."""
        self._require(State.RUNNING, State.TURN_OVER)
        at = self._moment(at)
        self._catch_up(at)  # a deadline that has passed belongs before the pause
        if self._state in (State.RUNNING, State.TURN_OVER):
            self._pause_at(at, PauseReason.USER, 0)

    def _pause_at(self, at: Instant, reason: PauseReason, sleep_ns: int) -> None:
        self._paused_from = self._state
        self._state = State.PAUSED
        self._sleep_ns = sleep_ns
        self._pauses.append(PauseRecord(self._current, reason, at, self.wall_at(at)))
        self._emit(Paused(at, self.wall_at(at), self._current, reason, sleep_ns))

    @_action
    def resume(self, *, count_sleep: bool = False, at: Instant | None = None) -> None:
        """Go on after a pause. After sleep, ``count_sleep`` counts the sleep as turn time.

        ``at``: a moment just past, when it was resumed on a linked partner's screen.
        """
        self._require(State.PAUSED)
        at = self._moment(at)
        # Sleep during this pause is part of the pause: take the reading now, so that the tick
        # below does not mistake it for sleep in the turn.
        self._check_sleep()
        self._close_pause(count_sleep, at)
        self.tick()

    def _close_pause(self, count_sleep: bool = False, at: Instant | None = None) -> None:
        now = self.now() if at is None else at
        pause = self._pauses[-1]
        self._pauses[-1] = PauseRecord(
            pause.turn, pause.reason, pause.start_at, pause.start_wall, now, self.wall_at(now)
        )
        length = now - pause.start_at
        if self._paused_from is State.TURN_OVER:
            self._overrun_paused += length
        else:
            self._turn().paused_ns += length
        assert self._paused_from is not None
        self._state, self._paused_from = self._paused_from, None
        counted = self._sleep_ns if count_sleep else 0
        self._sleep_ns = 0
        self._emit(Resumed(now, self.wall_at(now), pause.turn, length, counted))
        self._credit += counted  # the sleep passes in the turn: deadlines catch up in tick

    @_action
    def toggle_pause(self) -> None:
        if self._state is State.PAUSED:
            self.resume()
        else:
            self.pause()

    @_action
    def advance(self, at: Instant | None = None) -> None:
        """After the chime: the next boss starts now (the last chime ends the session itself).

        (The partners' "next"; time itself moves on only in ``tick``.) ``at``: a moment just
        past, when n was pressed on a linked partner's screen."""
        if at is None:
            self._require(State.TURN_OVER)
        now = self._moment(at)
        # Sleep during the overrun pauses it (it is nobody's turn time), and must not be
        # blamed on the turn that starts now.
        self._catch_up(now)  # the partner's chime may have come a moment before ours
        if self._paused_from is not State.TURN_OVER:
            self._require(State.TURN_OVER)
        if self._state is State.PAUSED:
            self._close_pause(at=now)
        self._close_overrun(now)
        self._start_turn(self._current + 1, now)

    def _close_overrun(self, at: Instant) -> None:
        turn = self._turn()
        turn.overrun_ns = at - self._turn_over_since - self._overrun_paused
        turn.closed_wall = self.wall_at(at)
        self._emit(OverrunEnded(at, turn.closed_wall, turn.index, turn.boss, turn.overrun_ns))

    @_action
    def end_turn_early(self, at: Instant | None = None) -> None:
        """The boss ends their turn before time: the rest is forfeited, not given to others.

        ``at``: a moment just past, when it was ended on a linked partner's screen.
        """
        self._require(State.RUNNING, State.PAUSED)
        now = self._moment(at)
        if self._state is State.PAUSED:
            if self._paused_from is not State.RUNNING:
                raise EngineError("the turn is already over")
            self.resume(at=now)
        self._catch_up(now)
        if self._state is not State.RUNNING:
            return  # the deadline came first
        turn = self._turn()
        assert turn.started_at is not None
        self._end_turn(now, self._used_so_far(now, turn), TurnEndReason.EARLY)
        if self._current == len(self._turns) - 1:
            self._finish(now)
        else:
            self._start_turn(self._current + 1, now)

    def _used_so_far(self, now: Instant, turn: Turn) -> Fraction:
        """The boss time of a running turn so far (with any before the session was cut off)."""
        assert turn.started_at is not None
        return Fraction(now - turn.started_at - turn.paused_ns + turn.earlier_ns)

    def _end_turn(self, at: Instant, used: Fraction | int, reason: TurnEndReason) -> None:
        turn = self._turn()
        turn.ended_at = at
        turn.ended_wall = self.wall_at(at)
        turn.used_ns = Fraction(used)
        turn.early = reason is TurnEndReason.EARLY
        last = self._current == len(self._turns) - 1
        self._emit(
            TurnEnded(at, turn.ended_wall, turn.index, turn.boss, turn.used_ns, reason, last)
        )

    def _finish(self, at: Instant) -> None:
        self._state = State.FINISHED
        self._emit(SessionFinished(at, self.wall_at(at), self.summary()))

    @_action
    def abort(self) -> None:
        """End the session now (quit, SIGTERM, SIGHUP), keeping the times so far."""
        if self._state in (State.FINISHED, State.ABORTED):
            return
        if self._state in (State.READY, State.SCHEDULED):
            self._state = State.ABORTED
            return  # nothing had started: nothing to keep
        self.tick()  # deadlines that have passed, and sleep not yet noticed, come first
        if self._state is State.PAUSED:
            self._close_pause()
        state: State = self._state  # tick may have finished the session
        now = self.now()
        if state is State.FINISHED:
            return
        if state is State.RUNNING:
            turn = self._turn()
            assert turn.started_at is not None
            self._end_turn(now, self._used_so_far(now, turn), TurnEndReason.STOPPED)
        else:
            self._close_overrun(now)
        self._state = State.ABORTED
        self._emit(SessionAborted(now, self.wall_at(now), self.summary()))

    # -- the passing of time ------------------------------------------------------------------

    @_action
    def tick(self) -> None:
        """Process everything that is due by now: sleep, a scheduled start, warnings, turn ends."""
        awake_since = self._check_sleep()
        self._process_due(self.now(), awake_since)

    def _process_due(self, now: Instant, awake_since: int) -> None:
        """Everything that fell due by ``now``, in order: the scheduled start, cues, turn ends."""
        while True:
            if self._state is State.SCHEDULED:
                late = self.clock.wall_ns() - self._start_wall_ns
                if late < 0:
                    return
                # Start at the agreed second, even if this tick came a little late.
                self._begin(max(now - late, awake_since))
            elif self._state is State.RUNNING:
                turn = self._turn()
                warn_at = self._warn_at(turn)
                if warn_at is not None and warn_at <= now:
                    turn.warned = True
                    remaining = Fraction(self.warn_ns)
                    wall = self.wall_at(warn_at)
                    self._emit(WarningCue(warn_at, wall, turn.index, turn.boss, remaining))
                    continue
                deadline = self._deadline(turn)
                if deadline > now:
                    return
                self._end_turn(deadline, turn.planned_ns - turn.missed_ns, TurnEndReason.DEADLINE)
                if self._current == len(self._turns) - 1:
                    # Nobody's time comes after the last turn: its overrun could never be
                    # evened out, so the last chime ends the session, with or without --auto.
                    self._chime_at = deadline
                    self._finish(deadline)
                elif self.auto:
                    self._start_turn(self._current + 1, deadline)
                else:
                    self._state = State.TURN_OVER
                    self._turn_over_since = deadline
                    self._overrun_paused = 0
            else:
                return

    def _check_sleep(self) -> int:
        """Notice that the computer slept, and pause at the moment it fell asleep.

        Returns the engine time since which the computer has certainly been awake.
        """
        before = self._last_reading
        after = self._last_reading = self._reading()
        slept = (after[1] - before[1]) - (after[0] - before[0])
        asleep_at = before[0] + self._credit
        if slept < SLEEP_THRESHOLD_NS:
            return asleep_at
        if self._state is State.PAUSED and self._pauses[-1].reason is PauseReason.SLEEP:
            self._sleep_ns += slept
        elif self._state in (State.RUNNING, State.TURN_OVER):
            # All that fell due by the last reading was processed then: pause right there.
            self._pause_at(asleep_at, PauseReason.SLEEP, slept)
        return asleep_at
