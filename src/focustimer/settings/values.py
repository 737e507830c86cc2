"""Each setting's value, from what a person typed: on the command line or in config.toml alike.

A parser takes text (a flag's argument, a TOML string) or a TOML value (a number, true or
false, a list) and returns the Options fields it sets. What it refuses it refuses with
ValueError (or TypeError for a value of the wrong kind) whose message says what is wrong
without saying where it was typed: the caller puts ``--volume`` or ``config.toml: 'volume'``
in front, so a value is refused in the same words wherever it stood.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from ..i18n import LANGUAGES, _
from ..visible import visible
from .duration import UnderASecond, parse_duration
from .locations import NoHome, expand
from .names import check_names
from .options import SOUND_MODES
from .start_time import parse_time_of_day
from .themes import check_theme

Fields = dict[str, Any]


def shown(value: object) -> str:
    """A value in a message: as Python (and TOML) writes it, harmless on a terminal."""
    return visible(repr(value), 40)


def _text(value: object, expected: str) -> str:
    if not isinstance(value, str):
        raise TypeError(expected)
    return value


def _number_or_text(value: object, expected: str) -> str:
    """A duration may be written 45 in config.toml: the same as "45" (minutes)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(expected)
    return str(value)


def boolean(name: str) -> Any:
    """On or off: ``--calm``/``--no-calm``, ``calm = true``."""

    def parse(value: object) -> Fields:
        if not isinstance(value, bool):
            raise TypeError(_("must be true or false, not {value}").format(value=shown(value)))
        return {name: value}

    return parse


def duration(value: object) -> Fields:
    text = _number_or_text(value, _('must be a duration like "30" or "1h30m"'))
    return {"total_ns": parse_duration(text)}


def names(value: object) -> Fields:
    expected = _('must be a list of names, like ["Ann", "Bob"]')
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise TypeError(expected)
    if not all(isinstance(name, str) for name in value):
        raise TypeError(expected)
    return {"names": check_names(value)}


def first(value: object) -> Fields:
    # Whether it is among the names is a rule across settings (cli.session's).
    return {"first": _text(value, _("must be a name")).strip()}


def at(value: object) -> Fields:
    return {"at": parse_time_of_day(_text(value, _("must be a time of day like 19:30")))}


def warn(value: object) -> Fields:
    """Minutes before each turn ends; 0, off or false: no cue (even if config.toml has one)."""
    expected = _("must be minutes before the turn ends, like 2")
    if value is False:
        return {"warn_ns": 0}
    text = _number_or_text(value, expected)
    if text.strip().lower() in ("0", "off"):
        return {"warn_ns": 0}
    try:
        return {"warn_ns": parse_duration(text)}
    except UnderASecond:
        raise ValueError(
            _(
                "{value} is under a second ({value} minutes): give at least 1s, "
                "e.g. 1 for a minute or 30s"
            ).format(value=visible(text.strip(), 20))
        ) from None
    except ValueError:
        raise ValueError(
            _("{expected}, not {value}").format(expected=expected, value=shown(value))
        ) from None


def sound(value: object) -> Fields:
    """auto, bell, off, or a sound file (``~`` expanded)."""
    text = _text(value, _("must be auto, bell, off, or the path of a WAV file"))
    if not text.strip():
        raise ValueError(_("must be auto, bell, off, or the path of a WAV file"))
    if text in SOUND_MODES:
        return {"sound_mode": text, "sound_file": None}
    try:
        return {"sound_mode": "auto", "sound_file": str(expand(text))}
    except NoHome as problem:
        raise ValueError(f"{visible(text, 60)}: {problem}") from None


def volume(value: object) -> Fields:
    """0 to 100 (percent): 80, "80" or "80%"."""
    number = -1
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        with suppress(ValueError):
            number = int(value.strip().rstrip("%"))
    if not 0 <= number <= 100:
        raise ValueError(
            _("must be a whole number from 0 to 100, not {value}").format(value=shown(value))
        )
    return {"volume": number}


def lang(value: object) -> Fields:
    """en or nl; "" (or none given): from the environment."""
    if value not in (*LANGUAGES, ""):
        raise ValueError(
            _("must be one of {choices}, not {value}").format(
                choices=", ".join(LANGUAGES), value=shown(value)
            )
        )
    return {"lang": value or None}


def theme(value: object) -> Fields:
    text = _text(value, _('must be the name of a theme, like "textual-light"'))
    return {"theme": check_theme(text.strip())}


def relay(value: object) -> Fields:
    """A linked session's mailbox server; "": magic-wormhole's public one. Its address is
    checked when a link is made (link/code.py), where the extra that reads it is loaded."""
    text = _text(value, _('must be the address of a mailbox server, like "ws://host:4000/v1"'))
    return {"relay": text.strip() or None}
