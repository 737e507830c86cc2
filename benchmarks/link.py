"""Linked sessions over a mailbox server on 127.0.0.1: message round trips and clock offsets.

    python benchmarks/link.py             # 300 round trips, 40 offset rounds
    python benchmarks/link.py --quick     # a short run that checks everything still works

- Round trip: the host's app sends a message, the guest's app answers it at once; measured in
  the host's app, so it holds both pipes, both link processes and the relay twice over: what
  a pause pressed on one screen costs before the other screen hears of it, doubled.
- Offset error: the host's link process runs with its monotonic clock 5.123456789 s ahead;
  each probe round's estimate is compared with that known truth (both processes otherwise
  read the same system-wide clock), next to the error bound the estimate gives itself.

Needs the test extra (magic-wormhole and magic-wormhole-mailbox-server).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summary import percentile
from tests.link.relay import Relay

from focustimer.link.client import Link
from focustimer.link.events import CodeReady, Linked, OffsetMeasured, Received

SKEW_NS = 5_123_456_789


async def _next(link: Link, kind: type, timeout: float = 30.0):  # type: ignore[no-untyped-def]
    while True:
        event = await asyncio.wait_for(link.next_event(), timeout)
        if isinstance(event, kind):
            return event


async def measure(
    relay_url: str, trips: int, rounds: int
) -> tuple[list[float], list[float], list[float]]:
    host = await Link.host(relay_url, extra=["--skew-ns", str(SKEW_NS), "--refresh", "0.3"])
    code = (await _next(host, CodeReady)).code
    guest = await Link.join(code, relay_url, extra=["--refresh", "0.3"])
    await _next(host, Linked)
    await _next(guest, Linked)

    errors_ms: list[float] = []
    bounds_ms: list[float] = []
    while len(errors_ms) < rounds:
        offset = (await _next(guest, OffsetMeasured)).offset
        errors_ms.append((offset.offset_ns + SKEW_NS) / 1e6)
        bounds_ms.append(offset.error_ns / 1e6)

    async def echo() -> None:
        while True:
            event = await guest.next_event()
            if isinstance(event, Received):
                guest.send(event.body)

    echoing = asyncio.create_task(echo())
    trips_ms: list[float] = []
    for n in range(trips):
        started = time.monotonic_ns()
        host.send({"n": n})
        while True:
            event = await _next(host, Received)
            if event.body.get("n") == n:
                break
        trips_ms.append((time.monotonic_ns() - started) / 1e6)
    echoing.cancel()
    await guest.close()
    await host.close()
    return trips_ms, errors_ms, bounds_ms


def _line(name: str, where: str, values: list[float]) -> str:
    return (
        f"| {name} | {where} | {percentile(values, 50):.1f} ms | {percentile(values, 99):.1f} ms | "
        f"{max(values):.1f} ms | {len(values)} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    trips, rounds = (20, 3) if args.quick else (300, 40)
    print("| measure | relay database | p50 | p99 | max | n |")
    print("|---|---|---|---|---|---|")
    places = {"on disk": None, "in memory": Path("/dev/shm")}
    for where, parent in places.items():
        if parent is not None and not parent.is_dir():
            continue
        with tempfile.TemporaryDirectory(prefix="ft-relay-", dir=parent) as directory:
            relay = Relay(Path(directory))
            relay.start()
            try:
                trips_ms, errors_ms, bounds_ms = asyncio.run(measure(relay.url, trips, rounds))
            finally:
                relay.stop()
        print(_line("message round trip, app to app", where, trips_ms))
        print(_line("offset estimate error (absolute)", where, [abs(e) for e in errors_ms]))
        print(_line("offset error bound (half a probe's round trip)", where, bounds_ms))
        outside = sum(abs(e) > b for e, b in zip(errors_ms, bounds_ms, strict=True))
        print(f"| offset rounds outside their own bound | {where} | {outside} of {rounds} | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
