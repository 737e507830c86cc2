"""Where the session log's SQLite file lives, what it is, and opening it without harm.

Its path is handed in by whoever opens it (settings/locations.py says where it lives).
Before any connection is opened the file is looked at from outside (``lstat`` and its
100-byte header): a symlink, a folder, another program's database or a newer focustimer's log
is left exactly as it is, and a file whose header is broken is moved aside with its ``-wal``
and ``-shm`` before SQLite could checkpoint or delete them (see recovery.py). Our own files
carry ``PRAGMA application_id``. Folders and files focustimer creates are 0700 / 0600 whatever
the umask (SQLite gives its -wal and -shm files the mode of the database file).
Readers open ``mode=ro`` and never create or migrate anything.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import struct
import time
from enum import Enum
from pathlib import Path

from ..i18n import _
from ..private import make_folders
from .schema import APPLICATION_ID, OUR_TABLES, SCHEMA_VERSION, NewerSchemaError, migrate

BUSY_TIMEOUT_S = 10.0  # two timers at once take turns at the write lock; they never fail on it
SQLITE_MAGIC = b"SQLite format 3\x00"
_SQLITE_CORRUPT, _SQLITE_NOTADB, _SQLITE_FULL, _SQLITE_IOERR, _SQLITE_BUSY = 11, 26, 13, 10, 5
_WAL_RETRY_S = 0.01
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class StoreError(Exception):
    """The log cannot be used; the message is one line for the user."""


class DamagedOnOpening(Exception):
    """SQLite found the file damaged while opening it. The connection is handed over still
    open: closing it before the file is moved aside could checkpoint or delete the -wal."""

    def __init__(self, db: sqlite3.Connection) -> None:
        super().__init__()
        self.db = db


class Kind(Enum):
    """What is at the log's path, as seen from outside, before SQLite is let near it."""

    MISSING = "missing"
    EMPTY = "empty"  # a 0-byte file, or a database without tables: ours to set up
    OURS = "ours"  # our application_id, or (older logs) our tables and user_version
    NEWER = "newer"  # ours, from a newer focustimer
    FOREIGN = "foreign"  # another program's SQLite database
    DAMAGED = "damaged"  # the header is not SQLite's, or the schema cannot be read
    NOT_FILE = "not-file"  # a symlink, a folder, a device...


def companions(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files that belong to a database file: they go wherever it goes."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


# -- what is there --------------------------------------------------------------------------


def examine(path: Path) -> Kind:
    """What ``path`` holds, found without a connection that could write, checkpoint or delete."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return Kind.MISSING
    if not stat.S_ISREG(info.st_mode):
        return Kind.NOT_FILE
    if info.st_size == 0:
        return Kind.EMPTY
    header = _read_header(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return Kind.DAMAGED
    user_version, application_id = struct.unpack(">I", header[60:64])[0], header_id(header)
    if application_id == APPLICATION_ID:
        return Kind.NEWER if user_version > SCHEMA_VERSION else Kind.OURS
    if application_id != 0:
        return Kind.FOREIGN
    try:
        tables = _tables(path)
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            return Kind.DAMAGED
        raise StoreError(describe(path, error)) from None
    if not tables and user_version == 0:
        return Kind.EMPTY
    if "sessions" in tables and tables <= OUR_TABLES and user_version >= 1:
        return Kind.NEWER if user_version > SCHEMA_VERSION else Kind.OURS
    return Kind.FOREIGN


def header_id(header: bytes) -> int:
    value: int = struct.unpack(">I", header[68:72])[0]
    return value


def _read_header(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW)
    try:
        return os.read(fd, 100)
    finally:
        os.close(fd)


def _tables(path: Path) -> set[str]:
    """The tables in the main file, read with ``immutable=1``: no lock, no -wal or -shm made."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        db.close()
    return {name for (name,) in rows if not name.startswith("sqlite_")}


def refusal(path: Path, kind: Kind) -> StoreError:
    """The one line for a file focustimer must leave exactly as it is."""
    if kind is Kind.NEWER:
        message = _("{path} was written by a newer focustimer: update focustimer to use it")
    elif kind is Kind.FOREIGN:
        message = _(
            "{path} is not a focustimer log (another program's database): it is left as it is;"
            " move it away or set FOCUSTIMER_DATA_DIR to another folder"
        )
    else:
        message = _(
            "{path} is not a regular file (a symlink or a folder): it is left as it is;"
            " move it away or set FOCUSTIMER_DATA_DIR to another folder"
        )
    return StoreError(message.format(path=path))


# -- opening ----------------------------------------------------------------------------------


def open_writer(path: Path, warn: list[str]) -> sqlite3.Connection:
    """The log at ``path`` for writing, created and brought up to the current schema.

    Only for a file ``examine`` found MISSING, EMPTY or OURS; a problem warn-worthy but not
    fatal (a data folder others can read) is appended to ``warn``.
    """
    prepare_dir(path.parent, warn)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _O_NOFOLLOW, 0o600)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise refusal(path, Kind.NOT_FILE)
            if info.st_mode & 0o077:
                os.fchmod(fd, 0o600)  # our own log, never through a link: private again
            fresh = info.st_size == 0
        finally:
            os.close(fd)
    except OSError as error:
        if error.filename is None:
            error.filename = str(path)
        raise os_error(error) from None
    # The busy timeout is the first thing set (connect sets it): two timers that start
    # together on a new log take turns at every step below.
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        if fresh:
            # Marked ours before WAL mode, so the mark sits in the main file's header at once.
            db.execute("BEGIN IMMEDIATE")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            db.execute("COMMIT")
        _into_wal(db)
        # FULL: a committed heartbeat survives a power cut, not only a crash.
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
    except NewerSchemaError:
        db.close()
        raise refusal(path, Kind.NEWER) from None
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            raise DamagedOnOpening(db) from error
        db.close()
        raise
    except BaseException:
        db.close()
        raise
    return db


