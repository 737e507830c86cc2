"""Save the session to the log as it happens, on a thread of its own.

The engine's listeners run on the timer's event loop, so the recorder only notes what to
write and queues it; a writer thread owns the SQLite connection. A slow disk, a busy lock or
a full disk can delay the log, never the timer. The session row is written when it starts,
every event as it happens, and a heartbeat at least every second while it runs: a process
that dies leaves its session in the log with the times as of its last heartbeat.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..engine.clock import NS, Clock
from ..engine.events import Event, SessionContinued, SessionStarted
from ..i18n import _
from .file import StoreError, is_corruption, is_full
from .record_builder import RecordBuilder, event_row
from .records import SessionRecord
from .reserve import Reserve
from .store import SessionLog

T = TypeVar("T")

# A heartbeat is due every HEARTBEAT_NS of the engine's clock, on a fixed grid (a late save
# does not push the next one back); the app wakes for it when ``next_heartbeat_ns`` says. An
# offer up to half a beat early counts, so a wake-up a hair early never skips a beat, and a
# late one costs only its lateness: after a kill -9 the log is about half a second behind,
# under a second even on a loaded machine.
HEARTBEAT_NS = NS // 2
_EARLY_NS = HEARTBEAT_NS // 2
RETRY_S = 1.0  # how often a write waiting for room on the disk is tried again
CLOSE_TIMEOUT_S = 2.0  # how long quitting waits for the last rows to reach the disk
_SQLITE_BUSY = 5
# What a write can meet. ValueError and OverflowError too (a value SQLite cannot take): the
# session is then said not to be saved, never a traceback over the timer and a silent log.
_WRITE_ERRORS = (StoreError, sqlite3.Error, OSError, ValueError, OverflowError)


@dataclass(frozen=True)
class _Save:
    record: SessionRecord
    heartbeat_ns: int
    event: tuple[str, int, str] | None
    begins: bool = False
    continues: int | None = None  # the id of a session cut off that goes on from here


@dataclass(frozen=True)
class _Note:
    text: str


_Op = _Save | _Note | threading.Event | None  # an Event marks a flush; None ends the thread


class Recorder:
    """An engine listener that keeps the log of the session it hears about.

    What it saves comes from the engine's events alone; ``clock`` (the engine's) says when
    it is and how far the times the last ``Timing`` announced have run.
    """

    def __init__(
        self,
        clock: Clock,
        path: Path,
        continuing: SessionRecord | None = None,
        linked: str | None = None,
        retry_s: float = RETRY_S,
    ) -> None:
        """``continuing``: the log's record of the session cut off that the engine goes on
        with (``Engine.continue_from``); it is taken up in its own row, under its own id.
        ``linked``: the partner a linked session was shared with (their name as the host
        typed it). ``retry_s``: how often a write waiting for room on the disk is tried
        again."""
        self._clock = clock
        self._path = path
        self._builder = RecordBuilder(continuing=continuing, linked=linked)
        self._continuing = continuing
        self._retry_s = retry_s
        self._queue: queue.SimpleQueue[_Op] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._next_beat: int | None = None  # when the next heartbeat is due
        self._report: Callable[[str, bool], None] | None = None
        self._closing = threading.Event()
        self.problems: list[str] = []  # what the user was told, in order
        self.lost = False  # told "not saved": the session is not (wholly) in the log

    def start(self, report: Callable[[str, bool], None] | None = None) -> None:
        """Start writing. ``report`` is called (from the writer thread) with a line for the user
        and whether it means the session is not saved (the rest are warnings or good news)."""
        self._report = report
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="focustimer-log", daemon=True)
            self._thread.start()

    # -- on the event loop: note and queue, never wait ------------------------------------------

    def __call__(self, event: Event) -> None:
        record = self._builder.apply(event)
        if record is None:
            return
        if self._next_beat is None:
            self._next_beat = self._clock.monotonic_ns() + HEARTBEAT_NS
        begins = isinstance(event, SessionStarted)
        continues = None
        if isinstance(event, SessionContinued) and self._continuing is not None:
            continues = self._continuing.id
        self._queue.put(_Save(record, self._clock.wall_ns(), event_row(event), begins, continues))

    def heartbeat(self, now_ns: int | None = None) -> None:
        """Save the time passed so far, at most once a ``HEARTBEAT_NS``; call it often.

        ``now_ns``: the monotonic clock's reading, if the caller has just taken it."""
        now = self._clock.monotonic_ns() if now_ns is None else now_ns
        if self._next_beat is not None and now < self._next_beat - _EARLY_NS:
            return
        record = self._builder.live(now)
        if record is None:
            return
        # The next one on the grid; after a long stall (a sleeping laptop), from now.
        due = (self._next_beat if self._next_beat is not None else now) + HEARTBEAT_NS
        self._next_beat = due if due > now + _EARLY_NS else now + HEARTBEAT_NS
        self._queue.put(_Save(record, self._clock.wall_ns(), None))

    @property
    def next_heartbeat_ns(self) -> int | None:
        """When (engine's monotonic clock) ``heartbeat`` next saves; None before the session.

        One already past was declined: no turn running to save. The app wakes for it.
        """
        return self._next_beat

    def note(self, text: str) -> None:
        """The partners' one-line note on the session they just had."""
        self._queue.put(_Note(text.strip()))

    def flush(self, timeout: float = CLOSE_TIMEOUT_S) -> bool:
        """Wait until everything queued so far is written (or has failed); False on time-out."""
        done = threading.Event()
        self._queue.put(done)
        if self._thread is None:
            return False
        return done.wait(timeout)

    def close(self, timeout: float = CLOSE_TIMEOUT_S) -> bool:
        """Write what is queued and stop, waiting at most ``timeout``; False if that ran out."""
        self._closing.set()
        self._queue.put(None)
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- on the writer thread ----------------------------------------------------------------

    def _run(self) -> None:
        writer = _Writer(self._path, self._tell, self._closing)
        while True:
            try:
                # While something waits for room on the disk, try again every so often.
                op = self._queue.get(timeout=self._retry_s if writer.pending else None)
            except queue.Empty:
                writer.retry()
                continue
            if op is None:
                writer.retry()  # quitting: room may have come back since the last try
                break
            if isinstance(op, threading.Event):
                op.set()
                continue
            writer.take(op)
        writer.close()

    def _tell(self, message: str, lost: bool = False) -> None:
        self.problems.append(message)
        self.lost = self.lost or lost
        if self._report is not None:
            self._report(message, lost)


