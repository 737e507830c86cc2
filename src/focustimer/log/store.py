"""The session log's writes and queries: sessions with their turns, pauses and events.

Every value reaches SQL as a parameter. Nothing is opened at import time: ``SessionLog.open``
opens the file (see dbfile.py). A running session whose process is gone reads as
``interrupted``, ended at its last heartbeat.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ..engine.clock import NS
from ..engine.plan import person_key
from ..engine.turns import SessionStatus
from ..i18n import _
from .file import (
    DamagedOnOpening,
    Kind,
    StoreError,
    describe,
    empty_reader,
    examine,
    has_log,
    is_corruption,
    open_reader,
    open_writer,
    os_error,
    prepare_dir,
    refusal,
)
from .records import PauseSpan, SessionRecord, TurnRecord
from .recovery import damaged_message, move_aside, salvage
from .writers import WriterLock, in_use

T = TypeVar("T")


def _kind(path: Path) -> Kind:
    """What is at ``path``; StoreError for what focustimer must leave as it is."""
    try:
        kind = examine(path)
    except OSError as error:
        raise os_error(error) from None
    if kind in (Kind.FOREIGN, Kind.NEWER, Kind.NOT_FILE):
        raise refusal(path, kind)
    return kind


def floor_div(sql: str, by: int) -> str:
    """SQL for ``(sql) // by`` as Python floors it (``by`` is our own positive integer).

    SQLite's / truncates towards zero, and its % takes the dividend's sign: a negative
    remainder means the quotient was rounded up, so one is taken off.
    """
    return f"(({sql}) / {by:d} - (({sql}) % {by:d} < 0))"


INT64 = range(-(2**63), 2**63)  # what SQLite keeps in an INTEGER: 1677 to 2262 in nanoseconds
STALE_NS = 10 * NS  # a running session not heard from for this long has lost its process
_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters
_HOST = socket.gethostname()  # written with each session; a session of another host is not ours


def partners_key(names: Sequence[str]) -> str:
    """The same set of partners, whatever the order: how sessions of one partnership are found."""
    return json.dumps(sorted(names), ensure_ascii=False)


def same_partners_key(names: Sequence[str]) -> tuple[str, ...]:
    """The same people, whatever the order and the case each name was typed in."""
    return tuple(sorted(person_key(name) for name in names))


class _Written(NamedTuple):
    """What a session's rows hold as this connection last committed them."""

    status: str
    turns: dict[int, tuple[Any, ...]]  # by position
    pauses: dict[int, tuple[Any, ...]]  # by position


