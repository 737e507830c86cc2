"""The child process that plays one sound: ``python -m focustimer.sound.player FILE``.

The app starts it a little before a turn ends, so that Python's start-up does not delay the
chime: with ``--at NS`` it gets every player ready, then sleeps until the monotonic clock
(system-wide, so the app's and this process's agree) reads NS, then tries the players in
order until one plays. Whatever a native audio library prints stays in this process: its
stdout is closed and its stderr goes back to the app.

It tells the app what happened by its exit status, and by its last line on stderr:

- 0, ``ok NAME``: NAME played the sound;
- 1, ``fail WHAT``: no player could (WHAT: each one's reason), or ``none``: no player here;
- 2, ``missing``: no such file; or a usage error.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..usage import Parser, UsageError
from . import backends

MAX_WAIT_S = 60.0  # the app starts a player well under a second ahead; more is a mistake
OK, FAILED, USAGE = 0, 1, 2


def _parser() -> Parser:
    parser = Parser(prog="python -m focustimer.sound.player", add_help=False)
    parser.add_argument("file")
    parser.add_argument("--at", type=int, default=None, help="monotonic ns to start at")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds a player may take")
    return parser


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def wait_until(at_ns: int) -> None:
    while (left := at_ns - time.monotonic_ns()) > 0:
        time.sleep(left / 1e9)


def play(path: Path, at_ns: int | None, limit_s: float) -> int:
    players: list[tuple[str, Callable[[], None]]] = []
    failures: list[str] = []
    for backend in backends.chain():
        try:
            players.append((backend.name, backends.prepare(backend, path, limit_s)))
        except Exception as error:  # a broken audio library must not stop the others
            failures.append(f"{backend.name}: {error}")
    if at_ns is not None:
        wait_until(at_ns)
    for name, run in players:
        try:
            run()
        except backends.PlayError as error:
            failures.append(str(error))
            continue
        _say(f"ok {name}")
        return OK
    _say("fail " + "; ".join(failures) if failures else "none")
    return FAILED


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        _say(str(error))
        return USAGE
    # Absolute, so that a file called "-h" can never be read as an option by a player.
    path = Path(args.file).absolute()
    if not path.is_file():
        _say("missing")
        return USAGE
    if args.at is not None and args.at - time.monotonic_ns() > MAX_WAIT_S * 1e9:
        _say(f"--at is more than {MAX_WAIT_S:.0f} s away")
        return USAGE
    return play(path, args.at, args.limit)


if __name__ == "__main__":
    sys.exit(main())
