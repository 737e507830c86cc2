"""The command-line options of a command, made from the settings table, and read back.

A value typed after a flag goes through the same parser as the config.toml key: a refusal
is the same words, with the flag in front (``--volume must be a whole number ...``).
"""

from __future__ import annotations

import argparse

from ..i18n import _
from ..usage import UsageError
from .options import Options
from .schema import Form, Setting, apply, for_command


class Refused(UsageError):
    """A value typed on the command line that its setting refuses."""

    def __init__(self, message: str, setting: Setting) -> None:
        super().__init__(message)
        self.setting = setting


def add_options(parser: argparse.ArgumentParser, command: str) -> None:
    """Every setting ``command`` takes, as an argparse option (or the positional DURATION)."""
    for setting in for_command(command):
        metavar = _(setting.metavar) if setting.metavar else None
        help = setting.describe()
        if setting.form is Form.POSITIONAL:
            parser.add_argument(setting.name, nargs="?", metavar=metavar, help=help)
        elif setting.form is Form.SWITCH:
            parser.add_argument(
                setting.flag, dest=setting.name, action="store_true", default=None, help=help
            )
        elif setting.form is Form.TOGGLE:
            parser.add_argument(
                setting.flag,
                dest=setting.name,
                action=argparse.BooleanOptionalAction,
                help=help,
            )
        else:
            parser.add_argument(
                setting.flag,
                dest=setting.name,
                nargs="+" if setting.form is Form.NAMES else None,
                metavar=metavar,
                help=help,
            )


def typed(args: argparse.Namespace, command: str, base: Options) -> Options:
    """``base`` with each setting typed for ``command``; UsageError naming the flag."""
    options = base
    for setting in for_command(command):
        value = getattr(args, setting.name, None)
        if value is not None:
            options = read(options, setting, value)
    return options


def read(options: Options, setting: Setting, value: object) -> Options:
    """``options`` with one value typed on the command line; UsageError naming the flag."""
    try:
        return apply(options, setting, value, typed=True)
    except (TypeError, ValueError) as problem:
        if setting.form is Form.POSITIONAL:
            raise Refused(str(problem), setting) from None
        raise Refused(f"{setting.flag} {problem}", setting) from None