class SessionLog:
    """The one door to the log: open, check, recover, write and query go through it.

    Use it from one thread; open another for another thread. Opened for reading
    (``write=False``) it creates, migrates and chmods nothing; a log that does not exist yet
    reads as empty.
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        recovered_to: Path | None = None,
        notices: Sequence[str] = (),
        lock: WriterLock | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self.recovered_to = recovered_to  # where a damaged file was moved, if it was
        self.notices = list(notices)  # lines for the user: damage found, a folder others read
        self._lock = lock  # a writer's: held until close
        # Each session's turn and pause rows as this connection last committed them: a
        # heartbeat rewrites only the rows that changed (the running turn), not every row with
        # its index entries, twice a second for an hour.
        self._written: dict[int, _Written] = {}
        _register(db)

    @classmethod
    def open(cls, path: Path, *, write: bool = True) -> SessionLog:
        """Open the log (for writing: creating and upgrading it as needed).

        StoreError says in one line why it cannot be used; a file that is not ours, or is
        a newer focustimer's, is left exactly as it is. A writer holds the writers' lock
        (writers.py) until it closes the log.
        """
        kind = _kind(path)
        if not write:
            return cls._opened(path, kind, None, [])
        notices: list[str] = []
        prepare_dir(path.parent, notices)
        lock = WriterLock.shared(path)
        try:
            # Looked at again under the lock: someone may have moved a damaged log meanwhile.
            return cls._opened(path, _kind(path), lock, notices)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _opened(
        cls, path: Path, kind: Kind, lock: WriterLock | None, notices: list[str]
    ) -> SessionLog:
        write = lock is not None
        if kind is Kind.DAMAGED:
            return cls._recovered(path, None, lock)
        if not write and kind is Kind.MISSING:
            return cls(empty_reader(), path)
        try:
            db = open_writer(path, []) if write else open_reader(path)
            if not write and not has_log(db):
                db.close()
                return cls(empty_reader(), path)  # a file a timer has only just made
        except DamagedOnOpening as damaged:
            return cls._recovered(path, damaged.db, lock)
        except sqlite3.DatabaseError as error:
            if not is_corruption(error):
                raise StoreError(describe(path, error)) from None
            return cls._recovered(path, None, lock)
        return cls(db, path, None, notices, lock)

    @classmethod
    def _recovered(
        cls, path: Path, db: sqlite3.Connection | None, held: WriterLock | None
    ) -> SessionLog:
        """A new log in place of the damaged one at ``path``, with what could be saved.

        Only while no timer writes the damaged file (``held``: this writer's own lock):
        otherwise StoreError says it will be done when that timer ends, and nothing moves.
        """
        mover = held if held is not None and held.to_exclusive() else None
        if held is None:
            mover = WriterLock.exclusive(path)
        if mover is None:
            if db is not None:
                db.close()
            raise in_use(path)
        try:
            moved = move_aside(path)  # before closing: a closing connection may delete the -wal
            if db is not None:
                db.close()
            notices: list[str] = []
            prepare_dir(path.parent, notices)
            new = open_writer(path, [])
            try:
                saved = salvage(moved, new)
            except sqlite3.Error:
                saved = 0
        except BaseException:
            mover.release()
            raise
        if held is None:
            mover.release()  # a reader: the new log is whole, timers may write it
        else:
            mover.to_shared()
        log = cls(new, path, moved, notices, held)
        log.notices.insert(0, damaged_message(moved, saved))
        return log

    def recover(self) -> str:
        """After damage found while reading or writing: move the file aside (-wal, -shm with
        it), start a new log here with what could be saved, and say so in one line.

        StoreError (nothing moved) while a timer writes it: see ``_recovered``.
        """
        try:
            fresh = self._recovered(self.path, self.db, self._lock)
        except BaseException:
            self._lock = None  # given up: _recovered released it
            raise
        self.db, self.recovered_to = fresh.db, fresh.recovered_to
        self._written.clear()  # a new file: its rows are what could be saved
        self.notices += fresh.notices
        return fresh.notices[0]

    def quick_check(self) -> bool:
        """Does SQLite find the file sound? (False also when it cannot tell.)"""
        try:
            rows = self.db.execute("PRAGMA quick_check").fetchall()
        except sqlite3.Error:
            return False
        return rows == [("ok",)]

    def has_session(self, session_id: int) -> bool:
        row = self.db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> SessionLog:
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

    def begin_session(
        self,
        record: SessionRecord,
        *,
        heartbeat_ns: int,
        events: Sequence[tuple[str, int, str]] = (),
    ) -> int:
        """Write a session that has just started, with its first events; returns its id.

        One transaction: a row is never without the event that tells its rule (``--auto``,
        evened out), which ``resume`` reads back.
        """
        _check_times(record, heartbeat_ns)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (started_ns, utc_offset_s, ended_ns, status, planned_ns,"
                " paused_ns, evened_out_ns, actual_ns, partners, note, heartbeat_ns, pid, host,"
                " linked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    record.linked,
                ),
            )
            session_id = cursor.lastrowid
            assert session_id is not None
            parts = self._write_parts(session_id, record)
            self._write_events(session_id, events)
        self._written[session_id] = _Written(record.status, *parts)
        return session_id

    def save(
        self,
        session_id: int,
        record: SessionRecord,
        *,
        heartbeat_ns: int,
        event: tuple[str, int, str] | None = None,
        events: Sequence[tuple[str, int, str]] = (),
        unsaved: bool = False,
    ) -> None:
        """Bring a session up to date, with the events that changed it, in one transaction.

        ``unsaved``: the disk is full, what follows may not reach it: the row says it is
        saved up to ``heartbeat_ns``.
        """
        _check_times(record, heartbeat_ns)
        before = self._written.get(session_id)
        # The status is set only when it changes: setting it touches the index that holds it.
        status = "" if before is not None and before.status == record.status else "status = ?, "
        with self.transaction() as db:
            db.execute(
                f"UPDATE sessions SET ended_ns = ?, {status}paused_ns = ?, evened_out_ns = ?,"
                " actual_ns = ?, heartbeat_ns = ?, unsaved_ns = ? WHERE id = ?",
                (
                    record.ended_ns,
                    *([record.status] if status else []),
                    record.paused_ns,
                    record.evened_out_ns,
                    record.actual_ns,
                    heartbeat_ns,
                    heartbeat_ns if unsaved else None,
                    session_id,
                ),
            )
            parts = self._write_parts(session_id, record)
            self._write_events(session_id, ([event] if event else []) + list(events))
        # Only once committed: a rolled back transaction wrote nothing.
        self._written[session_id] = _Written(record.status, *parts)

    def _write_events(self, session_id: int, events: Sequence[tuple[str, int, str]]) -> None:
        self.db.executemany(
            "INSERT INTO events (session_id, wall_ns, kind, data) VALUES (?, ?, ?, ?)",
            [(session_id, wall_ns, kind, data) for kind, wall_ns, data in events],
        )

    def mark_unsaved(self, session_id: int, from_ns: int) -> bool:
        """Note, on a full disk, that the session's row is right only up to ``from_ns``.

        A checkpoint first lets the next write reuse the -wal's space instead of growing it:
        a one-row update then fits even on a full disk. False when even that fails.
        """
        try:
            self.db.execute("PRAGMA wal_checkpoint(RESTART)")
            with self.transaction() as db:
                db.execute(
                    "UPDATE sessions SET unsaved_ns = ? WHERE id = ? AND unsaved_ns IS NULL",
                    (from_ns, session_id),
                )
        except sqlite3.Error:
            return False
        return True

    def clear_unsaved(self, session_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET unsaved_ns = NULL WHERE id = ?", (session_id,))

    def heartbeat_of(self, session_id: int) -> int | None:
        row = self.db.execute(
            "SELECT heartbeat_ns FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def _write_parts(
        self, session_id: int, record: SessionRecord
    ) -> tuple[dict[int, tuple[Any, ...]], dict[int, tuple[Any, ...]]]:
        """Write the turn and pause rows that differ from what was last committed; returns
        them all, as they now are."""
        turns = {
            t.order: (t.name, t.planned_ns, t.actual_ns, t.overrun_ns, t.started_ns, t.ended_ns)
            for t in record.turns
        }
        pauses = {
            i + 1: (p.turn, p.reason, p.start_ns, p.end_ns) for i, p in enumerate(record.pauses)
        }
        before = self._written.get(session_id, _Written("", {}, {}))
        changed = {k: row for k, row in turns.items() if before.turns.get(k) != row}
        # A row already written under the same name is updated in place, leaving the index on
        # names alone; a new row is inserted.
        in_place = {
            k for k, row in changed.items() if k in before.turns and before.turns[k][0] == row[0]
        }
        self.db.executemany(
            "UPDATE turns SET planned_ns = ?, actual_ns = ?, overrun_ns = ?, started_ns = ?,"
            " ended_ns = ? WHERE session_id = ? AND position = ?",
            [(*changed[k][1:], session_id, k) for k in in_place],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO turns (session_id, position, name, planned_ns, actual_ns,"
            " overrun_ns, started_ns, ended_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(session_id, k, *row) for k, row in changed.items() if k not in in_place],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO pauses (session_id, position, turn, reason, start_ns, end_ns)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(session_id, k, *row) for k, row in pauses.items() if before.pauses.get(k) != row],
        )
        return turns, pauses

    def take_up(self, session_id: int, *, heartbeat_ns: int) -> bool:
        """Make a session that was cut off this process's running session again (resume).

        False when it is gone (a log recovered since) or another live process has taken it
        up first: the check and the claim are one transaction, so two resumes cannot both win.
        """
        with self.transaction() as db:
            row = db.execute(
                "SELECT status, pid, host, heartbeat_ns FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None:
                return False
            status, pid, host, heartbeat = row
            if status == SessionStatus.RUNNING and _alive(pid, host, heartbeat, heartbeat_ns):
                return False
            self._written.pop(session_id, None)  # its rows were written by another process
            db.execute(
                "UPDATE sessions SET status = ?, ended_ns = NULL, unsaved_ns = NULL,"
                " heartbeat_ns = ?, pid = ?, host = ? WHERE id = ?",
                (SessionStatus.RUNNING, heartbeat_ns, os.getpid(), _HOST, session_id),
            )
        return True

    def events_of(self, session_id: int, kinds: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
        """A session's events of these kinds, in order, each with its fields (JSON read back).

        A row that is not a JSON object (a damaged or hand-edited log) is left out.
        """
        marks = ",".join("?" * len(kinds)) or "NULL"
        rows = self.db.execute(
            f"SELECT kind, data FROM events WHERE session_id = ? AND kind IN ({marks}) ORDER BY id",
            (session_id, *kinds),
        )
        found: list[tuple[str, dict[str, Any]]] = []
        for kind, data in rows:
            try:
                fields = json.loads(data)
            except (TypeError, ValueError):
                continue
            if isinstance(fields, dict):
                found.append((str(kind), fields))
        return found

    def next_session_id(self) -> int:
        value: int = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sessions").fetchone()[0]
        return value

    def add_rows(
        self, sessions: Sequence[tuple[object, ...]], turns: Sequence[tuple[object, ...]]
    ) -> None:
        """Many ended sessions at once, in one transaction (tools/synthetic.py's made-up history).

        ``sessions``: (id, started_ns, utc_offset_s, ended_ns, status, planned_ns, paused_ns,
        actual_ns, partners, heartbeat_ns); ``turns``: (session_id, position, name,
        planned_ns, actual_ns, overrun_ns, started_ns, ended_ns).
        """
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO sessions (id, started_ns, utc_offset_s, ended_ns, status, planned_ns,"
                " paused_ns, actual_ns, partners, heartbeat_ns) VALUES (?,?,?,?,?,?,?,?,?,?)",
                sessions,
            )
            db.executemany(
                "INSERT INTO turns (session_id, position, name, planned_ns, actual_ns, overrun_ns,"
                " started_ns, ended_ns) VALUES (?,?,?,?,?,?,?,?)",
                turns,
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
            names = self.names_like(partner)
            marks = ",".join("?" * len(names)) or "NULL"
            where.append(f"id IN (SELECT session_id FROM turns WHERE name IN ({marks}))")
            params += names
        if before is not None:
            where.append("(started_ns < ? OR (started_ns = ? AND id < ?))")
            params += [before.started_ns, before.started_ns, before.id]
        sql = (
            "SELECT id, started_ns, utc_offset_s, ended_ns, status, planned_ns, paused_ns,"
            " evened_out_ns, note, heartbeat_ns, pid, host, unsaved_ns, linked FROM sessions"
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

    def names_like(self, name: str) -> list[str]:
        """The partners' names that are the person ``name``, by ``plan.person_key`` (casefold,
        not SQLite's ASCII-only NOCASE: åsa finds Åsa, strasse finds Straße). The distinct
        names are few; the sessions are then found through the index on the exact names."""
        wanted = person_key(name)
        rows = self.db.execute("SELECT DISTINCT name FROM turns")
        return [
            found for (found,) in rows if isinstance(found, str) and person_key(found) == wanted
        ]

    def count(self) -> int:
        value: int = self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        return value

    def last_first_speaker(self, names: Sequence[str]) -> str | None:
        """Who was boss first in the latest session of these partners, if any.

        Names are people: "ann" and "Ann" are one partner. The log keeps names as typed, so
        each spelling of the partnership is looked up on its own, through the index.
        """
        wanted = same_partners_key(names)
        newest: tuple[int, int, str] | None = None
        for key in self._partner_keys():
            if same_partners_key(json.loads(key)) != wanted:
                continue
            row = self.db.execute(
                "SELECT s.started_ns, s.id, t.name FROM sessions s"
                " JOIN turns t ON t.session_id = s.id AND t.position = 1"
                " WHERE s.partners = ? ORDER BY s.started_ns DESC, s.id DESC LIMIT 1",
                (key,),
            ).fetchone()
            if row is not None and (newest is None or tuple(row[:2]) > newest[:2]):
                newest = (row[0], row[1], str(row[2]))
        return None if newest is None else newest[2]

    def _partner_keys(self) -> list[str]:
        """Each partnership's key once: a seek per key in the index, not a scan of sessions."""
        rows = self.db.execute(
            "WITH RECURSIVE k(p) AS (SELECT MIN(partners) FROM sessions UNION ALL"
            " SELECT (SELECT MIN(partners) FROM sessions WHERE partners > k.p) FROM k"
            " WHERE k.p IS NOT NULL) SELECT p FROM k WHERE p IS NOT NULL"
        )
        return [str(row[0]) for row in rows]

    # -- aggregates for stats: counted by SQLite over covering indexes -----------------------------

    def boss_totals(self) -> dict[str, int]:
        """Each partner's boss time, over all sessions."""
        rows = self.db.execute("SELECT name, SUM(actual_ns) FROM turns GROUP BY name")
        return dict(rows.fetchall())


class LogDamaged(StoreError):
    """Kept for callers that caught it: damage is now recovered inside ``query_log``."""


def query_log(
    query: Callable[[SessionLog], T], path: Path, *, on_damaged: Callable[[str], None]
) -> T:
    """``query`` run on the log at ``path``, opened read-only.

    StoreError says in one line why it cannot be. A damaged file is moved aside (with its
    -wal and -shm), what still reads is saved into a new log, ``on_damaged`` is told in one
    line, and the query runs on the new log: whether SQLite noticed on opening or only when
    the query reached a damaged page.
    """
    store = SessionLog.open(path, write=False)
    try:
        for notice in store.notices:
            on_damaged(notice)
        try:
            return query(store)
        except sqlite3.DatabaseError as error:
            if not is_corruption(error):
                raise
            on_damaged(store.recover())
        return query(store)
    except sqlite3.DatabaseError as error:
        raise StoreError(
            _("cannot read the session log {path}: {reason}").format(path=store.path, reason=error)
        ) from None
    finally:
        store.close()


def last_first_speaker(
    names: Sequence[str], path: Path, *, on_damaged: Callable[[str], None]
) -> str | None:
    """Who went first last time these partners met; None when unknown or the log is unusable.

    For choosing who goes first: a log that cannot be read must never stop a session. This is
    the first look at the log, so a damaged file is moved aside here, and ``on_damaged`` told:
    the session is then saved in a new log. Other problems are the recorder's to tell.
    """
    try:
        return query_log(lambda store: store.last_first_speaker(names), path, on_damaged=on_damaged)
    except (StoreError, sqlite3.Error):
        return None


# -- reading rows -----------------------------------------------------------------------------


def _now_ns() -> int:
    return time.time_ns()


def _session(
    row: Any, turns: tuple[TurnRecord, ...], pauses: tuple[PauseSpan, ...], now_ns: int
) -> SessionRecord:
    (sid, started, offset, ended, status, planned, paused, evened, note, heartbeat, pid, host) = (
        row[:12]
    )
    unsaved, linked = row[12], row[13]
    record = SessionRecord(
        started_ns=started,
        utc_offset_s=offset,
        planned_ns=planned,
        turns=turns,
        status=SessionStatus(status),
        ended_ns=ended,
        paused_ns=paused,
        evened_out_ns=evened,
        pauses=pauses,
        note=note,
        id=sid,
        linked=linked,
    )
    if record.status is SessionStatus.RUNNING and not _alive(pid, host, heartbeat, now_ns):
        if unsaved is not None:  # its process ended, but the disk was full: not a crash
            return replace(record, status=SessionStatus.UNSAVED, ended_ns=unsaved)
        return replace(record, status=SessionStatus.INTERRUPTED, ended_ns=heartbeat)
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
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process killed but not yet reaped: ``os.kill(pid, 0)`` still succeeds on it (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            stat = file.read()
    except OSError:
        return False  # no /proc here (macOS, BSD): trust os.kill
    # The state follows the command name, which is in parentheses and may hold anything.
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] in (b"Z", b"X")


def _check_times(record: SessionRecord, heartbeat_ns: int) -> None:
    """Every time written fits SQLite's integers, or the clock is said to be wrong, in one line."""
    times = [record.started_ns, record.ended_ns, heartbeat_ns]
    times += [t for turn in record.turns for t in (turn.started_ns, turn.ended_ns)]
    times += [t for pause in record.pauses for t in (pause.start_ns, pause.end_ns)]
    if all(t is None or t in INT64 for t in times):
        return
    raise StoreError(
        _(
            "the computer's clock reads {year}: the log keeps times from 1678 to 2261;"
            " set the clock right"
        ).format(year=_year(max(heartbeat_ns, record.started_ns, key=abs)))
    )


def _year(wall_ns: int) -> int:
    try:
        return (datetime(1970, 1, 1) + timedelta(microseconds=wall_ns // 1000)).year
    except OverflowError:
        return 1 if wall_ns < 0 else 9999


def _casefold(value: str | None) -> str | None:
    return person_key(value) if isinstance(value, str) else value


def _register(db: sqlite3.Connection) -> None:
    """The functions our queries use, on every connection to the log."""
    db.create_function("casefold", 1, _casefold, deterministic=True)


Store = SessionLog  # the name the commands and tests knew it by
