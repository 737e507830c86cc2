"""Two linked timers in two real terminals, through a mailbox server of the test's own.

Ann hosts (``--link``), Bob joins with the code read off Ann's screen, typed with spaces.
Only 127.0.0.1 is ever contacted: the relay is ``twist wormhole-mailbox`` on a free local
port, given to both timers with ``--relay``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from ..link.relay import Relay, free_port
from .tmux import Tmux, focustimer_command

pytestmark = pytest.mark.e2e

LINK_S = 30.0  # linking: two Twisted start-ups and a key exchange, on a busy machine


@pytest.fixture
def bob_tmux():
    terminal = Tmux()
    yield terminal
    terminal.close()


def log_of(data: Path) -> dict:
    out = subprocess.run(
        [focustimer_command(), "log", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "FOCUSTIMER_DATA_DIR": str(data)},
    )
    (session,) = json.loads(out.stdout)
    return session


def both(ann: Tmux, bob: Tmux, text: str, timeout: float = 10.0) -> None:
    ann.wait_for(text, timeout)
    bob.wait_for(text, timeout)


def link(tmux: Tmux, bob: Tmux, relay: Relay, tmp_path: Path, total: str) -> tuple[Path, Path]:
    ann_data, bob_data = tmp_path / "ann", tmp_path / "bob"
    tmux.start(
        [total, "--names", "Ann", "Bob", "--link", "--relay", relay.url],
        env={"FOCUSTIMER_DATA_DIR": str(ann_data)},
    )
    tmux.wait_for("Bob types: focustimer join ", LINK_S)
    code = re.search(r"focustimer join (\S+)", tmux.screen())
    assert code is not None
    spoken = code.group(1).replace("-", " ")  # typed as heard over the phone
    bob.start(
        ["join", *spoken.split(), "--relay", relay.url],
        env={"FOCUSTIMER_DATA_DIR": str(bob_data)},
    )
    tmux.wait_for("Linked with Bob", LINK_S)
    bob.wait_for("Linked with Ann", LINK_S)
    assert "1:00 session, 0:30 each" in bob.screen()  # the host's plan, on the guest's screen
    return ann_data, bob_data


def test_one_session_on_two_screens(tmux, bob_tmux, relay, tmp_path):
    ann, bob = tmux, bob_tmux
    ann_data, bob_data = link(ann, bob, relay, tmp_path, "1m")

    ann.keys("space")
    both(ann, bob, "Ann is boss")

    bob.keys("space")  # a pause on one screen shows on the other
    both(ann, bob, "PAUSED", 2.0)
    ann.keys("space")
    ann.wait_gone("PAUSED", 2.0)
    bob.wait_gone("PAUSED", 2.0)

    relay.kill()  # the mailbox server dies mid-turn: both go on, and say so
    both(ann, bob, "Link lost: going on by this computer's clock")
    for side in (ann, bob):  # still running: each count moves on
        left = re.search(r"\d:\d\d left", side.status())
        assert left is not None, side.status()
        side.wait_gone(left[0], timeout=5)

    relay.start()  # the same server back: the link comes back without a new code
    both(ann, bob, "Link back", LINK_S)

    both(ann, bob, "Time is up for Ann", 40.0)
    bob.keys("n")  # the listener, whose turn it is, starts it after the chime
    both(ann, bob, "Bob is boss", 2.0)

    bob.keys("n")
    bob.keys("n")  # ending a turn early asks twice, on the screen where it is pressed
    ann.wait_gone("Bob is boss", 3.0)
    bob.wait_gone("Bob is boss", 3.0)
    both(ann, bob, "Session complete", 3.0)
    for screen in (ann, bob):
        screen.keys("Escape")
        screen.wait_for("q quit", 5.0)  # the note skipped: q is a key again, not a letter
        screen.keys("q")
        screen.wait_for("EXIT=0", 15.0)

    ann_log, bob_log = log_of(ann_data), log_of(bob_data)
    assert ann_log["status"] == bob_log["status"] == "finished"
    assert ann_log["linked"] == "Bob" and bob_log["linked"] == "Ann"
    for mine, theirs in zip(ann_log["turns"], bob_log["turns"], strict=True):
        assert mine["name"] == theirs["name"]
        assert abs(mine["actual_seconds"] - theirs["actual_seconds"]) <= 0.050, (mine, theirs)
        assert abs(mine["overrun_seconds"] - theirs["overrun_seconds"]) <= 0.050, (mine, theirs)
    assert abs(ann_log["paused_seconds"] - bob_log["paused_seconds"]) <= 0.050


def test_quitting_on_one_screen_leaves_the_session_going_on_the_other(
    tmux, bob_tmux, relay, tmp_path
):
    ann, bob = tmux, bob_tmux
    link(ann, bob, relay, tmp_path, "1m")
    bob.keys("space")
    both(ann, bob, "Ann is boss")
    ann.keys("q")
    ann.keys("q")
    ann.wait_for("EXIT=0", 15.0)
    bob.wait_for("Ann left: the session goes on here", 15.0)
    bob.wait_gone(bob.status(), timeout=5)  # still counting
    assert "Ann is boss" in bob.status()


def test_bad_codes_and_relays_are_one_line_each(tmux, relay, tmp_path):
    tmux.start(["join", "guitarist", "revenge", "--relay", relay.url])
    tmux.wait_for("EXIT=2")
    assert "is not a link code" in tmux.screen()
    tmux.close()
    nobody = Tmux()
    try:
        nobody.start(["join", "7-guitarist-revenge", "--relay", relay.url])
        nobody.wait_for("EXIT=2", 30.0)
        assert "No one is waiting with code 7-guitarist-revenge" in nobody.screen(joined=True)
    finally:
        nobody.close()


@pytest.mark.parametrize("side", ["host", "guest"])
def test_a_relay_that_is_not_there_is_one_line_at_once(tmux, side):
    nowhere = f"ws://127.0.0.1:{free_port()}/v1"  # nothing listens there
    if side == "host":
        tmux.start(["30", "--names", "Ann", "Bob", "--link", "--relay", nowhere])
    else:
        tmux.start(["join", "7-guitarist-revenge", "--relay", nowhere])
    started = time.monotonic()
    tmux.wait_for("EXIT=2", 20.0)
    assert time.monotonic() - started < 15.0
    assert f"Could not reach the relay {nowhere}" in tmux.screen(joined=True)


def test_a_mistyped_code_gets_the_host_a_new_one(tmux, bob_tmux, relay, tmp_path):
    ann = tmux
    ann.start(["1m", "--names", "Ann", "Bob", "--link", "--relay", relay.url])
    ann.wait_for("Bob types: focustimer join ", LINK_S)
    found = re.search(r"focustimer join ((\d+)-\S+)", ann.screen())
    assert found is not None
    first, number = found.group(1), found.group(2)
    bob_tmux.start(["join", f"{number}-wrong-words", "--relay", relay.url])
    bob_tmux.wait_for("EXIT=2", LINK_S)
    assert "does not match your partner's" in bob_tmux.screen(joined=True)
    ann.wait_for("Bob typed a code that does not match: read out the new one", LINK_S)
    ann.wait_gone(first, LINK_S)
    deadline = time.monotonic() + LINK_S
    while (found := re.search(r"focustimer join (\d+-\S+)", ann.screen())) is None:
        assert time.monotonic() < deadline, ann.screen()
        time.sleep(0.05)
    assert found.group(1) != first
    bob = Tmux()
    try:
        bob.start(["join", found.group(1), "--relay", relay.url])
        bob.wait_for("Linked with Ann", LINK_S)
        ann.wait_for("Linked with Bob", LINK_S)
        bob.wait_for("Linked with Ann", LINK_S)
    finally:
        bob.close()
