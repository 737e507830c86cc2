"""The session log: one SQLite file, private to the user, with its writes and its queries.

It lives in ``platformdirs.user_data_path("focustimer")`` or in ``$FOCUSTIMER_DATA_DIR``.
The directory is made 0700 and the file 0600 (SQLite gives its -wal and -shm files the mode
of the database file). Nothing is opened at import time. Every value reaches SQL as a
parameter. A damaged file is moved aside and a fresh one started; ``recovered_to`` says where.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .clock import NS
from .i18n import _
from .migrations import NewerSchemaError, migrate
from .records import PauseSpan, SessionRecord, TurnRecord

APP_NAME = "focustimer"
FILE_NAME = "sessions.db"
BUSY_TIMEOUT_S = 10.0  # two timers at once take turns at the write lock; they never fail on it
STALE_NS = 10 * NS  # a running session not heard from for this long has lost its process
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters


class StoreError(Exception):
    """The log cannot be used; the message is one line for the user."""


def data_dir() -> Path:
    override = os.environ.get("FOCUSTIMER_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(_platform_data_dir())


def _platform_data_dir() -> str:
    # platformdirs is only needed here, and only when no override is set.
    import platformdirs

    return str(platformdirs.user_data_path(APP_NAME, appauthor=False))


def default_path() -> Path:
    return data_dir() / FILE_NAME


def partners_key(names: Sequence[str]) -> str:
    """The same set of partners, whatever the order: how sessions of one partnership are found."""
    return json.dumps(sorted(names), ensure_ascii=False)


class Store:
    """An open session log. Use it from one thread; open another for another thread."""

    def __init__(self, db: sqlite3.Connection, path: Path, recovered_to: Path | None) -> None:
        self.db = db
        self.path = path
        self.recovered_to = recovered_to

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Open (creating and upgrading as needed) the log; StoreError says why it cannot."""
        path = path or default_path()
        _prepare(path)
        try:
            return cls(_connect(path), path, None)
        except sqlite3.DatabaseError as error:
            if not is_corruption(error):
                raise StoreError(_describe(path, error)) from None
        moved = move_aside(path)
        _prepare(path)
        try:
            return cls(_connect(path), path, moved)
        except sqlite3.DatabaseError as error:
            raise StoreError(_describe(path, error)) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock at once, so a busy lock is waited for here,
        # never discovered halfway through.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:  # SQLite rolls back by itself on a full disk
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------------

    def begin_session(self, record: SessionRecord, *, heartbeat_ns: int) -> int:
        """Write a session that has just started; returns its id."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (started_ns, utc_offset_s, ended_ns, status, planned_ns,"
                " paused_ns, evened_out_ns, actual_ns, partners, note, heartbeat_ns, pid, host)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.started_ns,
                    record.utc_offset_s,
                    record.ended_ns,
                    record.status,
                    record.planned_ns,
                    record.paused_ns,
                    record.evened_out_ns,
                    record.actual_ns,
                    partners_key(record.names),
                    record.note,
                    heartbeat_ns,
                    os.getpid(),
                    _HOST,
                ),
            )
            session_id = cursor.lastrowid
            assert session_id is not None
            self._write_parts(session_id, record)
        return session_id

    def save(
        self,
        session_id: int,
        record: SessionRecord,
        *,
        heartbeat_ns: int,
        event: tuple[str, int, str] | None = None,
    ) -> None:
        """Bring a session up to date, with the event that changed it, in one transaction."""
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET ended_ns = ?, status = ?, paused_ns = ?, evened_out_ns = ?,"
                " actual_ns = ?, heartbeat_ns = ? WHERE id = ?",
                (
                    record.ended_ns,
                    record.status,
                    record.paused_ns,
                    record.evened_out_ns,
                    record.actual_ns,
                    heartbeat_ns,
                    session_id,
                ),
            )
            self._write_parts(session_id, record)
            if event is not None:
                kind, wall_ns, data = event
                db.execute(
                    "INSERT INTO events (session_id, wall_ns, kind, data) VALUES (?, ?, ?, ?)",
                    (session_id, wall_ns, kind, data),
                )

    def _write_parts(self, session_id: int, record: SessionRecord) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO turns (session_id, position, name, planned_ns, actual_ns,"
            " overrun_ns, started_ns, ended_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    session_id,
                    t.order,
                    t.name,
                    t.planned_ns,
                    t.actual_ns,
                    t.overrun_ns,
                    t.started_ns,
                    t.ended_ns,
                )
                for t in record.turns
            ],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO pauses (session_id, position, turn, reason, start_ns, end_ns)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (session_id, i + 1, p.turn, p.reason, p.start_ns, p.end_ns)
                for i, p in enumerate(record.pauses)
            ],
        )

    def save_note(self, session_id: int, note: str | None) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET note = ? WHERE id = ?", (note or None, session_id))

    # -- reading ------------------------------------------------------------------------------

    def sessions(
        self,
        *,
        limit: int | None = 20,
        partner: str | None = None,
        since_ns: int | None = None,
        before: SessionRecord | None = None,
        now_ns: int | None = None,
    ) -> list[SessionRecord]:
        """Sessions newest first. ``before`` pages on: the sessions older than that one.

        ``partner`` matches a name regardless of case. A running session whose process is
        gone is returned as ``interrupted``, ended at its last heartbeat.
        """
        where: list[str] = []
        params: list[object] = []
        if since_ns is not None:
            where.append("started_ns >= ?")
            params.append(since_ns)
        if partner is not None:
            where.append("id IN (SELECT session_id FROM turns WHERE name = ? COLLATE NOCASE)")
            params.append(partner)
        if before is not None:
            where.append("(started_ns < ? OR (started_ns = ? AND id < ?))")
            params += [before.started_ns, before.started_ns, before.id]
        sql = (
            "SELECT id, started_ns, utc_offset_s, ended_ns, status, planned_ns, paused_ns,"
            " evened_out_ns, note, heartbeat_ns, pid, host FROM sessions"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)  # fixed fragments; the values are parameters
        sql += " ORDER BY started_ns DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self.db.execute(sql, params).fetchall()
        turns, pauses = self._parts([row[0] for row in rows])
        now = _now_ns() if now_ns is None else now_ns
        return [_session(row, turns.get(row[0], ()), pauses.get(row[0], ()), now) for row in rows]

    def _parts(
        self, ids: list[int]
    ) -> tuple[dict[int, tuple[TurnRecord, ...]], dict[int, tuple[PauseSpan, ...]]]:
        turns: dict[int, list[TurnRecord]] = {}
        pauses: dict[int, list[PauseSpan]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for sid, *fields in self.db.execute(
                "SELECT session_id, name, position, planned_ns, actual_ns, overrun_ns,"
                f" started_ns, ended_ns FROM turns WHERE session_id IN ({marks})"
                " ORDER BY session_id, position",
                chunk,
            ):
                turns.setdefault(sid, []).append(TurnRecord(*fields))
            for sid, *fields in self.db.execute(
                "SELECT session_id, turn, reason, start_ns, end_ns FROM pauses"
                f" WHERE session_id IN ({marks}) ORDER BY session_id, position",
                chunk,
            ):
                pauses.setdefault(sid, []).append(PauseSpan(*fields))
        return (
            {k: tuple(v) for k, v in turns.items()},
            {k: tuple(v) for k, v in pauses.items()},
        )

    def count(self) -> int:
        value: int = self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        return value

    def last_first_speaker(self, names: Sequence[str]) -> str | None:
        """Who was boss first in the latest session of exactly these partners, if any."""
        row = self.db.execute(
            "SELECT t.name FROM sessions s JOIN turns t ON t.session_id = s.id AND t.position = 1"
            " WHERE s.partners = ? ORDER BY s.started_ns DESC, s.id DESC LIMIT 1",
            (partners_key(names),),
        ).fetchone()
        return None if row is None else str(row[0])

    # -- aggregates for stats: counted by SQLite over covering indexes -----------------------------

    def partnerships(self) -> list[tuple[tuple[str, ...], int, int]]:
        """Each set of partners that met: the names, their sessions and all the boss time."""
        rows = self.db.execute(
            "SELECT partners, COUNT(*), SUM(actual_ns) FROM sessions GROUP BY partners"
        )
        return [(tuple(json.loads(key)), count, total) for key, count, total in rows]

    def boss_totals(self) -> dict[str, int]:
        """Each partner's boss time, over all sessions."""
        rows = self.db.execute("SELECT name, SUM(actual_ns) FROM turns GROUP BY name")
        return dict(rows.fetchall())

    # Local days count from 1970-01-01 (a Thursday) in the offset each session started in;
    # stats.py turns them into weeks and weekdays.
    _LOCAL_SECONDS = "(started_ns / 1000000000 + utc_offset_s)"

    def finished_days(self) -> list[int]:
        """The local days with at least one finished session."""
        rows = self.db.execute(
            f"SELECT DISTINCT {self._LOCAL_SECONDS} / 86400 FROM sessions WHERE status = 'finished'"
        )
        return [row[0] for row in rows]

    def start_counts(self) -> dict[tuple[int, int], int]:
        """Sessions per local (weekday, hour) of starting; Monday is 0."""
        local = self._LOCAL_SECONDS
        rows = self.db.execute(
            f"SELECT ({local} / 86400 + 3) % 7, {local} % 86400 / 3600, COUNT(*)"
            " FROM sessions GROUP BY 1, 2"
        )
        return {(weekday, hour): count for weekday, hour, count in rows}


