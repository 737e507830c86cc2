"""config.toml: the user's own defaults for a session, checked key by key.

Command-line options win over the file. A bad file is refused in one line that names the
file, the key and what is expected.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .. import APP_NAME
from ..i18n import LANGUAGES, _
from ..private import create_file, make_folders
from ..usage import UsageError
from ..visible import visible
from .duration import DurationError, parse_duration
from .locations import NoHome, expand
from .names import BadNames, check_names
from .options import SOUND_MODES, Options
from .themes import check_theme

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE_NAME = "config.toml"
KEYS = (
    "duration", "names", "auto", "warn", "even_out", "calm", "sound", "volume", "lang", "theme",
    "relay",
)  # fmt: skip

EXAMPLE = """\
# focustimer settings. Options on the command line win over these.
# Remove the # in front of a line to use it.

# The total time agreed, shared equally, as on the command line: 30, 12.5, 45m, 1h30m, 1:30
# duration = "60"

# The partners, in speaking order (2 to 8), e.g. ["Ann", "Bob"]
# names = ["Partner A", "Partner B"]

# Start the next turn the moment the previous one ends, without a key
# auto = false

# Minutes before each turn ends for a soft warning cue (0: none)
# warn = 0

# Lengthen the next turn by the time the previous boss ran over after the chime
# even_out = true

# Start in the calm view: no digits, a slow progress bar
# calm = false

# auto (the best player found), bell (the terminal bell), off, or the path of a WAV file
# sound = "auto"

# Loudness of the chime, 0 to 100
# volume = 100

# Language of the screens: "en" or "nl"; "" takes it from the environment (LANG)
# lang = ""

# Colours: one of Textual's themes, e.g. "textual-light" or "solarized-light" for a light
# terminal, "nord"; focustimer config lists them all
# theme = "textual-dark"

# The mailbox server of linked sessions (--link, join), e.g. your own "ws://host:4000/v1";
# "" is magic-wormhole's public one
# relay = ""
"""


class ConfigError(UsageError):
    """A config file that cannot be used; one line naming the file and the key."""


def config_dir() -> Path:
    override = os.environ.get("FOCUSTIMER_CONFIG_DIR")
    if override:
        try:
            return expand(override)
        except NoHome as problem:
            raise ConfigError(f"FOCUSTIMER_CONFIG_DIR={visible(override, 60)}: {problem}") from None
    import platformdirs  # only when no override: keeps the usual start-up lean

    # appauthor=False: on Windows %LOCALAPPDATA%\focustimer, as the log; not focustimer\focustimer
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def config_path() -> Path:
    return config_dir() / FILE_NAME


def read_file(path: Path | None = None) -> dict[str, Any]:
    """The file's settings as TOML values; an absent file has none."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            _("{file}: cannot read it ({reason}): fix or remove the file").format(
                file=path, reason=visible(str(error), 80)
            )
        ) from None
    try:
        settings: dict[str, Any] = tomllib.loads(text)
        return settings
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            _("{file}: {reason}: fix the file, or see focustimer config --init").format(
                file=path, reason=visible(str(error), 120)
            )
        ) from None
    except ValueError:  # int()'s limit of 4300 digits, met inside tomllib
        raise ConfigError(
            _(
                "{file}: a number in it has thousands of digits: fix the file,"
                " or see focustimer config --init"
            ).format(file=path)
        ) from None


def load(path: Path | None = None, base: Options | None = None) -> Options:
    """``base`` (the built-in defaults) with the file's settings applied."""
    path = path or config_path()
    settings = read_file(path)
    options = base or Options()
    for key, value in settings.items():
        if key not in KEYS:
            raise ConfigError(
                _("{file}: unknown setting '{key}': the settings are {keys}").format(
                    file=path, key=visible(key, 30), keys=", ".join(KEYS)
                )
            )
        try:
            fields = _convert(key, value)
            options = options.from_config(**fields)
        except (TypeError, ValueError) as problem:
            raise ConfigError(
                _("{file}: '{key}' {problem}").format(file=path, key=key, problem=problem)
            ) from None
    return options


def _convert(key: str, value: Any) -> dict[str, Any]:
    """The Options fields for one setting; TypeError/ValueError say what is expected."""
    if key in ("auto", "even_out", "calm"):
        if not isinstance(value, bool):
            raise TypeError(_("must be true or false, not {value}").format(value=_shown(value)))
        return {key: value}
    if key == "duration":
        return {"total_ns": _duration(value, _('must be a duration like "30" or "1h30m"'))}
    if key == "warn":
        if value in (0, False):
            return {"warn_ns": 0}
        return {"warn_ns": _duration(value, _("must be minutes before the turn ends, like 2"))}
    if key == "names":
        if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
            raise TypeError(_('must be a list of names, like ["Ann", "Bob"]'))
        try:
            return {"names": check_names(value)}
        except BadNames as problem:
            raise ValueError(str(problem)) from None
    if key == "volume":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ValueError(
                _("must be a whole number from 0 to 100, not {value}").format(value=_shown(value))
            )
        return {"volume": value}
    if key == "sound":
        if not isinstance(value, str) or not value.strip():
            raise TypeError(_("must be auto, bell, off, or the path of a WAV file"))
        if value in SOUND_MODES:
            return {"sound_mode": value}
        return {"sound_mode": "auto", "sound_file": str(expand(value))}
    if key == "lang":
        if value not in (*LANGUAGES, ""):
            raise ValueError(
                _("must be one of {choices}, not {value}").format(
                    choices=", ".join(LANGUAGES), value=_shown(value)
                )
            )
        return {"lang": value or None}
    if key == "theme":
        if not isinstance(value, str):
            raise TypeError(_('must be the name of a theme, like "textual-light"'))
        return {"theme": check_theme(value.strip())}
    if key == "relay":
        if not isinstance(value, str):
            raise TypeError(_('must be the address of a mailbox server, like "ws://host:4000/v1"'))
        return {"relay": value.strip() or None}  # checked when a link is made (link/code.py)
    raise AssertionError(key)  # pragma: no cover - KEYS and this function agree


def _duration(value: Any, expected: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(expected)
    try:
        return parse_duration(str(value))
    except DurationError:
        raise ValueError(
            _("{expected}, not {value}").format(expected=expected, value=_shown(value))
        ) from None


def _shown(value: Any) -> str:
    return visible(repr(value), 40)


def write_example(path: Path | None = None) -> Path:
    """Write the commented example; never over an existing file."""
    path = path or config_path()
    if path.exists():
        raise ConfigError(
            _(
                "{file} exists already: edit it, or remove it and run focustimer config --init"
            ).format(file=path)
        )
    try:
        make_folders(path.parent)
        create_file(path, EXAMPLE)
    except OSError as error:
        raise ConfigError(
            _("cannot write {file}: {reason}").format(file=path, reason=visible(str(error), 80))
        ) from None
    return path
