"""``focustimer join CODE``: join the linked session a partner made with ``--link``.

The session's plan (total, names, who starts, the rule) is the host's, sent over the link;
this computer's own settings (sound, language, theme, calm view) still apply here.
"""

from __future__ import annotations

from ..i18n import _
from ..settings import config_file as config
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
    parser.add_argument(
        "--relay",
        metavar="URL",
        help=_("the mailbox server your partner uses (default: magic-wormhole's public one)"),
    )
    parser.add_argument(
        "--calm",
        action="store_true",
        help=_("start in the calm view: no digits, a slow progress bar (key c)"),
    )
    parser.add_argument(
        "--mute", action="store_true", help=_("no chime: the screen still shows it")
    )
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    base = config.load()
    if args.calm:
        base = base.typed(calm=True)
    if args.mute:
        base = base.typed(mute=True)
    from .linked import run_linked

    return run_linked(base, args.relay or base.relay, " ".join(args.code))
