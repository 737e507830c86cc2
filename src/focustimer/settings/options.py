"""The settings one session runs with, whatever they came from (defaults, config, command line)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time
from typing import Any

from ..engine.clock import NS
from ..engine.plan import DEFAULT_NAMES

DEFAULT_TOTAL_NS = 60 * 60 * NS  # half an hour each, the usual partnership
SOUND_MODES = ("auto", "bell", "off")
DEFAULT_THEME = "textual-dark"  # Textual's own default


@dataclass(frozen=True)
class Options:
    total_ns: int = DEFAULT_TOTAL_NS
    names: tuple[str, ...] = DEFAULT_NAMES
    first: str | None = None
    now: bool = False
    auto: bool = False
    even_out: bool = True
    calm: bool = False
    warn_ns: int = 0  # the soft cue this long before each turn ends; 0: none
    at: time | None = None  # --at: the time of day asked for, to the second
    at_wall_ns: int | None = None  # ...the wall-clock moment it means, when the session starts
    lang: str | None = None  # en or nl; None: from the environment
    sound_mode: str = "auto"  # auto | bell | off
    mute: bool = False
    sound_file: str | None = None  # a WAV (other formats need ffmpeg) for the turn-end chime
    volume: int = 100  # 0..100, applied to the sounds before they play
    # warn = ... in config.toml, too long for this session's turns: no cue, and the ready
    # screen says so (only --warn typed for this session is refused).
    skipped_warn_ns: int = 0
    theme: str = DEFAULT_THEME  # one of Textual's themes (themes.py)
    link: bool = False  # a linked session: make a code for the partner to join (--link)
    relay: str | None = None  # the link's mailbox server; None: magic-wormhole's public one
    # The fields config.toml set and the command line left alone: a message about one of
    # them must name the file, not an option the user never typed.
    from_file: frozenset[str] = frozenset()

    def typed(self, **changes: Any) -> Options:
        """These options with what was typed on the command line, which the file no longer has."""
        return replace(self, **changes, from_file=self.from_file.difference(changes))

    def from_config(self, **changes: Any) -> Options:
        """These options with settings from config.toml, remembered as the file's."""
        return replace(self, **changes, from_file=self.from_file.union(changes))
