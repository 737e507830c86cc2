"""The help screen lists every key any screen answers to."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.screen import Screen

from focustimer.tui import screens
from focustimer.tui.app import FocusTimerApp
from focustimer.tui.screens.help import key_rows

SHOWN_AS = {"question_mark": "?"}


def every_binding() -> list[tuple[str, str]]:
    """(owner, key) for each binding of the app and of every screen."""
    owners: list[type] = [FocusTimerApp]
    for module in pkgutil.iter_modules(screens.__path__):
        loaded = importlib.import_module(f"{screens.__name__}.{module.name}")
        owners += [
            cls
            for _name, cls in inspect.getmembers(loaded, inspect.isclass)
            if issubclass(cls, Screen) and cls.__module__ == loaded.__name__
        ]
    found = []
    for owner in owners:
        for binding in owner.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                found.append((owner.__name__, SHOWN_AS.get(key.strip(), key.strip())))
    return found


def test_every_key_of_every_screen_is_in_the_help():
    listed = {key for keys, _what in key_rows() for key in keys.split(", ") if key}
    missing = [(owner, key) for owner, key in every_binding() if key not in listed]
    assert len(every_binding()) > 20 and missing == []