def _into_wal(db: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, waiting while another timer writes the file.

    Switching a new log to WAL upgrades a read lock the pragma already holds, and there
    SQLite says "database is locked" at once instead of waiting its busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() > deadline:
                raise
        time.sleep(_WAL_RETRY_S)


def open_reader(path: Path) -> sqlite3.Connection:
    """The log at ``path`` read-only (``mode=ro``): nothing is created, migrated or chmodded.

    Only for a file ``examine`` found OURS. Where SQLite cannot make its shared-memory file
    (a read-only folder, a full disk) the file is read as it stands (``immutable=1``).
    """
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        db.close()
        db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
    try:
        _as_current_schema(db)
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            raise DamagedOnOpening(db) from error
        db.close()
        raise
    return db


def has_log(db: sqlite3.Connection) -> bool:
    """Does it hold the log's tables yet? (A file just made by a timer may not.)"""
    row = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sessions'").fetchone()
    return row is not None


def _as_current_schema(db: sqlite3.Connection) -> None:
    """A log of an older schema, read as the current one: temporary views, in memory, fill
    the columns added since (readers never migrate)."""
    db.execute("PRAGMA temp_store = MEMORY")
    columns = {row[1] for row in db.execute("PRAGMA main.table_info(sessions)")}
    added = [f"NULL AS {name}" for name in ("unsaved_ns", "linked") if name not in columns]
    if columns and added:  # fixed column names, not input
        db.execute(f"CREATE TEMP VIEW sessions AS SELECT *, {', '.join(added)} FROM main.sessions")


def empty_reader() -> sqlite3.Connection:
    """An empty log in memory, for reading where none exists yet: nothing is made on disk."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db)
    return db


def prepare_dir(directory: Path, warn: list[str]) -> None:
    """The data folder: made 0700 (with any missing parents) whatever the umask.

    An existing folder others can read is said once, as ssh does, and never chmodded: the user
    may have shared it on purpose.
    """
    try:
        made = make_folders(directory)
        info = directory.stat()
    except OSError as error:
        raise os_error(error) from None
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(
            _("cannot use {path}: {reason}").format(path=directory, reason=_("not a folder"))
        )
    if info.st_mode & 0o077 and not made:
        warn.append(
            _(
                "{path} can be read by other users of this computer:"
                " chmod 700 it to keep the session log private"
            ).format(path=directory)
        )


def os_error(error: OSError) -> StoreError:
    return StoreError(
        _("cannot use {path}: {reason}").format(
            path=error.filename or "", reason=error.strerror or error
        )
    )


# -- what an error means ----------------------------------------------------------------------


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    return None if code is None else int(code) & 0xFF


def is_corruption(error: sqlite3.Error) -> bool:
    """A damaged file, as opposed to a busy lock, a full disk or a permission."""
    code = _code(error)
    if code is not None:
        return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(error)
    return type(error) is sqlite3.DatabaseError or "malformed" in text or "not a database" in text


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock: worth waiting for."""
    code = _code(error)
    if code is not None:
        return code == _SQLITE_BUSY
    return "database is locked" in str(error)


def is_full(error: sqlite3.Error | OSError) -> bool:
    """No room on the disk: worth trying again later."""
    if isinstance(error, OSError):
        return error.errno == 28  # ENOSPC
    code = _code(error)
    text = str(error)
    return (
        code == _SQLITE_FULL or "full" in text or (code in (None, _SQLITE_IOERR) and "I/O" in text)
    )


def describe(path: Path, error: sqlite3.Error) -> str:
    return _("cannot use the session log {path}: {reason}").format(path=path, reason=error)
