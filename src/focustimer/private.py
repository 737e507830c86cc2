"""Folders and files only their owner can read: 0700 and 0600, whatever the umask."""

from __future__ import annotations

import os
from pathlib import Path

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def make_folders(directory: Path) -> list[Path]:
    """``directory`` and any missing parents, each made 0700; the ones made, outermost first."""
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    made = []
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another process made it meanwhile
        os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask; this is not
        made.append(folder)
    return made


def create_file(path: Path, text: str) -> None:
    """A new file (never over one, never through a symlink) holding ``text``, mode 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        os.fchmod(fd, 0o600)  # whatever the umask
        file.write(text)
