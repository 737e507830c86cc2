"""config.toml: the user's own defaults for a session, checked key by key.

Command-line options win over the file. A bad file is refused in one line that names the
file, the key and what is expected.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from ..i18n import _
from ..private import create_file, make_folders
from ..usage import UsageError
from ..visible import visible
from .locations import config_path
from .options import Options
from .schema import BY_NAME, IN_FILE, KEYS, apply

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class ConfigError(UsageError):
    """A config file that cannot be used; one line naming the file and the key."""


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
    options = base or Options()
    for key, value in read_file(path).items():
        if key not in BY_NAME or not BY_NAME[key].in_file:
            raise ConfigError(
                _("{file}: unknown setting '{key}': the settings are {keys}").format(
                    file=path, key=visible(key, 30), keys=", ".join(KEYS)
                )
            )
        try:
            options = apply(options, BY_NAME[key], value, typed=False)
        except (TypeError, ValueError) as problem:
            raise ConfigError(
                _("{file}: '{key}' {problem}").format(file=path, key=key, problem=problem)
            ) from None
    return options


def example() -> str:
    """A config.toml with every setting at its default, commented out, and what it does."""
    lines = [
        "# " + _("focustimer settings. Options on the command line win over these."),
        "# " + _("Remove the # in front of a line to use it."),
    ]
    defaults = Options()
    for setting in IN_FILE:
        lines.append("")
        comment = textwrap.wrap(setting.describe(), 94, break_on_hyphens=False)
        lines += ["# " + line for line in comment]
        lines.append(f"# {setting.name} = {toml_value(setting.shown(defaults))}")
    return "\n".join(lines) + "\n"


def toml_value(value: object) -> str:
    """A string, number, boolean or list of strings as TOML writes it (JSON's way agrees);
    a name's invisible characters (a right-to-left override, an escape) written as TOML
    escapes, so they can neither hide nor turn the line, and read back the same."""
    return "".join(
        c if visible(c) == c else _escape(c) for c in json.dumps(value, ensure_ascii=False)
    )


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


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
        create_file(path, example())
    except OSError as error:
        raise ConfigError(
            _("cannot write {file}: {reason}").format(file=path, reason=visible(str(error), 80))
        ) from None
    return path