def last_first_speaker(names: Sequence[str], path: Path | None = None) -> str | None:
    """Who went first last time these partners met; None when unknown or the log is unusable.

    For choosing who goes first: a log that cannot be read must never stop a session.
    """
    try:
        with Store.open(path) as store:
            return store.last_first_speaker(names)
    except (StoreError, sqlite3.Error):
        return None


# -- opening the file -------------------------------------------------------------------------


def _prepare(path: Path) -> None:
    """The directory 0700 and an empty file 0600, before SQLite creates anything."""
    directory = path.parent
    try:
        if not directory.is_dir():
            directory.parent.mkdir(parents=True, exist_ok=True)
            try:
                directory.mkdir(mode=0o700)
            except FileExistsError:
                pass  # another process made it meanwhile
            else:
                os.chmod(directory, 0o700)  # whatever the umask
        with suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError as error:
        raise StoreError(
            _("cannot use {path}: {reason}").format(
                path=error.filename or path, reason=error.strerror or error
            )
        ) from None


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed heartbeat survives a power cut, not only a crash.
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
    except NewerSchemaError:
        db.close()
        raise StoreError(
            _("{path} was written by a newer focustimer: update focustimer to use it").format(
                path=path
            )
        ) from None
    except BaseException:
        db.close()
        raise
    return db


