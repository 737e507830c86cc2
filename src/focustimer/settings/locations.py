"""Where focustimer's files live: the config folder, the data folder (the session log), and
paths typed with ``~``.

``FOCUSTIMER_CONFIG_DIR`` and ``FOCUSTIMER_DATA_DIR`` override the platform's folders
(platformdirs, asked only here). The log is handed its path by whoever opens it: it does not
look for it itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import APP_NAME
from ..i18n import _
from ..usage import UsageError
from ..visible import visible

CONFIG_FILE = "config.toml"
LOG_FILE = "sessions.db"


class NoHome(ValueError):
    """``~user`` names no user here (or ``~`` has no home): the message says so in a few words."""


class FolderError(UsageError):
    """A folder override that cannot be used as typed: one line naming the variable."""


def expand(path: str) -> Path:
    try:
        return Path(path).expanduser()
    except RuntimeError:  # pathlib's way of saying that user has no home here
        user = path[1:].split("/", 1)[0].split("\\", 1)[0]
        raise NoHome(
            _("there is no home folder for {user} here: give the full path").format(
                user=visible(user or "~", 30)
            )
        ) from None


def _override(variable: str) -> Path | None:
    value = os.environ.get(variable)
    if not value:
        return None
    try:
        return expand(value)
    except NoHome as problem:
        raise FolderError(f"{variable}={visible(value, 60)}: {problem}") from None


def config_dir() -> Path:
    found = _override("FOCUSTIMER_CONFIG_DIR")
    if found is not None:
        return found
    import platformdirs  # only when no override: keeps the usual start-up lean

    # appauthor=False: on Windows %LOCALAPPDATA%\focustimer, as the log; not focustimer\focustimer
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    found = _override("FOCUSTIMER_DATA_DIR")
    if found is not None:
        return found
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def log_path() -> Path:
    """The session log: sessions.db in the data folder."""
    return data_dir() / LOG_FILE
