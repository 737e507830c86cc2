"""The session log behind one door: the file, its schema, the one writer and the readers.

Everything else in focustimer reaches the log through the names below and never touches
SQLite itself (a test proves it). Importing this package opens nothing and loads no SQLite:
the names are imported when first used, so the pure modules (records, record_builder) stay pure.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cutoff import CutOff, find_cut_off
    from .file import StoreError
    from .reading import EXIT_UNREADABLE, read_log
    from .record_builder import local_offset_s
    from .recorder import HEARTBEAT_NS, Recorder
    from .records import PartnerTotals, PauseSpan, SessionRecord, TurnRecord, local_time
    from .store import (
        STALE_NS,
        LogDamaged,
        SessionLog,
        Store,
        last_first_speaker,
        partners_key,
        query_log,
    )

_WHERE = {
    "CutOff": "cutoff",
    "find_cut_off": "cutoff",
    "StoreError": "file",
    "local_offset_s": "record_builder",
    "EXIT_UNREADABLE": "reading",
    "read_log": "reading",
    "HEARTBEAT_NS": "recorder",
    "Recorder": "recorder",
    "PartnerTotals": "records",
    "PauseSpan": "records",
    "SessionRecord": "records",
    "TurnRecord": "records",
    "local_time": "records",
    "LogDamaged": "store",
    "STALE_NS": "store",
    "SessionLog": "store",
    "Store": "store",
    "last_first_speaker": "store",
    "partners_key": "store",
    "query_log": "store",
}
__all__ = [
    "EXIT_UNREADABLE",
    "HEARTBEAT_NS",
    "STALE_NS",
    "CutOff",
    "LogDamaged",
    "PartnerTotals",
    "PauseSpan",
    "Recorder",
    "SessionLog",
    "SessionRecord",
    "Store",
    "StoreError",
    "TurnRecord",
    "find_cut_off",
    "last_first_speaker",
    "local_offset_s",
    "local_time",
    "partners_key",
    "query_log",
    "read_log",
]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
