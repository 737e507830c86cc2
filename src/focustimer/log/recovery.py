"""A damaged log: moved aside whole, then what still reads is saved into the new one.

Moving aside renames the database file together with its ``-wal`` and ``-shm`` (the newest
sessions may live only in the ``-wal`` after a kill -9), with no connection opened on them:
SQLite deletes a ``-wal`` when the last connection closes. Salvage then works on a copy in
a temporary folder, so the damaged copy stays exactly as it was found: SQLite's ``.recover``
(through the ``sqlite3`` command, where it has it) and else every row that still reads.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from contextlib import suppress
from datetime import datetime, timezone
from pathlib import Path

from ..i18n import _, ngettext
from .file import SQLITE_MAGIC, StoreError, companions
from .schema import OUR_TABLES

RECOVER_TIMEOUT_S = 30.0
_MAX_PROBES = 1_000_000  # ids tried one by one past a damaged page
_ONE_SESSION = "SELECT * FROM sessions WHERE id = ?"
# Parents before children: a turn is kept only with its session.
_ORDER = ("sessions", "turns", "pauses", "events")


def move_aside(path: Path) -> Path:
    """Rename a damaged log, its -wal and -shm to ``sessions.db.corrupt-<time>`` (+ -wal, -shm)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while any(p.exists() for p in (target, *companions(target))):
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
        for part, moved in zip(companions(path), companions(target), strict=True):
            with suppress(FileNotFoundError):
                os.replace(part, moved)
    except OSError as error:
        raise StoreError(
            _("{path} is damaged and cannot be moved aside: {reason}").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    return target


def salvage(damaged: Path, into: sqlite3.Connection) -> int:
    """Copy the sessions that still read in ``damaged`` into the log ``into``; how many."""
    with tempfile.TemporaryDirectory(prefix="focustimer-salvage-") as folder:
        copy = Path(folder) / "damaged.db"
        try:
            shutil.copyfile(damaged, copy)
            for part, target in zip(companions(damaged), companions(copy), strict=True):
                if part.exists():
                    shutil.copyfile(part, target)
        except OSError:
            return 0
        _mend_header(copy)
        rows = _recovered(copy) or _readable(copy)
    return _insert(into, rows)


def _mend_header(copy: Path) -> None:
    """A first page whose header is gone: write a plausible one, so the rest can be read.

    The page size is taken from the -wal's header when there is one, else SQLite's default.
    """
    with open(copy, "r+b") as file:
        header = file.read(100)
        if header.startswith(SQLITE_MAGIC):
            return
        page = 4096
        wal = companions(copy)[0]
        if wal.exists():
            with open(wal, "rb") as log:
                wal_header = log.read(32)
            if len(wal_header) == 32:
                page = struct.unpack(">I", wal_header[8:12])[0] or page
        fresh = bytearray(100)
        fresh[0:16] = SQLITE_MAGIC
        fresh[16:18] = struct.pack(">H", 1 if page == 65536 else page)
        fresh[18] = fresh[19] = 2 if wal.exists() else 1  # WAL or rollback journal
        fresh[21:24] = bytes((64, 32, 32))  # payload fractions, fixed by the file format
        fresh[44:48] = struct.pack(">I", 4)  # schema format
        fresh[56:60] = struct.pack(">I", 1)  # UTF-8
        file.seek(0)
        file.write(fresh)


Rows = dict[str, tuple[list[str], list[tuple[object, ...]]]]


def _recovered(copy: Path) -> Rows:
    """SQLite's own ``.recover``, where the ``sqlite3`` command has it; empty otherwise."""
    command = shutil.which("sqlite3")
    if command is None:
        return {}
    try:
        done = subprocess.run(
            [command, str(copy), ".recover"],
            capture_output=True,
            text=True,
            errors="surrogateescape",
            timeout=RECOVER_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}  # some builds lack the sqlite_dbpage table .recover needs
    db = sqlite3.connect(":memory:")
    # The script holds SQL text taken from a damaged (or hostile) file: it may not reach
    # any other file.
    db.set_authorizer(_no_attach)
    try:
        db.executescript(done.stdout)
        return _rows(db)
    except sqlite3.Error:
        return {}
    finally:
        db.close()


def _no_attach(action: int, *_args: object) -> int:
    return sqlite3.SQLITE_DENY if action == sqlite3.SQLITE_ATTACH else sqlite3.SQLITE_OK


def _readable(copy: Path) -> Rows:
    """Every session that still reads, with its parts: read in order while that works, then
    one id at a time past the damaged pages, up to the highest id that reads."""
    rows: Rows = {}
    try:
        db = sqlite3.connect(copy.as_uri(), uri=True)
        names = [c[0] for c in db.execute("SELECT * FROM sessions LIMIT 0").description]
    except sqlite3.Error:
        return rows
    try:
        sessions: list[tuple[object, ...]] = []
        with suppress(sqlite3.Error):
            for row in db.execute("SELECT * FROM sessions ORDER BY id"):
                sessions.append(tuple(row))
        last = int(sessions[-1][0]) if sessions else 0  # type: ignore[call-overload]
        with suppress(sqlite3.Error):
            highest = db.execute("SELECT max(id) FROM sessions").fetchone()[0] or 0
            for sid in range(last + 1, min(highest, last + _MAX_PROBES) + 1):
                with suppress(sqlite3.Error):
                    sessions += [tuple(r) for r in db.execute(_ONE_SESSION, (sid,))]
        rows["sessions"] = (names, sessions)
        ids = {session[0] for session in sessions}
        for table in _ORDER[1:]:
            with suppress(sqlite3.Error):
                columns = [c[0] for c in db.execute(f"SELECT * FROM {table} LIMIT 0").description]
                rows[table] = (columns, _parts(db, table, columns.index("session_id"), ids))
    finally:
        db.close()
    return rows


def _parts(
    db: sqlite3.Connection, table: str, key: int, ids: set[object]
) -> list[tuple[object, ...]]:
    """The rows of ``table`` that belong to the sessions ``ids``: in one pass over the table
    (no index: an index may be what is damaged), else session by session."""
    try:
        return [tuple(r) for r in db.execute(f"SELECT * FROM {table}") if r[key] in ids]
    except sqlite3.Error:
        pass
    found: list[tuple[object, ...]] = []
    for sid in ids:
        with suppress(sqlite3.Error):
            found += [
                tuple(r) for r in db.execute(f"SELECT * FROM {table} WHERE session_id = ?", (sid,))
            ]
    return found


def _rows(db: sqlite3.Connection) -> Rows:
    rows: Rows = {}
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in _ORDER:
        if table in tables & OUR_TABLES:
            cursor = db.execute(f"SELECT * FROM {table}")  # our own table names
            rows[table] = ([c[0] for c in cursor.description], [tuple(r) for r in cursor])
    return rows


def _insert(into: sqlite3.Connection, rows: Rows) -> int:
    """The salvaged rows into the new log, each session with its parts; sessions saved."""
    if "sessions" not in rows:
        return 0
    saved = 0
    into.execute("BEGIN IMMEDIATE")
    try:
        columns = {r[1] for r in into.execute("PRAGMA table_info(sessions)")}
        ids: set[object] = set()
        for table in _ORDER:
            if table not in rows:
                continue
            names, found = rows[table]
            known = {r[1] for r in into.execute(f"PRAGMA table_info({table})")}
            keep = [i for i, name in enumerate(names) if name in known]
            if table == "sessions":
                keep = [i for i, name in enumerate(names) if name in columns]
            sql = (
                f"INSERT OR IGNORE INTO {table} ({', '.join(names[i] for i in keep)})"
                f" VALUES ({', '.join('?' * len(keep))})"
            )
            for row in found:
                values = [row[i] for i in keep]
                if table == "sessions":
                    try:
                        into.execute(sql, values)
                    except sqlite3.IntegrityError:
                        continue  # a row too damaged to be a session
                    ids.add(row[names.index("id")])
                    saved += 1
                elif row[names.index("session_id")] in ids:
                    with suppress(sqlite3.IntegrityError):
                        into.execute(sql, values)
        into.execute("COMMIT")
    except BaseException:
        if into.in_transaction:
            into.execute("ROLLBACK")
        raise
    return saved


def damaged_message(moved_to: Path, saved: int | None = None) -> str:
    """What to tell the user once a damaged log has been moved aside (a sentence's start)."""
    message = _("The session log was damaged: moved it to {path} and started a new one").format(
        path=moved_to
    )
    if saved is None:
        return message
    if saved == 0:
        return message + _("; no session could be read from it")
    return message + ngettext(
        "; {n} session read from it is in the new log",
        "; the {n} sessions read from it are in the new log",
        saved,
    ).format(n=saved)
