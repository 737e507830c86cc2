"""``focustimer completion bash|zsh|fish``: a shell completion script, made from the parsers.

shtab writes the bash and zsh scripts from the very parsers that read the command line, so
completion can never offer an option that does not exist; fish, which shtab does not know,
gets ``complete`` lines written here from the same parsers.
"""

from __future__ import annotations

import argparse
import importlib

from ..i18n import _
from ..usage import Parser, UsageError
from ..visible import visible

SHELLS = ("bash", "zsh", "fish")


def _parser() -> Parser:
    parser = Parser(
        prog="focustimer completion",
        description=_(
            "Print a completion script for your shell. bash: add "
            "'eval \"$(focustimer completion bash)\"' to ~/.bashrc; zsh: "
            "focustimer completion zsh > ~/.zfunc/_focustimer (a folder on $fpath); fish: "
            "focustimer completion fish > ~/.config/fish/completions/focustimer.fish"
        ),
    )
    parser.add_argument("shell", metavar="SHELL", help=_("the shell: bash, zsh or fish"))
    return parser


def _subparsers() -> dict[str, Parser]:
    from .subcommands import SUBCOMMANDS

    found = {}
    for name, module_name in SUBCOMMANDS.items():
        module = importlib.import_module(f"{__package__}.{module_name}")
        found[name] = module._parser()
    return found


def whole_parser() -> argparse.ArgumentParser:
    """The main parser with every subcommand's, marked for completion (files, choices)."""
    import shtab

    from ..settings.schema import BY_NAME
    from .session import session_parser

    parser = session_parser()
    # DURATION cannot be completed, and standing first it would hide the commands.
    for action in [a for a in parser._actions if a.dest == "duration"]:
        parser._remove_action(action)
        for group in parser._action_groups:
            if action in group._group_actions:
                group._group_actions.remove(action)

    def mark(action: argparse.Action) -> None:
        """What the settings table says a value may be: a file, or one of some choices."""
        setting = BY_NAME.get(action.dest)
        if setting is not None and setting.complete_files:
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        if setting is not None and setting.choices is not None:
            action.choices = setting.choices()

    for action in parser._actions:
        mark(action)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, sub in _subparsers().items():
        child = commands.add_parser(
            name, parents=[sub], add_help=False, help=sub.description, description=sub.description
        )
        for action in child._actions:
            if name == "completion" and action.dest == "shell":
                action.choices = SHELLS
            mark(action)
    commands.add_parser("help", help=_("show this help"))
    return parser


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_option(action: argparse.Action, condition: str) -> str | None:
    longs = [o[2:] for o in action.option_strings if o.startswith("--")]
    shorts = [o[1:] for o in action.option_strings if len(o) == 2]
    if not longs and not shorts:
        return None
    parts = ["complete -c focustimer", f"-n {_fish_quote(condition)}"]
    parts += [f"-l {name}" for name in longs] + [f"-s {name}" for name in shorts]
    if action.nargs != 0:  # takes a value: a file, a choice, or something typed
        if getattr(action, "complete", None) is not None:
            parts.append("-r -F")
        elif action.choices:
            parts.append("-x -a " + _fish_quote(" ".join(str(c) for c in action.choices)))
        else:
            parts.append("-x")
    if action.help and action.help != argparse.SUPPRESS:
        parts.append("-d " + _fish_quote(action.help.split("(")[0].strip()))
    return " ".join(parts)


def fish(parser: argparse.ArgumentParser) -> str:
    lines = ["# focustimer completion for fish", "complete -c focustimer -f"]
    commands: dict[str, argparse.ArgumentParser] = {}
    helps: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands = dict(action.choices)
            helps = {c.dest: c.help or "" for c in action._choices_actions}
    top = "__fish_use_subcommand"
    for action in parser._actions:
        if (line := _fish_option(action, top)) is not None:
            lines.append(line)
    for name, sub in commands.items():
        lines.append(f"complete -c focustimer -n {top} -a {name} -d {_fish_quote(helps[name])}")
        for action in sub._actions:
            if (line := _fish_option(action, f"__fish_seen_subcommand_from {name}")) is not None:
                lines.append(line)
            elif name == "completion" and not action.option_strings:
                words = " ".join(SHELLS)
                condition = f"__fish_seen_subcommand_from {name}"
                lines.append(
                    f"complete -c focustimer -n {_fish_quote(condition)} -a {_fish_quote(words)}"
                )
    return "\n".join(lines) + "\n"


def script(shell: str) -> str:
    parser = whole_parser()
    if shell == "fish":
        return fish(parser)
    import shtab

    text: str = shtab.complete(parser, shell=shell)
    return text


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.shell not in SHELLS:
        raise UsageError(
            _(
                "completion is for bash, zsh or fish, not {shell}: e.g. focustimer completion bash"
            ).format(shell=visible(args.shell, 20))
        )
    print(script(args.shell), end="")
    return 0
