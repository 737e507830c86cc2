"""Where the session log's SQLite file lives, and opening it safely.

It lives in ``platformdirs.user_data_path("focustimer")`` or in ``$FOCUSTIMER_DATA_DIR``.
The directory is made 0700 and the file 0600 before SQLite touches it (SQLite gives its
-wal and -shm files the mode of the database file). The file is opened in WAL mode with a
busy timeout and brought up to the current schema. A damaged file is moved aside as
``sessions.db.corrupt-<time>`` and a fresh one started.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import datetime, timezone
from pathlib import Path

import platformdirs

from .. import APP_NAME
from ..homedir import NoHome, expand
from ..i18n import _
from ..usage import UsageError
from ..visible import visible
from .schema import NewerSchemaError, migrate

FILE_NAME = "sessions.db"
BUSY_TIMEOUT_S = 10.0  # two timers at once take turns at the write lock; they never fail on it
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


class StoreError(Exception):
    """The log cannot be used; the message is one line for the user."""


class DataDirError(StoreError, UsageError):
    """FOCUSTIMER_DATA_DIR cannot be used as typed: bad input for a command (exit 2), and for
    a session a reason the log cannot be written (the timer runs on)."""


def data_dir() -> Path:
    override = os.environ.get("FOCUSTIMER_DATA_DIR")
    if override:
        try:
            return expand(override)
        except NoHome as problem:
            raise DataDirError(f"FOCUSTIMER_DATA_DIR={visible(override, 60)}: {problem}") from None
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_path() -> Path:
    return data_dir() / FILE_NAME


def open_db(path: Path) -> tuple[sqlite3.Connection, Path | None]:
    """The log at ``path``, ready to use, and where a damaged file was moved (or None).

    StoreError says, in one line, why it cannot be used.
    """
    _prepare(path)
    try:
        return _connect(path), None
    except sqlite3.DatabaseError as error:
        if not is_corruption(error):
            raise StoreError(_describe(path, error)) from None
    moved = move_aside(path)
    _prepare(path)
    try:
        return _connect(path), moved
    except sqlite3.DatabaseError as error:
        raise StoreError(_describe(path, error)) from None


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


def damaged_message(moved_to: Path) -> str:
    """What to tell the user once a damaged log has been moved aside (a sentence's start)."""
    return _("The session log was damaged: moved it to {path} and started a new one").format(
        path=moved_to
    )


def _describe(path: Path, error: sqlite3.Error) -> str:
    return _("cannot use the session log {path}: {reason}").format(path=path, reason=error)