class _Writer:
    """The writer thread's state: the log, the session's row, and what is not written yet.

    What is not written yet stays in memory: the latest record (it holds the whole session so
    far), the events since, the note. A full disk keeps it there and it is tried again every
    second; damage found on writing moves the file aside and writes it into a new log.
    """

    def __init__(self, path: Path, tell: Callable[..., None], closing: threading.Event) -> None:
        self._path = path
        self._tell = tell
        self._closing = closing
        self._store: SessionLog | None = None
        self._reserve: Reserve | None = None
        self._session_id: int | None = None
        self._continues: int | None = None  # a session cut off, not taken up in the log yet
        self._record: _Save | None = None  # the latest state of the session, not yet written
        self._events: list[tuple[str, int, str]] = []
        self._note: str | None = None
        self._failed = False
        self._full = False  # the disk was found full and has not had room since
        self._told_saved = False  # ... and yet all of the session reached it
        self._in_last_words = False
        self._recovered = False
        self._checked = False  # a write said "damaged" and quick_check said "sound": once

    @property
    def pending(self) -> bool:
        return not self._failed and (self._record is not None or self._note is not None)

    def take(self, op: _Save | _Note) -> None:
        if self._failed:
            return
        if isinstance(op, _Note):
            self._note = op.text
        else:
            if op.begins or op.continues is not None:
                self._session_id, self._events = None, []
                self._continues = op.continues
            self._record = op
            if op.event is not None:
                self._events.append(op.event)
        self.retry()

    def retry(self) -> None:
        """Write what waits; on failure keep it (a full disk) or give up saying why."""
        if not self.pending:
            return
        try:
            self._write()
        except _WRITE_ERRORS as error:
            self._failure(error)

    def _write(self) -> None:
        if self._store is None:
            self._store = SessionLog.open(self._path)
            for notice in self._store.notices:
                self._tell(notice)
            self._reserve = Reserve(self._store.path)
            self._reserve.make()
        store = self._store
        if self._record is not None:
            op = self._record
            if self._session_id is None and self._continues is not None:
                self._session_id = self._take_up(store, self._continues, op.heartbeat_ns)
                self._continues = None
            if self._session_id is None:
                # Each write is retried on its own: a retry must never begin the session twice.
                first = list(self._events)  # written with the row: its rule is never lost
                self._session_id = self._while_busy(
                    lambda: store.begin_session(
                        op.record, heartbeat_ns=op.heartbeat_ns, events=first
                    )
                )
                self._events = self._events[len(first) :]
            sid, events, full = self._session_id, list(self._events), self._full
            # While the disk is full, each row that is written says it is saved up to then.
            self._while_busy(
                lambda: store.save(
                    sid, op.record, heartbeat_ns=op.heartbeat_ns, events=events, unsaved=full
                )
            )
            self._record, self._events = None, []
        if self._note is not None and self._session_id is not None:
            sid, note = self._session_id, self._note
            self._while_busy(lambda: store.save_note(sid, note))
        self._note = None
        if self._full and not self._told_saved and not self._in_last_words:
            self._told_saved = True
            self._tell(_("There is room on the disk again: the whole session is saved."))
        if self._full and self._reserve is not None and self._reserve.make():
            self._full = self._told_saved = False  # room for the last words again
            if self._session_id is not None:
                sid = self._session_id
                self._while_busy(lambda: store.clear_unsaved(sid))

    def _take_up(self, store: SessionLog, session_id: int, heartbeat_ns: int) -> int | None:
        """The session cut off, made running again in its own row; None when the row is gone
        (a damaged log was replaced since): it is then begun anew in this log."""
        if self._while_busy(lambda: store.take_up(session_id, heartbeat_ns=heartbeat_ns)):
            return session_id
        if store.has_session(session_id):
            raise StoreError(_("another focustimer has resumed it already"))
        return None

    def _failure(self, error: Exception) -> None:
        store = self._store
        if isinstance(error, (sqlite3.Error, OSError)) and is_full(error):
            # Full again after "room again" was said: said again, the rest is in memory.
            if not self._full or self._told_saved:
                self._full, self._told_saved = True, False
                self._tell(
                    _(
                        "The disk is full: the session goes on and is kept in memory,"
                        " saved as soon as there is room"
                    )
                )
                self._last_words()
            return
        damaged = isinstance(error, sqlite3.DatabaseError) and is_corruption(error)
        if damaged and store is not None and not self._checked and store.quick_check():
            # SQLite finds the file sound after all (a passing fault): the write once more.
            self._checked = True
            self.retry()
            return
        if damaged and store is not None and not self._recovered:
            # Damage that only writing finds (a broken index page): a new log, once.
            self._recovered = True
            try:
                notice = store.recover()
            except StoreError as problem:
                error = problem
            else:
                sid = self._session_id
                if sid is not None and not store.has_session(sid):
                    self._session_id = None  # not salvaged: begun again in the new log
                self._tell(notice + _("; this session is saved in the new log"))
                self.retry()
                return
        self._failed = True  # the session goes on; saving the rest of it would leave holes
        self._tell(_("This session will not be saved: {reason}").format(reason=error), True)

    def _last_words(self) -> None:
        """On a full disk: the reserve's room for the newest record, flagged as saved up to
        then; failing that, a flag on the row as it last reached the disk."""
        if self._reserve is not None:
            self._reserve.release()
        self._in_last_words = True  # the reserve's room: not yet a disk with room again
        try:
            self._write()
            return
        except _WRITE_ERRORS:
            pass
        finally:
            self._in_last_words = False
        if self._store is not None and self._session_id is not None:
            saved = self._store.heartbeat_of(self._session_id)
            if saved is not None:
                self._store.mark_unsaved(self._session_id, saved)

    def close(self) -> None:
        if self._reserve is not None:
            self._reserve.release()
        if self._store is not None:
            self._store.close()

    def _while_busy(self, write: Callable[[], T]) -> T:
        """``write``, tried again while another timer holds the lock past the busy timeout."""
        while True:
            try:
                return write()
            except sqlite3.OperationalError as error:
                busy = getattr(error, "sqlite_errorcode", _SQLITE_BUSY) & 0xFF == _SQLITE_BUSY
                if not busy or "locked" not in str(error) or self._closing.is_set():
                    raise
