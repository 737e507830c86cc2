"""Two links over a real mailbox server on 127.0.0.1: pairing, messages, clocks, a relay that
goes away and comes back, and every way a link can fail, each said in one line."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("wormhole", reason="the link extra is missing: pip install -e '.[test]'")
pytest.importorskip("wormhole_mailbox_server", reason="pip install -e '.[test]' brings it")

from focustimer.link import protocol
from focustimer.link.client import Link
from focustimer.link.code import LinkInputError
from focustimer.link.events import (
    CodeReady,
    LinkBack,
    LinkClosed,
    Linked,
    LinkFailed,
    LinkLost,
    OffsetMeasured,
    PartnerLeft,
    Received,
)

from .watch import Watch, pair

NS = 1_000_000_000


def one_line(text: str) -> bool:
    return "\n" not in text and "Traceback" not in text and 0 < len(text) < 200


async def test_partners_pair_and_exchange_messages_both_ways(relay):
    host = Watch(await Link.host(relay.url))
    code = (await host.next(CodeReady)).code
    assert code == host.link.code
    # Read out over the phone and typed with spaces instead of dashes.
    guest = Watch(await Link.join(f"  {code.replace('-', ' ').upper()} ", relay.url))
    assert (await guest.next(CodeReady)).code == code
    assert (await host.next(Linked)).partner_version
    await guest.next(Linked)
    assert host.link.linked and guest.link.linked

    plans = [{"n": i, "names": ["Ann", "[/]Bob\u202e", "\n"], "at": i * NS} for i in range(5)]
    for plan in plans:
        assert host.link.send(plan)
        assert guest.link.send({"echo": plan["n"]})
    assert [(await guest.next(Received)).body for _ in plans] == plans
    assert [(await host.next(Received)).body["echo"] for _ in plans] == list(range(5))
    # Two processes on one machine read one monotonic clock: the estimate must say so.
    offset = (await guest.next(OffsetMeasured)).offset
    assert abs(offset.offset_ns) <= offset.error_ns

    await guest.done()
    await host.next(PartnerLeft)
    await host.next(LinkClosed)
    assert not host.of(LinkFailed) and not guest.of(LinkFailed)
    await host.done()


async def test_the_guest_maps_the_hosts_clock_within_the_measured_error(relay):
    skew_ns = 5 * NS + 123_456_789  # the host's clock runs this far ahead of the guest's
    host, guest = await pair(
        relay.url, host_extra=["--skew-ns", str(skew_ns)], guest_extra=["--refresh", "0.3"]
    )
    for _ in range(3):  # the first round, and refreshed ones
        offset = (await guest.next(OffsetMeasured)).offset
        assert offset.samples == 5
        # Both children read the same system-wide monotonic clock; only the skew differs.
        assert abs(offset.offset_ns - -skew_ns) <= offset.error_ns
        assert offset.error_ns < NS // 10  # a round trip over loopback: milliseconds
    assert guest.link.offset == offset
    now = time.monotonic_ns()
    assert abs(guest.link.host_to_local(now + skew_ns) - now) <= offset.error_ns
    assert guest.link.local_to_host(guest.link.host_to_local(now)) == now
    assert host.link.host_to_local(now) == now  # the host's clock is the session's
    with pytest.raises(LookupError):
        Link("guest", relay.url, "1-a", 1.0).host_to_local(now)
    await guest.done()
    await host.done()


async def test_a_relay_that_goes_away_and_returns_keeps_the_link_without_a_new_code(own_relay):
    host, guest = await pair(own_relay.url)
    await guest.next(OffsetMeasured)
    own_relay.kill()
    assert (await host.next(LinkLost)).why == "relay"
    assert (await guest.next(LinkLost)).why == "relay"
    assert host.link.lost and guest.link.lost
    # Said while the relay is down: it arrives once the relay is back.
    assert host.link.send({"action": "pause", "at": 1})
    assert guest.link.send({"action": "next", "at": 2})
    own_relay.start()  # the same port and database, as an operator's restart
    await host.next(LinkBack, timeout=30)
    await guest.next(LinkBack, timeout=30)
    assert not host.link.lost and not guest.link.lost
    assert (await guest.next(Received)).body == {"action": "pause", "at": 1}
    assert (await host.next(Received)).body == {"action": "next", "at": 2}
    # Measured again (a sleeping laptop's clock stood still), and not across the outage.
    offset = (await guest.next(OffsetMeasured)).offset
    assert abs(offset.offset_ns) <= offset.error_ns < NS // 10
    host.link.send({"after": True})
    assert (await guest.next(Received)).body == {"after": True}
    assert not host.of(LinkFailed) and not guest.of(LinkFailed)
    assert len(host.of(CodeReady)) == 1
    await guest.done()
    await host.done()


async def test_a_mistyped_code_fails_on_both_sides_in_one_line(relay):
    host = Watch(await Link.host(relay.url))
    number = (await host.next(CodeReady)).code.split("-")[0]
    guest = Watch(await Link.join(f"{number}-wrong-words", relay.url))
    for side in (host, guest):
        failed = await side.next(LinkFailed)
        assert failed.kind == protocol.WRONG_CODE
        assert one_line(failed.reason)
        await side.next(LinkClosed)
    assert "does not match" in guest.link.failure.reason
    assert f"{number}-wrong-words" in guest.link.failure.reason
    await guest.done()
    await host.done()


async def test_a_code_no_one_is_waiting_with_fails_after_the_timeout(relay):
    started = time.monotonic()
    guest = Watch(await Link.join("4242 nobody here", relay.url, timeout_s=1.5))
    failed = await guest.next(LinkFailed)
    assert failed.kind == protocol.NO_PARTNER
    assert failed.reason.startswith("No one is waiting with code 4242-nobody-here")
    assert 1.5 <= time.monotonic() - started < 10
    await guest.done()


async def test_a_code_whose_maker_left_has_expired(relay):
    host = Watch(await Link.host(relay.url))
    code = (await host.next(CodeReady)).code
    await host.done()
    guest = Watch(await Link.join(code, relay.url, timeout_s=1.5))
    assert (await guest.next(LinkFailed)).kind == protocol.NO_PARTNER
    await guest.done()


async def test_a_code_used_already_is_refused_and_leaves_the_partners_linked(relay):
    host, guest = await pair(relay.url)
    intruder = Watch(await Link.join(host.link.code, relay.url, timeout_s=1.5))
    failed = await intruder.next(LinkFailed)
    # The nameplate is released once both partners hold the key: the intruder finds no one
    # (or, in the moment before, two partners there already).
    assert failed.kind in (protocol.NO_PARTNER, protocol.CROWDED)
    assert one_line(failed.reason)
    host.link.send({"still": "here"})
    assert (await guest.next(Received)).body == {"still": "here"}
    assert not host.of(LinkFailed) and not guest.of(LinkFailed)
    for side in (intruder, guest, host):
        await side.done()


async def test_an_incompatible_partner_is_named_in_one_line(relay):
    host = Watch(await Link.host(relay.url))
    code = (await host.next(CodeReady)).code
    guest = Watch(await Link.join(code, relay.url, extra=["--protocol", "99"]))
    for side in (host, guest):
        failed = await side.next(LinkFailed)
        assert failed.kind == protocol.VERSION
        assert one_line(failed.reason)
        assert "cannot link with this one" in failed.reason
    await guest.done()
    await host.done()


async def test_a_relay_that_refuses_is_said_at_once():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: connections are refused
        started = time.monotonic()
        link = Watch(await Link.host(f"ws://127.0.0.1:{port}/v1"))
        failed = await link.next(LinkFailed)
    assert failed.kind == protocol.RELAY_UNREACHABLE
    assert failed.reason.startswith(f"Could not reach the relay ws://127.0.0.1:{port}/v1: ")
    assert one_line(failed.reason)
    assert time.monotonic() - started < 8
    await link.next(LinkClosed)
    await link.done()


@pytest.mark.parametrize("role", ["host", "guest"])
async def test_a_relay_that_never_answers_fails_after_the_timeout(role):
    # A socket that listens and never accepts: the kernel completes the TCP handshake, then
    # nothing, as with a relay that hangs.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        url = f"ws://127.0.0.1:{sock.getsockname()[1]}/v1"
        started = time.monotonic()
        if role == "host":
            link = Watch(await Link.host(url, timeout_s=1.0))
        else:
            link = Watch(await Link.join("7-guitarist-revenge", url, timeout_s=1.0))
        failed = await link.next(LinkFailed)
        elapsed = time.monotonic() - started
    assert failed.kind == protocol.RELAY_TIMEOUT
    assert failed.reason == (
        f"The relay {url} did not answer within 1 s: check the network and try again"
    )
    assert 1.0 <= elapsed < 8
    await link.next(LinkClosed)
    await link.done()


async def test_the_default_timeout_is_ten_seconds():
    assert protocol.TIMEOUT_S == 10.0


async def test_a_host_waits_for_its_partner_and_closes_at_once(relay):
    host = Watch(await Link.host(relay.url, timeout_s=0.5))
    await host.next(CodeReady)
    await asyncio.sleep(1.5)  # three timeouts: the host keeps waiting all the same
    assert host.kinds() == ["CodeReady"]
    started = time.monotonic()
    await host.done()
    assert time.monotonic() - started < 3
    assert host.kinds() == ["CodeReady", "LinkClosed"]


async def test_a_link_child_that_dies_is_said_and_nothing_waits_on_it(relay):
    host, guest = await pair(relay.url)
    os.kill(guest.link._process.pid, signal.SIGKILL)
    failed = await guest.next(LinkFailed)
    assert failed.kind == protocol.INTERNAL and one_line(failed.reason)
    await guest.next(LinkClosed)
    assert guest.link.send({"lost": True}) is False
    await guest.done()
    await host.done()


async def test_a_link_child_that_hangs_never_holds_up_the_app():
    hung = ["python3", "-c", "import time, sys; time.sleep(60)"]  # reads nothing, says nothing
    link = await Link.host("ws://127.0.0.1:9/v1", command=hung)
    started = time.monotonic()
    big = {"filler": "x" * 15_000}
    for _ in range(200):  # 3 MB: far past a pipe's buffer
        assert link.send(big)
    assert time.monotonic() - started < 1
    await link.close()
    assert time.monotonic() - started < 8
    assert link.closed or link._process.returncode is not None


async def test_bad_input_is_refused_before_anything_starts():
    with pytest.raises(LinkInputError, match="is not a link code"):
        await Link.join("guitarist-revenge", "ws://127.0.0.1:9/v1")
    with pytest.raises(LinkInputError, match="is not a relay address"):
        await Link.host("http://127.0.0.1:9/v1")
    link = Link("host", "ws://127.0.0.1:9/v1", None, 1.0)
    for body in ({"x": "y" * 20_000}, {"x": object()}, {"x": float("nan")}, ["a list"]):
        with pytest.raises(ValueError):
            link.send(body)
    assert link.send({"fine": True}) is False  # no child: the link is over, nothing waits


async def test_a_partner_who_falls_silent_is_a_lost_link_until_heard_again(relay):
    quick = ["--beat", "0.3", "--silent", "1.5"]
    host, guest = await pair(relay.url, host_extra=quick, guest_extra=quick)
    await asyncio.sleep(2)  # beats keep the link alive well past --silent
    assert not host.of(LinkLost) and not guest.of(LinkLost)
    # The guest's side freezes (a laptop lid): the relay sees nothing wrong, the host must.
    os.kill(guest.link._process.pid, signal.SIGSTOP)
    try:
        assert (await host.next(LinkLost, timeout=10)).why == "partner"
        assert host.link.lost
        host.link.send({"while": "silent"})
    finally:
        os.kill(guest.link._process.pid, signal.SIGCONT)
    await host.next(LinkBack)
    assert (await guest.next(Received)).body == {"while": "silent"}
    assert not host.of(LinkFailed) and not guest.of(LinkFailed)
    await guest.done()
    await host.done()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
async def test_the_guests_code_is_not_on_any_command_line(relay):
    host = Watch(await Link.host(relay.url))
    code = (await host.next(CodeReady)).code
    guest = Watch(await Link.join(code, relay.url))
    await guest.next(Linked)
    for side in (host, guest):
        pid = side.link._process.pid
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            assert code.encode() not in cmdline.read()  # any local user can read these
    await guest.done()
    await host.done()


async def test_a_code_whose_maker_froze_fails_after_the_timeout(relay):
    # The host's first message waits in the mailbox, but no one answers the guest's.
    host = Watch(await Link.host(relay.url))
    code = (await host.next(CodeReady)).code
    await asyncio.sleep(1)  # its first message is in the mailbox by now
    os.kill(host.link._process.pid, signal.SIGSTOP)
    try:
        guest = Watch(await Link.join(code, relay.url, timeout_s=1.5))
        assert (await guest.next(LinkFailed)).kind == protocol.NO_PARTNER
    finally:
        os.kill(host.link._process.pid, signal.SIGCONT)
    await guest.done()
    await host.done()


ORPHAN = """
import asyncio, os, sys
from focustimer.link.client import Link
async def main():
    link = await Link.host(sys.argv[1])
    await link.next_event()  # CodeReady: the child is well under way
    print(link._process.pid, flush=True)
    os._exit(0)  # the app crashes: no close, no goodbye
