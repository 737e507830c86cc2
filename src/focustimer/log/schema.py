"""The session log's schema, as a list of small migrations applied in order (stdlib sqlite3).

``PRAGMA user_version`` holds how many have been applied. Each migration runs in the same
transaction as the version bump and is written to be harmless when run again, so an
interrupted upgrade, or two processes upgrading at once, leave a usable database.
Append new migrations; never change one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]

APPLICATION_ID = 0x46546D72  # "FTmr": PRAGMA application_id marks a file as focustimer's log
OUR_TABLES = frozenset({"sessions", "turns", "pauses", "events"})


class NewerSchemaError(RuntimeError):
    """The file was written by a newer focustimer: better not to touch it."""


def m001_sessions_and_turns(db: sqlite3.Connection) -> None:
    """The log itself: one row per session, one per partner's turn."""
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS sessions (
            id INTEGER PRIMARY KEY,
            started_ns INTEGER NOT NULL,     -- wall clock, UTC nanoseconds since the epoch
            utc_offset_s INTEGER NOT NULL,   -- the local UTC offset when it started
            ended_ns INTEGER,                -- null while running
            status TEXT NOT NULL,            -- running | finished | aborted
            planned_ns INTEGER NOT NULL,     -- the agreed total
            paused_ns INTEGER NOT NULL DEFAULT 0,
            evened_out_ns INTEGER NOT NULL DEFAULT 0,
            actual_ns INTEGER NOT NULL DEFAULT 0,  -- all the boss time: the turns' sum
            partners TEXT NOT NULL,          -- JSON array of the sorted names
            note TEXT,
            heartbeat_ns INTEGER NOT NULL,   -- when its process last said it is alive
            pid INTEGER,
            host TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS turns (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            position INTEGER NOT NULL,       -- speaking order, 1-based
            name TEXT NOT NULL,
            planned_ns INTEGER NOT NULL,
            actual_ns INTEGER NOT NULL DEFAULT 0,   -- boss time, overrun included
            overrun_ns INTEGER NOT NULL DEFAULT 0,
            started_ns INTEGER,
            ended_ns INTEGER,
            PRIMARY KEY (session_id, position)
        ) WITHOUT ROWID
        """
    )


def m002_pauses_and_events(db: sqlite3.Connection) -> None:
    """Each pause with its start and end, and every engine event as it happened."""
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS pauses (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            position INTEGER NOT NULL,
            turn INTEGER NOT NULL,
            reason TEXT NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER,
            PRIMARY KEY (session_id, position)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS events (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            wall_ns INTEGER NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL               -- the event's fields as JSON
        )
        """
    )


def m003_indexes(db: sqlite3.Connection) -> None:
    """What `log`, `stats` and "who went first last time" look up, fast over many sessions.

    The extra columns make the indexes covering: stats read them and never the table.
    """
    for index in (
        "sessions_by_start ON sessions(started_ns, utc_offset_s, status)",
        "sessions_by_partners ON sessions(partners, started_ns, actual_ns)",
        "turns_by_name ON turns(name COLLATE NOCASE)",  # log --partner, in any case
        "turns_by_partner ON turns(name, actual_ns)",
        "events_by_session ON events(session_id)",
    ):
        db.execute(f"CREATE INDEX IF NOT EXISTS {index}")


def m004_application_id_and_unsaved(db: sqlite3.Connection) -> None:
    """Mark the file as ours; note where a session stopped being saved (a full disk).

    ``unsaved_ns`` is the wall-clock time from which a session's record could not be
    written: ``log`` shows its times as saved up to then, not as an interrupted session.
    """
    db.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    columns = {row[1] for row in db.execute("PRAGMA table_info(sessions)")}
    if "unsaved_ns" not in columns:
        db.execute("ALTER TABLE sessions ADD COLUMN unsaved_ns INTEGER")


def m005_linked(db: sqlite3.Connection) -> None:
    """A linked session (--link, join) names the partner it was shared with, as the one who
    made the code typed it; null for a session on this computer alone."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(sessions)")}
    if "linked" not in columns:
        db.execute("ALTER TABLE sessions ADD COLUMN linked TEXT")


MIGRATIONS: list[Migration] = [
    m001_sessions_and_turns,
    m002_pauses_and_events,
    m003_indexes,
    m004_application_id_and_unsaved,
    m005_linked,
]
SCHEMA_VERSION = len(MIGRATIONS)


def version(db: sqlite3.Connection) -> int:
    value: int = db.execute("PRAGMA user_version").fetchone()[0]
    return value


def migrate(db: sqlite3.Connection, migrations: list[Migration] = MIGRATIONS) -> int:
    """Apply the migrations not applied yet, one transaction each; returns the version reached.

    ``db`` must be in autocommit mode (``isolation_level=None``) so that the transactions
    here are the only ones. The version is read again under the write lock: another
    process may have upgraded the file meanwhile.
    """
    if version(db) > len(migrations):
        raise NewerSchemaError(version(db))
    while version(db) < len(migrations):
        db.execute("BEGIN IMMEDIATE")
        try:
            current = version(db)
            if current > len(migrations):
                raise NewerSchemaError(current)
            if current < len(migrations):
                migrations[current](db)
                # PRAGMA takes no parameters; the value is our own integer.
                db.execute(f"PRAGMA user_version = {current + 1:d}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # SQLite rolls back by itself on a full disk
                db.execute("ROLLBACK")
            raise
    return version(db)
