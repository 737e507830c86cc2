"""The link child: ``python -m focustimer.link.child --relay URL (--host | --guest)``.

magic-wormhole runs on Twisted, the app on asyncio: this process holds the wormhole (session.py
is what it does with it), so that Twisted never enters the app's event loop and a link that
hangs or crashes takes nothing with it. It speaks JSON lines over its pipes (protocol.py says
what they hold) and exits when the app says ``close``, when its stdin closes (the app is
gone), or when the link fails.

The guest's code comes in the environment (CODE_VARIABLE), not on the command line: any user
of the machine can read a command line; only its owner can read a process's environment.

``--skew-ns`` adds a constant to this process's monotonic clock: tests and benchmarks use it
to give the two sides clocks that differ by a known amount. ``--refresh``, ``--beat`` and
``--silent`` shorten the minute-long rhythms for them.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from typing import Any

from .protocol import CODE_VARIABLE, INTERNAL, MISSING, PROTOCOL, TIMEOUT_S, encode
from .session import BEAT_S, REFRESH_S, SILENT_S, Link, one_line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m focustimer.link.child")
    role = parser.add_mutually_exclusive_group(required=True)
    role.add_argument("--host", action="store_true", help="make a code")
    role.add_argument("--guest", action="store_true", help=f"join with ${CODE_VARIABLE}")
    parser.add_argument("--relay", required=True, help="the mailbox server's ws:// URL")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S)
    parser.add_argument("--protocol", type=int, default=PROTOCOL, help=argparse.SUPPRESS)
    parser.add_argument("--skew-ns", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--refresh", type=float, default=REFRESH_S, help=argparse.SUPPRESS)
    parser.add_argument("--beat", type=float, default=BEAT_S, help=argparse.SUPPRESS)
    parser.add_argument("--silent", type=float, default=SILENT_S, help=argparse.SUPPRESS)
    return parser


def _write(line: bytes) -> None:
    # Blocking, from the reactor's thread: lines are short, the app always reads them, and
    # the last one ("closed") must be out before the process ends.
    try:
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()
    except OSError:  # the app is gone (a broken pipe): no one to tell; carry on closing
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def say(event: str, **fields: Any) -> None:
    _write(encode({"event": event, **fields}))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        import wormhole  # noqa: F401
        from twisted.internet import reactor as twisted_reactor
    except ImportError as error:
        say("failed", kind=MISSING, detail=str(error))
        say("closed")
        return 2
    _quiet_twisted_log()
    reactor: Any = twisted_reactor  # its interfaces are zope's, which mypy does not read
    link = Link(reactor, say, args)

    def read_commands() -> None:
        # A thread of its own, not Twisted's stdio: the same on every platform, and a daemon,
        # so that a read still waiting never keeps the process from ending.
        for line in sys.stdin.buffer:
            reactor.callFromThread(link.command, line)
        reactor.callFromThread(link.close)  # the app is gone, or closed our stdin: so are we

    reactor.callWhenRunning(_guarded, link)
    reactor.callWhenRunning(threading.Thread(target=read_commands, daemon=True).start)
    reactor.run()
    return 1 if link.failed else 0


def _guarded(link: Link) -> None:
    try:
        link.start()
    except Exception as error:  # a bug: say it in the app's words, not as a traceback
        link.fail(INTERNAL, f"{type(error).__name__}: {one_line(error)}")


def _quiet_twisted_log() -> None:
    """Twisted's warnings and errors to stderr (the app keeps its last lines); nothing else."""
    from twisted.logger import (
        FilteringLogObserver,
        LogLevel,
        LogLevelFilterPredicate,
        globalLogBeginner,
        textFileLogObserver,
    )

    predicate: Any = LogLevelFilterPredicate(defaultLogLevel=LogLevel.warn)
    to_stderr: Any = textFileLogObserver(sys.stderr)
    observer: Any = FilteringLogObserver(to_stderr, [predicate])
    globalLogBeginner.beginLoggingTo([observer], redirectStandardIO=False)


if __name__ == "__main__":
    sys.exit(main())
