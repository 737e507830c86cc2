"""Read the session log for a command, saying in one line on stderr what went wrong."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..dbfile import StoreError, damaged_message, is_corruption, move_aside
from ..i18n import _
from ..store import Store
from ..usage import say_error

T = TypeVar("T")

EXIT_UNREADABLE = 1


def read_log(query: Callable[[Store], T]) -> T:
    """``query`` run on the log; StoreError when it cannot be read.

    A damaged file is moved aside and the user told, whether SQLite notices on opening or
    only when the query reaches a damaged page.
    """
    store = Store.open()
    try:
        if store.recovered_to is not None:
            say_error(damaged(store.recovered_to))
        return query(store)
    except sqlite3.DatabaseError as error:
        store.close()
        if is_corruption(error):
            raise StoreError(damaged(move_aside(store.path))) from None
        raise StoreError(
            _("cannot read the session log {path}: {reason}").format(path=store.path, reason=error)
        ) from None
    finally:
        store.close()


def damaged(moved_to: Path) -> str:
    """For after ``focustimer:``, which begins the line in lower case."""
    message = damaged_message(moved_to)
    return message[:1].lower() + message[1:]
