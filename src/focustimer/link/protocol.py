"""What the link child and the app say over the child's pipes, one JSON object a line (pure).

The app writes commands to the child's stdin:

- ``{"op": "send", "body": {...}}``: pass ``body`` to the partner (any JSON object, small);
- ``{"op": "close"}``: say goodbye to the partner, close the wormhole and exit.

The child writes events to its stdout, each ``{"event": NAME, ...}``:

- ``code`` (``code``): the code to read out (host) or the one typed (guest);
- ``linked`` (``partner``: the partner's version): both sides proved they know the code;
- ``message`` (``body``): what the partner sent;
- ``offset`` (``offset_ns``, ``error_ns``, ``samples``): guest only, after each probe round;
- ``lost`` (``why``: ``relay`` or ``partner``) / ``back``: no word through the link / again;
- ``left``: the partner closed the link on purpose;
- ``failed`` (``kind``, ``detail``): the link is over; ``kind`` is one of FAILURES;
- ``closed``: the last line; the child exits after it.

The partners' two children speak to each other through the wormhole in the same way: JSON
objects with a ``kind`` of ``app`` (``body``), ``probe``/``answer`` (the clock probes) or
``bye``.
"""

from __future__ import annotations

import json
from typing import Any

APPID = "github.com/focustimer/focustimer/link"
PROTOCOL = 1  # raise it when two focustimers of different versions could misunderstand
# The library's own public mailbox server (wormhole.cli.public_relay.RENDEZVOUS_RELAY).
DEFAULT_RELAY = "ws://relay.magic-wormhole.io:4000/v1"
TIMEOUT_S = 10.0  # a relay that does not answer, a code no one is waiting on
MAX_BODY_BYTES = 16_000  # the mailbox server keeps every message: small ones only

HOST, GUEST = "host", "guest"
CODE_VARIABLE = "FOCUSTIMER_LINK_CODE"  # how the guest's code reaches the child

# Why a link failed; the app turns each into one line for people (reasons.py).
RELAY_UNREACHABLE = "relay-unreachable"  # refused, no such host: said at once
RELAY_TIMEOUT = "relay-timeout"  # no answer within TIMEOUT_S
RELAY_ERROR = "relay-error"  # the server refused what we asked
NO_PARTNER = "no-partner"  # guest: no one is waiting on this code
CROWDED = "crowded"  # two partners use this code already
WRONG_CODE = "wrong-code"  # the two sides typed different codes
VERSION = "version"  # the partner's focustimer speaks another protocol
BAD_CODE = "bad-code"  # not a code at all
MISSING = "missing"  # magic-wormhole is not installed
INTERNAL = "internal"  # a bug, or the child died: detail says what
FAILURES = (
    RELAY_UNREACHABLE,
    RELAY_TIMEOUT,
    RELAY_ERROR,
    NO_PARTNER,
    CROWDED,
    WRONG_CODE,
    VERSION,
    BAD_CODE,
    MISSING,
    INTERNAL,
)


def encode(obj: dict[str, Any]) -> bytes:
    """One line of compact JSON; non-ASCII escaped, so a line is a line whatever it holds."""
    return json.dumps(obj, separators=(",", ":"), allow_nan=False).encode("ascii") + b"\n"


def decode(line: bytes | str) -> dict[str, Any]:
    """The object on ``line``; ValueError if it is none."""
    obj = json.loads(line)
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    return obj
