"""The chime as the app sees it: the right sound at the exact end of each turn, or the bell.

The chime follows the engine's events: each ``Timing`` says when the next sound falls due, a
``TurnEnded`` whether the turn's time ran out. When a sound falls due within ``LEAD_NS``, it
starts the player
child for it at once, telling it the exact deadline to wait for: starting Python and the
player then costs nothing, and the sound begins within milliseconds of the turn's end however
late the app's own timer fires. A pause, an early end or a quit before the deadline kills
that child. (``settings`` decides, from the options, what a session's chime is.)
When no sound can be played the app is told, so that it rings the terminal bell and flashes
the screen instead. Nothing here can raise into the engine or hold up the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from ..engine.clock import Clock
from ..engine.events import (
    Event,
    Paused,
    SessionAborted,
    State,
    Timing,
    TurnEnded,
    TurnEndReason,
    WarningCue,
)
from ..engine.machine import Engine
from ..i18n import _
from .backends import Probe
from .launcher import NotPlayed, Played, PlayResult
from .sounds import Sound, SoundSet

ENV = "FOCUSTIMER_SOUND"
LEAD_NS = 1_500_000_000  # idle, Python and the player are ready in 0.1 s; busy, it can take 1 s
SAME_NS = 1_000_000  # a warning less than this before the end would be the end itself


class Mode(str, Enum):
    AUTO = "auto"  # play sounds when a player can; otherwise the bell
    BELL = "bell"  # the terminal bell and a flash only
    OFF = "off"  # nothing at all


@dataclass(frozen=True)
class Outcome:
    """What became of a sound, for the app: heard, or the bell must stand in."""

    sound: Sound
    backend: str | None  # the player that sounded it; None: nothing could, ring the bell
    notice: str = ""  # a line to show: why the bell stands in (once), or "did you hear it?"
    test: bool = False

    @property
    def heard(self) -> bool:
        return self.backend is not None


class Player(Protocol):
    def probe(self) -> Probe: ...

    async def play(self, file: Path, wait_ns: int, length_s: float) -> PlayResult: ...

    def stop_all(self) -> None: ...


def upcoming(timing: Timing | None) -> tuple[Sound, int, int] | None:
    """The next sound the engine will call for, unless someone acts: (sound, turn, monotonic ns)."""
    if timing is None or timing.state is not State.RUNNING or timing.end_due is None:
        return None
    end = math.ceil(timing.end_due)
    if timing.cue_due is not None and math.ceil(timing.cue_due) < end - SAME_NS:
        return Sound.CUE, timing.turn, math.ceil(timing.cue_due)
    return (Sound.SESSION_END if timing.is_last else Sound.TURN_END), timing.turn, end


@dataclass
class _Due:
    sound: Sound
    turn: int
    at: int  # on the engine's monotonic clock
    task: asyncio.Task[None] | None = None  # its player, once started


class Chime:
    def __init__(
        self,
        clock: Clock,
        *,
        mode: Mode = Mode.OFF,
        chosen_by: str = "",
        found: Probe | None = None,
        sounds: SoundSet | None = None,
        player: Player | None = None,
    ) -> None:
        self.clock = clock
        self.mode = mode
        self.chosen_by = chosen_by  # the setting that turned it off or to the bell, if one did
        self.found = found or Probe(None)
        self.sounds = sounds
        self.player = player
        self.on_outcome: Callable[[Outcome], None] | None = None
        self._timing: Timing | None = None  # the engine's latest word on what runs on
        self._due: _Due | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._test_task: asyncio.Task[None] | None = None
        self._told = False

    @property
    def _plays(self) -> bool:
        return self.mode is Mode.AUTO and self.sounds is not None and self.player is not None

    @property
    def can_test(self) -> bool:
        return self.mode is not Mode.OFF

    def describe(self) -> str:
        """One line for the ready screen: what will sound at the end of a turn."""
        if self.mode is Mode.OFF and self.chosen_by:
            return _("Sound off ({why})").format(why=self.chosen_by)
        if self.mode is Mode.OFF:
            return _("Sound off")
        if self.mode is Mode.BELL and self.chosen_by:
            return _("Chime: terminal bell ({why})").format(why=self.chosen_by)
        if self.mode is Mode.BELL:
            return _("Chime: terminal bell")
        if self._plays:
            return _("Chime: {player}").format(player=self.found.backend)
        return _("No sound: terminal bell ({reason})").format(reason=self.found.reason)

    # -- following the engine ------------------------------------------------------------------

    def attach(self, engine: Engine) -> None:
        engine.subscribe(self._on_event)

    def follow(self) -> None:
        """After any change in the engine: have a player ready for the next sound due."""
        if not self._plays:
            return
        with self._guard():
            coming = upcoming(self._timing)
            due = self._due
            if due is not None and (coming is None or (due.sound, due.turn, due.at) != coming):
                self._cancel_due()  # paused, resumed or ended early: the deadline moved
            if coming is not None and self._due is None:
                self._due = _Due(*coming)
            due = self._due
            soon = due is not None and due.at - self.clock.monotonic_ns() <= LEAD_NS
            if due is not None and due.task is None and soon:
                due.task = self._start(due.sound, due.at)

    def wake_at(self) -> int | None:
        """When ``follow`` must be called again to start a player in time, if ever."""
        due = self._due
        if due is None or due.task is not None:
            return None
        return due.at - LEAD_NS

    def _on_event(self, event: Event) -> None:
        with self._guard():
            if isinstance(event, Timing):
                self._timing = event
            elif isinstance(event, TurnEnded):
                if event.reason is TurnEndReason.DEADLINE:
                    self._sound_due(
                        Sound.SESSION_END if event.is_last else Sound.TURN_END, event.turn
                    )
                else:
                    self._cancel_due()  # ended early or quit mid-turn: no chime
            elif isinstance(event, WarningCue):
                self._sound_due(Sound.CUE, event.turn)
            elif isinstance(event, (Paused, SessionAborted)):
                self._cancel_due()

    def _sound_due(self, sound: Sound, turn: int) -> None:
        """The engine says ``sound`` is due now."""
        if self.mode is Mode.OFF:
            return
        if not self._plays:
            self._stand_in(sound)
            return
        due, self._due = self._due, None
        if due is not None and (due.sound, due.turn) == (sound, turn):
            if due.task is None:
                due.task = self._start(sound, due.at)  # the app woke late: it plays at once
            return  # its player is waiting for the deadline, or already playing
        if due is not None and due.task is not None:
            due.task.cancel()
        self._start(sound, self.clock.monotonic_ns())

    def _cancel_due(self) -> None:
        due, self._due = self._due, None
        if due is not None and due.task is not None:
            due.task.cancel()  # the player kills its child, which is still waiting

    # -- playing -------------------------------------------------------------------------------

    def test(self) -> None:
        """Play the turn-end chime now, to hear that it works (key t on the ready screen)."""
        if self.mode is Mode.OFF:
            return
        if not self._plays:
            self._stand_in(Sound.TURN_END, test=True)
            return
        with self._guard():
            if self._test_task is not None:
                self._test_task.cancel()
            self._test_task = self._start(Sound.TURN_END, self.clock.monotonic_ns(), test=True)

    def _start(self, sound: Sound, at: int, test: bool = False) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(self._play(sound, at, test))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _play(self, sound: Sound, at: int, test: bool) -> None:
        assert self.sounds is not None and self.player is not None
        wait = at - self.clock.monotonic_ns()
        result: PlayResult
        try:
            result = await self.player.play(
                self.sounds.files[sound], wait, self.sounds.lengths[sound]
            )
        except asyncio.CancelledError:
            raise
        except Exception as error:  # whatever went wrong, the bell stands in: no traceback
            result = NotPlayed(str(error) or type(error).__name__)
        if isinstance(result, Played):
            notice = _("Chime played with {player}: did you hear it?") if test else ""
            self._report(Outcome(sound, result.backend, notice.format(player=result.backend), test))
        else:
            notice = _("the chime could not play ({reason}): using the terminal bell")
            self._stand_in(sound, notice.format(reason=result.reason), test)

    def _stand_in(self, sound: Sound, notice: str = "", test: bool = False) -> None:
        """No sound: the app rings the bell and flashes; the reason is told once (and on tests)."""
        if sound is Sound.CUE and not test:
            return  # a soft cue has no loud stand-in: the screen shows the warning quietly
        if not notice and self.mode is Mode.AUTO:
            notice = _("{reason}: using the terminal bell").format(reason=self.found.reason)
        if test:
            notice = notice or _("Terminal bell: did you hear it, or see the screen flash?")
        elif self._told:
            notice = ""
        else:
            self._told = bool(notice)
        self._report(Outcome(sound, None, notice, test))

    def _report(self, outcome: Outcome) -> None:
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        # The chime runs inside the engine's event delivery: a bug here must cost a chime,
        # never a turn. The bell stands in and the reason is shown.
        try:
            yield
        except Exception as error:
            notice = _("the chime failed ({reason}): using the terminal bell")
            self._stand_in(Sound.TURN_END, notice.format(reason=error))

    def close(self) -> None:
        """The app is exiting: kill every player and remove the prepared files."""
        self._due = None
        for task in list(self._tasks):
            task.cancel()
        if self.player is not None:
            self.player.stop_all()
        if self.sounds is not None:
            self.sounds.close()
