"""Follow a link's events in the background and wait for the ones a test expects."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any, TypeVar

from focustimer.link.client import Link
from focustimer.link.events import LinkClosed, LinkEvent, LinkFailed

E = TypeVar("E")


class Watch:
    made: list[Watch] = []  # closed after each test, whatever became of it (conftest)

    def __init__(self, link: Link) -> None:
        Watch.made.append(self)
        self.link = link
        self.seen: list[tuple[float, LinkEvent]] = []
        self._taken: set[int] = set()
        self._changed = asyncio.Event()
        self._task = asyncio.create_task(self._follow())

    async def _follow(self) -> None:
        async for event in self.link.events():
            self.seen.append((time.monotonic(), event))
            self._changed.set()

    async def next(self, kind: type[E], timeout: float = 15.0) -> E:
        """The first event of ``kind`` not taken yet; fails on a LinkFailed or LinkClosed.

        Events of other kinds are left for later calls, in whatever order they came.
        """
        deadline = time.monotonic() + timeout
        while True:
            for index, (_, event) in enumerate(self.seen):
                if index in self._taken:
                    continue
                if isinstance(event, kind):
                    self._taken.add(index)
                    return event
                if isinstance(event, (LinkFailed, LinkClosed)) and kind not in (
                    LinkFailed,
                    LinkClosed,
                ):
                    raise AssertionError(f"waiting for {kind.__name__}, got {event}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind.__name__} within {timeout} s: {self.kinds()}")
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    def kinds(self) -> list[str]:
        return [type(event).__name__ for _, event in self.seen]

    def of(self, kind: type[E]) -> list[E]:
        return [event for _, event in self.seen if isinstance(event, kind)]

    async def done(self) -> None:
        await self.link.close()
        await asyncio.wait_for(self._task, 10)

    @classmethod
    async def close_all(cls) -> None:
        while cls.made:
            watch = cls.made.pop()
            await watch.link.close()
            watch._task.cancel()


async def pair(relay_url: str, **options: Any) -> tuple[Watch, Watch]:
    """A host and a guest, linked over ``relay_url``."""
    from focustimer.link.events import CodeReady, Linked

    host = Watch(await Link.host(relay_url, extra=options.get("host_extra", ())))
    code = (await host.next(CodeReady)).code
    guest = Watch(await Link.join(code, relay_url, extra=options.get("guest_extra", ())))
    await host.next(Linked)
    await guest.next(Linked)
    return host, guest