asyncio.run(main())
"""


async def test_a_link_child_ends_when_the_app_is_gone(relay):
    app = await asyncio.create_subprocess_exec(
        sys.executable, "-c", ORPHAN, relay.url, stdout=asyncio.subprocess.PIPE
    )
    pid = int((await asyncio.wait_for(app.stdout.readline(), 30)).strip())
    await app.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{pid}/stat") as stat:
            if stat.read().split(") ")[1].startswith("Z"):
                return  # ended; only waiting for init to reap it
        await asyncio.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("the link child outlived its app by 10 s")


async def test_two_guests_with_one_code_link_one_and_refuse_the_other(relay):
    # Someone overheard the code and typed it at the same moment as the partner.
    host = Watch(await Link.host(relay.url))
    code = (await host.next(CodeReady)).code
    links = await asyncio.gather(*(Link.join(code, relay.url, timeout_s=2) for _ in range(2)))
    guests = [Watch(link) for link in links]
    await host.next(Linked)
    outcomes = []
    for guest in guests:
        while not guest.of(Linked) and not guest.of(LinkFailed):
            await asyncio.sleep(0.1)
        outcomes.append(guest.of(LinkFailed)[0].kind if guest.of(LinkFailed) else "linked")
    # The second claim finds the code held by two (crowded), or released already (no one).
    assert outcomes.count("linked") == 1, outcomes
    assert {*outcomes} - {"linked"} <= {protocol.CROWDED, protocol.NO_PARTNER}, outcomes
    partner = guests[outcomes.index("linked")]
    host.link.send({"to": "the partner"})
    assert (await partner.next(Received)).body == {"to": "the partner"}
    assert not host.of(LinkFailed)
    for side in (*guests, host):
        await side.done()


@pytest.mark.parametrize("role", ["host", "guest"])
async def test_a_relay_that_turns_us_away_is_said_in_its_words(tmp_path, role):
    from .relay import Relay

    closed = Relay(tmp_path, options=("--signal-error=closed for maintenance\ntry later",))
    closed.start()
    try:
        if role == "host":
            link = Watch(await Link.host(closed.url))
        else:
            link = Watch(await Link.join("7-guitarist-revenge", closed.url))
        failed = await link.next(LinkFailed)
    finally:
        closed.stop()
    assert failed.kind == protocol.RELAY_ERROR
    assert failed.reason == (
        f"The relay {closed.url} refused the link: closed for maintenance try later"
    )
    await link.done()


async def test_a_relay_that_freezes_is_a_lost_link_on_both_sides_until_it_wakes(own_relay):
    # No connection is closed (as when Wi-Fi drops): only the silence tells.
    quick = ["--beat", "0.3", "--silent", "1.5"]
    host, guest = await pair(own_relay.url, host_extra=quick, guest_extra=quick)
    own_relay.process.send_signal(signal.SIGSTOP)
    try:
        await host.next(LinkLost, timeout=10)
        await guest.next(LinkLost, timeout=10)
    finally:
        own_relay.process.send_signal(signal.SIGCONT)
    await host.next(LinkBack)
    await guest.next(LinkBack)
    guest.link.send({"after": "the freeze"})
    assert (await host.next(Received)).body == {"after": "the freeze"}
    await guest.done()
    await host.done()


def test_the_link_benchmark_runs_and_prints_every_row():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "link.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=root / "benchmarks",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for row in ("message round trip", "offset estimate error", "offset error bound"):
        assert f"| {row}" in done.stdout, row
