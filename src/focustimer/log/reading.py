"""The log read for a command (`log`, `stats`), saying in one line on stderr what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..usage import say_error
from .file import StoreError
from .store import LogDamaged, SessionLog, query_log

T = TypeVar("T")

EXIT_UNREADABLE = 1


def read_log(query: Callable[[SessionLog], T]) -> T:
    """``query`` run on the log; StoreError when it cannot be read.

    A damaged file is moved aside and the user told, whether SQLite notices on opening or
    only when the query reaches a damaged page.
    """
    try:
        return query_log(query, on_damaged=lambda message: say_error(_after_prog(message)))
    except LogDamaged as damaged:
        raise StoreError(_after_prog(str(damaged))) from None


def _after_prog(message: str) -> str:
    """For after ``focustimer:``, which begins the line in lower case."""
    return message[:1].lower() + message[1:]
