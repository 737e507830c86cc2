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

from ..clock import NS
from ..engine import Engine
from ..events import Event, SessionStarted
from ..i18n import _
from .file import StoreError, damaged_message
from .journal import Journal, event_row
from .records import SessionRecord
from .store import SessionLog

T = TypeVar("T")

HEARTBEAT_NS = NS  # within the 2 s the log promises, with room for a late wake-up
CLOSE_TIMEOUT_S = 2.0  # how long quitting waits for the last rows to reach the disk
_SQLITE_BUSY = 5


@dataclass(frozen=True)
class _Save:
    record: SessionRecord
    heartbeat_ns: int
    event: tuple[str, int, str] | None
    begins: bool = False


@dataclass(frozen=True)
class _Note:
    text: str


_Op = _Save | _Note | threading.Event | None  # an Event marks a flush; None ends the thread


class Recorder:
    """An engine listener that keeps the log of the session it hears about."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self._engine = engine
        self._path = path
        self._journal = Journal()
        self._queue: queue.SimpleQueue[_Op] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._last_beat: int | None = None
        self._report: Callable[[str], None] | None = None
        self._closing = threading.Event()
        self.problems: list[str] = []  # what the user was told, in order

    def start(self, report: Callable[[str], None] | None = None) -> None:
        """Start writing. ``report`` is called (from the writer thread) with a line for the user."""
        self._report = report
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="focustimer-log", daemon=True)
            self._thread.start()

    # -- on the event loop: note and queue, never wait ------------------------------------------

    def __call__(self, event: Event) -> None:
        record = self._journal.apply(event)
        if record is None:
            return
        self._last_beat = self._engine.clock.monotonic_ns()
        begins = isinstance(event, SessionStarted)
        self._queue.put(_Save(record, self._engine.clock.wall_ns(), event_row(event), begins))

    def heartbeat(self) -> None:
        """Save the time passed so far, at most once a ``HEARTBEAT_NS``; call it often."""
        now = self._engine.clock.monotonic_ns()
        if self._last_beat is not None and now - self._last_beat < HEARTBEAT_NS:
            return
        record = self._journal.live(self._engine.view())
        if record is None:
            return
        self._last_beat = now
        self._queue.put(_Save(record, self._engine.clock.wall_ns(), None))

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
        store: SessionLog | None = None
        session_id: int | None = None
        failed = False
        while True:
            op = self._queue.get()
            if op is None:
                break
            if isinstance(op, threading.Event):
                op.set()
                continue
            if failed:
                continue
            try:
                if store is None:
                    store = self._open()
                session_id = self._apply(store, session_id, op)
            except (StoreError, sqlite3.Error, OSError) as error:
                failed = True  # the session goes on; saving the rest of it would leave holes
                self._tell(_("This session will not be saved: {reason}").format(reason=error))
        if store is not None:
            store.close()

    def _open(self) -> SessionLog:
        store = SessionLog.open(self._path)
        if store.recovered_to is not None:
            self._tell(damaged_message(store.recovered_to))
        return store

    def _apply(self, store: SessionLog, session_id: int | None, op: _Save | _Note) -> int | None:
        if isinstance(op, _Note):
            if session_id is not None:
                sid = session_id
                self._while_busy(lambda: store.save_note(sid, op.text))
            return session_id
        if op.begins or session_id is None:
            # Each write is retried on its own: a retry must never begin the session twice.
            session_id = self._while_busy(
                lambda: store.begin_session(op.record, heartbeat_ns=op.heartbeat_ns)
            )
        sid = session_id
        self._while_busy(
            lambda: store.save(sid, op.record, heartbeat_ns=op.heartbeat_ns, event=op.event)
        )
        return session_id

    def _while_busy(self, write: Callable[[], T]) -> T:
        """``write``, tried again while another timer holds the lock past the busy timeout."""
        while True:
            try:
                return write()
            except sqlite3.OperationalError as error:
                busy = getattr(error, "sqlite_errorcode", _SQLITE_BUSY) & 0xFF == _SQLITE_BUSY
                if not busy or "locked" not in str(error) or self._closing.is_set():
                    raise

    def _tell(self, message: str) -> None:
        self.problems.append(message)
        if self._report is not None:
            self._report(message)
