"""What can stop a link before it starts: each message is one line saying what to do."""

from __future__ import annotations


class LinkInputError(ValueError):
    """A code or relay address that cannot be used."""


class LinkUnavailable(ImportError):
    """magic-wormhole is not installed: the message says how to install it."""
