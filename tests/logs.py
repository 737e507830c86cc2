"""Logs for the tests: sessions made to order, and log files damaged on purpose."""

from __future__ import annotations

from pathlib import Path

from focustimer.engine.clock import NS
from focustimer.log import SessionRecord, Store, TurnRecord

T0 = 1_795_000_000 * NS  # 2026-11-19, a Thursday


def record(
    names=("Ann", "Bob"), start_ns=T0, status="finished", actual_s=(900, 900), **fields
) -> SessionRecord:
    turns = tuple(
        TurnRecord(name, i + 1, 900 * NS, actual * NS, 0, start_ns + i * 900 * NS)
        for i, (name, actual) in enumerate(zip(names, actual_s, strict=True))
    )
    ended = None if status == "running" else start_ns + sum(actual_s) * NS
    return SessionRecord(start_ns, 3600, 1800 * NS, turns, status, ended, **fields)


def add(store: Store, rec: SessionRecord, heartbeat_ns: int | None = None) -> int:
    return store.begin_session(rec, heartbeat_ns=heartbeat_ns or rec.started_ns)


def moved_logs(path: Path) -> list[Path]:
    """The damaged logs moved aside next to ``path`` (their -wal and -shm not counted)."""
    found = path.parent.glob(path.name + ".corrupt-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def damage_pages(path: Path) -> None:
    """Overwrite the tables' pages, not the header: SQLite opens it and fails on reading."""
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 40] = b"\xff" * (4096 * 37)
    path.write_bytes(bytes(data))
