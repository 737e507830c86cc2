"""The log read for a command (`log`, `stats`), saying in one line on stderr what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..usage import say_error
from .store import SessionLog, query_log

T = TypeVar("T")

EXIT_UNREADABLE = 1


def read_log(query: Callable[[SessionLog], T], path: Path) -> T:
    """``query`` run on the log at ``path``, read-only; StoreError when it cannot be read.

    A damaged file is recovered by the log (moved aside, what reads saved into a new one)
    and the user told in one line on stderr, whether SQLite noticed on opening or only when
    the query reached a damaged page.
    """
    return query_log(query, path, on_damaged=lambda message: say_error(_after_prog(message)))


def _after_prog(message: str) -> str:
    """For after ``focustimer:``, which begins the line in lower case."""
    return message[:1].lower() + message[1:]
