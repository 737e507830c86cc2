"""Which timers are writing the log: an advisory lock beside it, so no one moves it from under them.

A writer holds ``flock(LOCK_SH)`` on ``sessions.db.lock`` for as long as it has the log open.
Whoever finds the log damaged moves it aside only with ``LOCK_EX | LOCK_NB``: while a timer
writes, the file stays where it is (the timer would go on writing into the moved file). The
lock file is never moved. Where there is no ``fcntl`` (Windows) nothing is locked.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..i18n import _
from .file import Kind, StoreError, os_error, refusal

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class WriterLock:
    """The lock file's descriptor, held shared (a writer) or exclusive (a mover)."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    @classmethod
    def shared(cls, path: Path) -> WriterLock:
        """A writer's: waits while someone moves a damaged log aside, then shares."""
        fd = _open(path)
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)
        return cls(fd)

    @classmethod
    def exclusive(cls, path: Path) -> WriterLock | None:
        """A mover's; None while a timer writes the log."""
        fd = _open(path)
        if fd is not None and not _try(fd, fcntl.LOCK_EX | fcntl.LOCK_NB):
            os.close(fd)
            return None
        return cls(fd)

    def to_exclusive(self) -> bool:
        """From a writer's to a mover's; False (and nothing held) while another timer writes."""
        if self._fd is None:
            return True
        if _try(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB):
            return True
        self.release()  # a failed conversion has dropped the shared lock already (flock(2))
        return False

    def to_shared(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the only descriptor ends the lock
            self._fd = None


def in_use(path: Path) -> StoreError:
    """The one line for damage that must wait until the running timer has closed the log."""
    return StoreError(
        _(
            "the session log {path} is damaged: it will be moved aside and what still reads"
            " saved into a new log when the running timer ends"
        ).format(path=path)
    )


def _try(fd: int, how: int) -> bool:
    try:
        fcntl.flock(fd, how)
    except BlockingIOError:
        return False
    return True


def _open(path: Path) -> int | None:
    """The lock file, made 0600, never through a symlink; None where nothing can be locked."""
    if fcntl is None:
        return None
    where = lock_path(path)
    try:
        fd = os.open(where, os.O_RDWR | os.O_CREAT | _O_NOFOLLOW, 0o600)
    except OSError as error:
        if where.is_symlink() or where.is_dir():
            raise refusal(where, Kind.NOT_FILE) from None
        if error.filename is None:
            error.filename = str(where)
        raise os_error(error) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise refusal(where, Kind.NOT_FILE)
    return fd
