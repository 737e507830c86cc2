"""Linked sessions: two partners' timers joined through magic-wormhole (see docs/link.md)."""
