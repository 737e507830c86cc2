"""A player that plays nothing: it records what it was asked and answers when time has come.

Like the real one, it answers only once its deadline has passed on the (fake) clock: the
test moves the clock and calls ``release``. It can also be told to fail, or to hang.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from focustimer.engine.clock import FakeClock
from focustimer.sound.backends import Probe
from focustimer.sound.launcher import Played, PlayResult


@dataclass
class Request:
    sound: str  # the file's name without .wav: "turn-end", "session-end", "cue"
    wait_ns: int
    at: int
    future: asyncio.Future[PlayResult] = field(repr=False)

    @property
    def cancelled(self) -> bool:
        return self.future.cancelled()


PLAYED = Played("fake")
FOUND = Probe("fake")


class FakePlayer:
    def __init__(
        self,
        clock: FakeClock,
        result: PlayResult = PLAYED,
        found: Probe = FOUND,
        hang: bool = False,
    ) -> None:
        self.clock = clock
        self.result = result
        self.found = found
        self.hang = hang
        self.requests: list[Request] = []
        self.stopped = False

    def probe(self) -> Probe:
        return self.found

    async def play(self, file, wait_ns, length_s) -> PlayResult:
        future: asyncio.Future[PlayResult] = asyncio.get_running_loop().create_future()
        at = self.clock.monotonic_ns() + wait_ns
        self.requests.append(Request(file.stem, wait_ns, at, future))
        self.release()
        return await future

    def release(self) -> None:
        """Answer every request whose moment has come (unless told to hang)."""
        if self.hang:
            return
        for request in self.requests:
            if not request.future.done() and request.at <= self.clock.monotonic_ns():
                request.future.set_result(self.result)

    def stop_all(self) -> None:
        self.stopped = True

    @property
    def sounds(self) -> list[str]:
        return [r.sound for r in self.requests]

    @property
    def live(self) -> list[str]:
        """The sounds asked for and neither played nor cancelled yet."""
        return [r.sound for r in self.requests if not r.future.done()]
