"""``focustimer config``: the settings in effect and where they come from; ``--init`` an example."""

from __future__ import annotations

import os

from .. import i18n
from ..i18n import _
from ..settings import config_file as config
from ..settings.config_file import toml_value
from ..settings.locations import config_path
from ..settings.schema import IN_FILE
from ..settings.themes import theme_names
from ..text import plain
from ..usage import Parser


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer config",
        description=_("Show the settings in effect, or write an example settings file."),
    )
    parser.add_argument(
        "--init", action="store_true", help=_("write a commented example settings file")
    )
    return parser


def run(argv: list[str], lang: str | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.init:
        path = config.write_example()
        print(plain(_("Wrote {file}: remove the # in front of a setting to use it"), file=path))
        return 0
    path = config_path()
    in_file = config.read_file(path)
    options = config.load(path)  # checks every key: a bad file is refused in one line
    i18n.set_language(i18n.choose_language(lang, configured=options.lang))
    if path.exists():
        print(plain(_("Settings file: {file}"), file=path))
    else:
        print(
            plain(
                _("Settings file: {file} (none yet: focustimer config --init writes one)"),
                file=path,
            )
        )
    for setting in IN_FILE:
        key, value = setting.name, setting.shown(options)
        source = _("from the file") if key in in_file else _("default")
        if key == "sound" and os.environ.get("FOCUSTIMER_SOUND"):
            value, source = os.environ["FOCUSTIMER_SOUND"], _("from FOCUSTIMER_SOUND")
        if key == "lang" and lang is not None:
            value, source = lang, _("from --lang")
        elif key == "lang" and options.lang is None:
            value, source = i18n.choose_language(None), _("from the environment")
        print(f"{key} = {toml_value(value)}  # {source}")
    print("# " + _("themes: {names}").format(names=", ".join(theme_names())))
    return 0
