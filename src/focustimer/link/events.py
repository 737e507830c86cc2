"""What a link tells the app, as it happens (pure dataclasses; client.py makes them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .offset import ClockOffset


@dataclass(frozen=True)
class CodeReady:
    """The code: the host reads it out; the guest's is the one typed, as the server knows it."""

    code: str


@dataclass(frozen=True)
class Linked:
    """The partner is there and knows the code; ``partner_version`` is their focustimer's."""

    partner_version: str


@dataclass(frozen=True)
class Received:
    """A message the partner sent (a JSON object)."""

    body: dict[str, Any]


@dataclass(frozen=True)
class OffsetMeasured:
    """Guest only: a new estimate of its clock against the host's (every minute or so)."""

    offset: ClockOffset


@dataclass(frozen=True)
class LinkLost:
    """No word through the link: messages sent now wait until it is back.

    ``why``: ``relay`` (the mailbox server went away) or ``partner`` (the partner's side has
    not been heard from for a while: their network, their laptop's lid).
    """

    why: str


@dataclass(frozen=True)
class LinkBack:
    """The mailbox server and the partner answer again: the same code, the same partner."""


@dataclass(frozen=True)
class PartnerLeft:
    """The partner closed the link on purpose; a LinkClosed follows."""


@dataclass(frozen=True)
class LinkFailed:
    """The link is over; ``reason`` is one line for people, ``kind`` one of protocol.FAILURES."""

    kind: str
    reason: str


@dataclass(frozen=True)
class LinkClosed:
    """The last event: the link child has exited."""


LinkEvent = (
    CodeReady
    | Linked
    | Received
    | OffsetMeasured
    | LinkLost
    | LinkBack
    | PartnerLeft
    | LinkFailed
    | LinkClosed
)
