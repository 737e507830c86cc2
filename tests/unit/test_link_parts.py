"""The link's pure parts: codes as people type them, the clock-offset sums, the one-line reasons
and the pipe protocol's lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focustimer.i18n import set_language
from focustimer.link import protocol
from focustimer.link.code import check_relay, normalize_code
from focustimer.link.errors import LinkInputError
from focustimer.link.offset import Sample, estimate
from focustimer.link.reasons import reason
from focustimer.visible import visible

words = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12), min_size=1)
separators = st.sampled_from([" ", "-", "  ", " - ", "_", ".", "\u2013", "\u2014", "\t"])


@given(st.integers(0, 9999), words, st.data())
def test_a_code_typed_with_any_separators_and_capitals_is_the_code(number, parts, data):
    code = "-".join([str(number), *parts])
    typed = str(number)
    for part in parts:
        typed += data.draw(separators) + (part.upper() if data.draw(st.booleans()) else part)
    assert normalize_code(f" {typed}\n") == code


@given(st.text(max_size=40))
def test_anything_else_is_refused_in_one_line(text):
    try:
        code = normalize_code(text)
    except LinkInputError as error:
        message = str(error)
        assert "\n" not in message and "\x1b" not in message
        assert "like 7-guitarist-revenge" in message
    else:
        number, *rest = code.split("-")
        assert number.isdigit() and rest and all(part.isalpha() for part in rest)


@pytest.mark.parametrize("text", ["guitarist-revenge", "7", "7-", "seven-up", "7-gu1tar", ""])
def test_codes_without_a_number_and_a_word_are_refused(text):
    with pytest.raises(LinkInputError):
        normalize_code(text)


@pytest.mark.parametrize(
    "url", ["ws://127.0.0.1:4000/v1", "wss://relay.example.org/v1", " ws://[::1]:4000/v1 "]
)
def test_relay_addresses(url):
    assert check_relay(url) == url.strip()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:4000/v1", "127.0.0.1:4000", "ws://:4000/v1", "ws://h:port/v1", ""]
)
def test_relay_addresses_that_are_none_are_refused_in_one_line(url):
    with pytest.raises(LinkInputError, match="is not a relay address") as caught:
        check_relay(url)
    assert "\n" not in str(caught.value)


ms = 1_000_000


@given(
    st.integers(-(10**15), 10**15),
    st.lists(st.tuples(st.integers(0, 500 * ms), st.integers(0, 500 * ms)), min_size=1),
    st.integers(0, 10**12),
)
def test_the_estimate_is_wrong_by_at_most_its_error(offset, delays, start):
    """Whatever the delays each way, the chosen probe bounds the error by half its round trip."""
    samples = []
    at = start
    for there, back in delays:
        samples.append(Sample(at, at + there - offset, at + there + back))
        at += there + back + 1
    result = estimate(samples)
    assert abs(result.offset_ns - offset) <= result.error_ns
    assert result.samples == len(delays)
    assert result.guest_to_host(result.host_to_guest(12345)) == 12345


def test_the_median_ignores_a_probe_held_up_one_way():
    offset = 7 * ms
    fair = [Sample(t, t + ms - offset, t + 2 * ms) for t in (0, 10 * ms, 20 * ms, 30 * ms)]
    held_up = Sample(40 * ms, 40 * ms + 900 * ms - offset, 40 * ms + 901 * ms)
    result = estimate([*fair, held_up])
    assert result.offset_ns == offset
    assert result.error_ns == ms


def test_no_samples_is_no_estimate():
    with pytest.raises(ValueError):
        estimate([])


hostile = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", protocol.FAILURES)
@pytest.mark.parametrize("role", [protocol.HOST, protocol.GUEST])
@given(code=hostile, detail=hostile, relay=hostile)
def test_every_failure_is_one_visible_line_in_each_language(lang, kind, role, code, detail, relay):
    set_language(lang)
    try:
        line = reason(kind, detail, role=role, code=code, relay=relay, timeout_s=10.0)
    finally:
        set_language("en")
    assert line and visible(line) == line  # no newline, no escape sequence: one plain line


def test_the_reasons_are_translated():
    set_language("nl")
    try:
        dutch = {
            kind: reason(kind, "x", role="guest", code="7-a", relay="ws://r", timeout_s=10)
            for kind in protocol.FAILURES
        }
    finally:
        set_language("en")
    english = {
        kind: reason(kind, "x", role="guest", code="7-a", relay="ws://r", timeout_s=10)
        for kind in protocol.FAILURES
    }
    untranslated = [kind for kind in protocol.FAILURES if dutch[kind] == english[kind]]
    assert not untranslated


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(st.dictionaries(st.text(), json_values, max_size=5))
def test_each_pipe_message_is_one_line_and_comes_back_the_same(body):
    line = protocol.encode({"op": "send", "body": body})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert b"\r" not in line and b"\xe2\x80\xa8" not in line  # nothing a reader splits on
    assert protocol.decode(line) == {"op": "send", "body": body}


def test_a_line_that_is_no_object_is_refused():
    with pytest.raises(ValueError):
        protocol.decode(b"[1, 2]")


def test_the_wormhole_errors_map_to_their_kinds():
    pytest.importorskip("wormhole")
    from wormhole.errors import (
        LonelyError,
        ServerConnectionError,
        ServerError,
        WelcomeError,
        WrongPasswordError,
    )

    from focustimer.link.session import failure

    assert failure(WrongPasswordError()) == (protocol.WRONG_CODE, "")
    assert failure(ServerError("crowded")) == (protocol.CROWDED, "")
    assert failure(ServerError("no such thing")) == (protocol.RELAY_ERROR, "no such thing")
    assert failure(WelcomeError("go away\nnow")) == (protocol.RELAY_ERROR, "go away now")
    refused = ServerConnectionError("ws://x", ConnectionRefusedError("Connection refused"))
    assert failure(refused) == (protocol.RELAY_UNREACHABLE, "Connection refused")
    assert failure(LonelyError())[0] == protocol.INTERNAL


def test_the_default_relay_is_the_librarys_own():
    pytest.importorskip("wormhole")
    from wormhole.cli.public_relay import RENDEZVOUS_RELAY

    assert protocol.DEFAULT_RELAY == RENDEZVOUS_RELAY


SRC = str(Path(__file__).resolve().parents[2] / "src")


def _without_site_packages(code: str) -> subprocess.CompletedProcess[str]:
    """Python with only the standard library and focustimer's source: no magic-wormhole."""
    return subprocess.run(
        [sys.executable, "-S", "-c", f"import sys; sys.path.insert(0, {SRC!r}); {code}"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_the_extra_the_client_says_how_to_install_it():
    run = _without_site_packages(
        "from focustimer.link.errors import LinkUnavailable\n"
        "try:\n    import focustimer.link.client\n"
        "except LinkUnavailable as error:\n    print(error)\n"
    )
    assert run.stdout == "Linked sessions need magic-wormhole: pip install 'focustimer[link]'\n"
    assert run.returncode == 0, run.stderr


def test_without_the_extra_the_child_says_so_in_its_own_words():
    run = _without_site_packages(
        "from focustimer.link.child import main; "
        "sys.exit(main(['--host', '--relay', 'ws://127.0.0.1:9/v1']))"
    )
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert lines[0]["event"] == "failed" and lines[0]["kind"] == protocol.MISSING
    assert lines[-1] == {"event": "closed"}
    assert run.returncode == 2


@given(st.text(max_size=60))
def test_a_relay_address_is_refused_in_one_line_or_is_a_plain_ws_url(url):
    try:
        checked = check_relay(url)
    except LinkInputError as error:
        assert visible(str(error)) == str(error)
    else:
        assert checked.isprintable() and checked.startswith(("ws://", "wss://"))
