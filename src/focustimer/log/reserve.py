"""Room kept on the disk while a session is written, for its last words when the disk fills.

A writer keeps a small file of zeros beside the log (``sessions.db-reserve-<pid>``). When a
write finds the disk full, the file is removed and the room it frees is enough to say in the
log how far the session is saved, instead of leaving a row that reads as a crash. When it
can be made again, there is room again. A reserve left by a killed process is removed by the
next writer.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

SIZE = 256 * 1024  # a few dozen pages of -wal: a whole session's update, many times over
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Reserve:
    def __init__(self, log: Path) -> None:
        self._folder = log.parent
        self._prefix = f"{log.name}-reserve-"
        self.path = log.with_name(f"{self._prefix}{os.getpid()}")

    def make(self) -> bool:
        """Set the room aside; False when the disk has not that much room."""
        self._remove_stale()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | _O_NOFOLLOW, 0o600)
        except OSError:
            return False
        try:
            if hasattr(os, "posix_fallocate"):
                os.posix_fallocate(fd, 0, SIZE)  # real blocks, not a hole
            else:
                os.write(fd, b"\0" * SIZE)
            os.fsync(fd)
        except OSError:
            os.close(fd)
            self.release()
            return False
        os.close(fd)
        return True

    def release(self) -> None:
        """Give the room back to the disk (for the log's last words, or at the end)."""
        with suppress(OSError):
            self.path.unlink()

    def _remove_stale(self) -> None:
        with suppress(OSError):
            for other in self._folder.glob(self._prefix + "*"):
                pid = other.name[len(self._prefix) :]
                if pid.isdecimal() and int(pid) != os.getpid() and not _alive(int(pid)):
                    other.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