def is_corruption(error: sqlite3.DatabaseError) -> bool:
    """A damaged or foreign file, as opposed to a busy lock, a full disk or a permission."""
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    return type(error) is sqlite3.DatabaseError


def move_aside(path: Path) -> Path:
    """Rename a damaged log (and its -wal) to ``sessions.db.corrupt-<timestamp>``."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            os.replace(wal, target.with_name(target.name + "-wal"))
        path.with_name(path.name + "-shm").unlink(missing_ok=True)
    except OSError as error:
        raise StoreError(
            _("{path} is damaged and cannot be moved aside: {reason}").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    return target


def _describe(path: Path, error: sqlite3.Error) -> str:
    return _("cannot use the session log {path}: {reason}").format(path=path, reason=error)


# -- reading rows -----------------------------------------------------------------------------

_HOST = socket.gethostname()


def _now_ns() -> int:
    return time.time_ns()


def _session(
    row: Any, turns: tuple[TurnRecord, ...], pauses: tuple[PauseSpan, ...], now_ns: int
) -> SessionRecord:
    (sid, started, offset, ended, status, planned, paused, evened, note, heartbeat, pid, host) = row
    record = SessionRecord(
        started_ns=started,
        utc_offset_s=offset,
        planned_ns=planned,
        turns=turns,
        status=status,
        ended_ns=ended,
        paused_ns=paused,
        evened_out_ns=evened,
        pauses=pauses,
        note=note,
        id=sid,
    )
    if status == "running" and not _alive(pid, host, heartbeat, now_ns):
        return replace(record, status="interrupted", ended_ns=heartbeat)
    return record


def _alive(pid: object, host: object, heartbeat_ns: object, now_ns: int) -> bool:
    """Is the process recording this session still there?"""
    if not isinstance(heartbeat_ns, int) or now_ns - heartbeat_ns > STALE_NS:
        return False
    if host != _HOST or not isinstance(pid, int) or pid == os.getpid():
        return True  # another machine's session (a synced folder): its heartbeat is fresh
    return _pid_exists(pid)


def _pid_exists(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would end the process there: trust the heartbeat
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
