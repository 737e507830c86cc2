"""``focustimer join CODE``: join the linked session a partner made with ``--link``.

The session's plan (total, names, who starts, the rule) is the host's, sent over the link;
this computer's own settings (sound, language, theme, calm view, the relay) still apply here:
the settings table's rows for ``join``.
"""

from __future__ import annotations

from ..i18n import _
from ..settings import config_file as config
from ..settings.arguments import add_options, typed
from ..settings.schema import JOIN
from ..usage import Parser


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer join",
        description=_(
            "Join the session your partner started with --link: type the code they read out"
            " (spaces for dashes are fine). Both screens then show one session."
        ),
    )
    parser.add_argument(
        "code", nargs="+", metavar=_("CODE"), help=_("the code, e.g. 7-guitarist-revenge")
    )
    add_options(parser, JOIN)
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    options = typed(args, JOIN, config.load())
    from .linked import run_linked

    return run_linked(options, options.relay, " ".join(args.code))
