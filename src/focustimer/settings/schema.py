"""The settings, declared once: from this table come the command-line options of each
command, the config.toml reader, ``focustimer config``'s listing and ``config --init``'s example.

Adding a setting is one row here (its parser in values.py if it needs a new one), its use
where the session reads ``Options``, a line in the README and the Dutch words of its help.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..engine.clock import NS
from ..engine.plan import MAX_PARTNERS, MIN_PARTNERS
from ..i18n import LANGUAGES, N_, _
from . import values
from .options import Options

# The commands that take command-line options from this table.
SESSION = "session"  # focustimer [DURATION]
RESUME = "resume"
JOIN = "join"  # focustimer join CODE: the plan is the host's
SOUND_CHECK = "sound-check"
# Settings of this computer rather than of the session agreed: resume and join take them too.
HERE = (SESSION, RESUME, JOIN)


class Form(Enum):
    """How a setting is typed on the command line."""

    POSITIONAL = "positional"  # focustimer 30
    VALUE = "value"  # --volume 80
    NAMES = "names"  # --names Ann Bob: one or more
    SWITCH = "switch"  # --now: on only
    TOGGLE = "toggle"  # --calm, --no-calm


def as_typed(ns: int) -> str:
    """A length of time as config.toml takes it back: minutes, or seconds with a unit."""
    if ns % (60 * NS) == 0:
        return str(ns // (60 * NS))
    return f"{ns / NS:g}s"


@dataclass(frozen=True)
class Setting:
    """One setting: how it is typed, checked, stored in config.toml, listed and explained."""

    name: str  # the config.toml key (when in_file), and the argparse dest
    parse: Callable[[object], values.Fields]  # what was typed -> Options fields (values.py)
    help: str  # marked with N_(): shown translated in --help and config --init's example
    form: Form = Form.VALUE
    commands: tuple[str, ...] = (SESSION,)  # those that take its flag; () for none
    in_file: bool = True  # a config.toml key; `focustimer config` lists it
    metavar: str | None = None  # marked with N_() when a word
    # The value `config` shows and `config --init` writes, as config.toml would take it back.
    current: Callable[[Options], object] | None = None
    choices: Callable[[], list[str]] | None = None  # offered by shell completion
    complete_files: bool = False  # shell completion offers file names

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def describe(self) -> str:
        return _(self.help).format(low=MIN_PARTNERS, high=MAX_PARTNERS)

    def shown(self, options: Options) -> object:
        assert self.current is not None, self.name
        return self.current(options)


def _field(name: str) -> Callable[[Options], object]:
    def current(options: Options) -> object:
        return getattr(options, name)

    return current


def _themes() -> list[str]:
    from .themes import theme_names

    return theme_names()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "duration",
        values.duration,
        N_("the total time agreed, shared equally (default: 60 minutes)"),
        form=Form.POSITIONAL,
        metavar=N_("DURATION"),
        current=lambda options: as_typed(options.total_ns),
    ),
    Setting(
        "names",
        values.names,
        N_("{low} to {high} partners in speaking order (default: Partner A, Partner B)"),
        form=Form.NAMES,
        metavar=N_("NAME"),
        current=lambda options: list(options.names),
    ),
    Setting("first", values.first, N_("who is boss first"), metavar=N_("NAME"), in_file=False),
    Setting(
        "now",
        values.boolean("now"),
        N_("start at once, skip the ready screen"),
        form=Form.SWITCH,
        in_file=False,
    ),
    Setting(
        "at",
        values.at,
        N_(
            "start the first turn at this time, to the second (for two machines); "
            "started late, join the session where it has got to"
        ),
        metavar=N_("HH:MM"),
        in_file=False,
    ),
    Setting(
        "auto",
        values.boolean("auto"),
        N_(
            "start the next turn the moment the previous one ends "
            "(default: the next boss presses n)"
        ),
        form=Form.TOGGLE,
        current=_field("auto"),
    ),
    Setting(
        "warn",
        values.warn,
        N_("a soft cue this many minutes before each turn ends (default: none; 0: none)"),
        commands=HERE,
        metavar=N_("MINUTES"),
        current=lambda options: as_typed(options.warn_ns) if options.warn_ns else 0,
    ),
    Setting(
        "even_out",
        values.boolean("even_out"),
        N_("lengthen the next turn by the time the previous boss ran over (default: on)"),
        form=Form.TOGGLE,
        current=_field("even_out"),
    ),
    Setting(
        "calm",
        values.boolean("calm"),
        N_("start in the calm view: no digits, a slow progress bar (key c)"),
        form=Form.TOGGLE,
        commands=HERE,
        current=_field("calm"),
    ),
    Setting(
        "mute",
        values.boolean("mute"),
        N_("no chime: the screen still shows it"),
        form=Form.SWITCH,
        commands=HERE,
        in_file=False,
    ),
    Setting(
        "sound",
        values.sound,
        N_(
            "the turn-end chime: auto (the best player found), bell (the terminal bell), off, "
            "or a WAV file to play"
        ),
        commands=(*HERE, SOUND_CHECK),
        metavar=N_("FILE"),
        current=lambda options: options.sound_file or options.sound_mode,
        complete_files=True,
    ),
    Setting(
        "volume",
        values.volume,
        N_("loudness of the chime in percent (default: 100)"),
        commands=(*HERE, SOUND_CHECK),
        metavar="0..100",
        current=_field("volume"),
    ),
    Setting(
        "lang",
        values.lang,
        N_("language of the screens (default: from LANG)"),
        metavar="{" + ",".join(LANGUAGES) + "}",
        current=lambda options: options.lang or "",
        choices=lambda: list(LANGUAGES),
    ),
    Setting(
        "theme",
        values.theme,
        N_(
            "colours: one of Textual's themes, e.g. textual-light for a light terminal "
            "(default: textual-dark; focustimer config lists them)"
        ),
        commands=HERE,
        metavar=N_("NAME"),
        current=_field("theme"),
        choices=_themes,
    ),
    Setting(
        "link",
        values.boolean("link"),
        N_(
            "share this session with a partner elsewhere: shows a code for them to type "
            "(focustimer join CODE); needs the link extra"
        ),
        form=Form.SWITCH,
        in_file=False,
    ),
    Setting(
        "relay",
        values.relay,
        N_("the mailbox server for --link and join (default: magic-wormhole's public one)"),
        commands=(SESSION, JOIN),
        metavar="URL",
        current=lambda options: options.relay or "",
    ),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}
IN_FILE = tuple(setting for setting in SETTINGS if setting.in_file)
KEYS = tuple(setting.name for setting in IN_FILE)


def for_command(command: str) -> tuple[Setting, ...]:
    return tuple(setting for setting in SETTINGS if command in setting.commands)


def apply(options: Options, setting: Setting, value: Any, *, typed: bool) -> Options:
    """``options`` with one setting's value (ValueError/TypeError: what is wrong with it)."""
    fields = setting.parse(value)
    return options.typed(**fields) if typed else options.from_config(**fields)
