"""``focustimer config``: the settings in effect and where they come from; ``--init`` an example."""

from __future__ import annotations

import json
import os

from .. import i18n
from ..engine.clock import NS
from ..i18n import _
from ..settings import config_file as config
from ..settings.options import Options
from ..settings.themes import theme_names
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
        print(_("Wrote {file}: remove the # in front of a setting to use it").format(file=path))
        return 0
    path = config.config_path()
    in_file = config.read_file(path)
    options = config.load(path)  # checks every key: a bad file is refused in one line
    i18n.set_language(i18n.choose_language(lang or options.lang))
    if path.exists():
        print(_("Settings file: {file}").format(file=path))
    else:
        print(
            _("Settings file: {file} (none yet: focustimer config --init writes one)").format(
                file=path
            )
        )
    for key, value in _effective(options).items():
        source = _("from the file") if key in in_file else _("default")
        if key == "sound" and os.environ.get("FOCUSTIMER_SOUND"):
            value, source = os.environ["FOCUSTIMER_SOUND"], _("from FOCUSTIMER_SOUND")
        if key == "lang" and lang is not None:
            value, source = lang, _("from --lang")
        elif key == "lang" and options.lang is None:
            value, source = i18n.choose_language(None), _("from the environment")
        print(f"{key} = {json.dumps(value, ensure_ascii=False)}  # {source}")
    print("# " + _("themes: {names}").format(names=", ".join(theme_names())))
    return 0


def _as_typed(ns: int) -> str:
    """A duration as the file would take it back: minutes, or seconds with a unit."""
    if ns % (60 * NS) == 0:
        return str(ns // (60 * NS))
    return f"{ns / NS:g}s"


def _effective(options: Options) -> dict[str, object]:
    return {
        "duration": _as_typed(options.total_ns),
        "names": list(options.names),
        "auto": options.auto,
        "warn": _as_typed(options.warn_ns) if options.warn_ns else 0,
        "even_out": options.even_out,
        "calm": options.calm,
        "sound": options.sound_file or options.sound_mode,
        "volume": options.volume,
        "lang": options.lang,
        "theme": options.theme,
        "relay": options.relay or "",
    }
