"""The child process that plays one sound: ``python -m focustimer.sound.player FILE``.

The app starts it a little before a turn ends, with ``--at NS``. It gets ready first: it
decodes the file for pydub's playback, or starts the first player (``paplay``, ``aplay``)
and hands it the WAV's header, so that the player connects to the sound server and opens its
stream. Then it sleeps until the monotonic clock (system-wide: the app's and this process's
agree) reads NS, and feeds the sound; starting a program at that moment would cost it
milliseconds, tens under load. Should the first player fail, the others are tried in order.

Whatever a player or a native audio library prints stays here: stdout is closed, stderr goes
back to the app, and the players get argument lists, never a shell. The app learns what
happened from the exit status and the last line on stderr:

- 0, ``ok NAME``: NAME played the sound;
- 1, ``fail WHAT``: no player could (WHAT: each one's reason), or ``none``: no player here;
- 2, ``missing``: no such file; or a mistake in the arguments.
"""

from __future__ import annotations

import contextlib
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..engine.clock import NS
from ..i18n import LANGUAGES, _, set_language
from ..usage import Parser, UsageError
from .backends import PYDUB, Backend, chain

MAX_WAIT_S = 60.0  # the app starts a player 1.5 s ahead at most; more is a mistake
OK, FAILED, USAGE = 0, 1, 2
# ffplay exits 0 even when it played nothing; these are what it says then.
FFPLAY_NO_AUDIO = ("audio open failed", "SDL_OpenAudio", "Failed to open audio")
FFPLAY_NO_FILE = ("Failed to open file", "Invalid data found")


class PlayError(Exception):
    """A player could not sound the file; the message says why, in a few words."""


def wav_header_length(data: bytes) -> int:
    """Where a WAV's samples begin (0 if it is no WAV that can be read this simply)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return 0
    at = 12
    while at + 8 <= len(data):
        chunk, size = data[at : at + 4], struct.unpack_from("<I", data, at + 4)[0]
        if chunk == b"data":
            return at + 8
        at += 8 + size + (size & 1)  # chunks are padded to an even length
    return 0


def prepare(
    backend: Backend, path: Path, limit_s: float, ahead: bool = False
) -> Callable[[], None]:
    """What plays ``path`` with ``backend``; what takes time (starting, decoding) happens now.

    ``ahead``: start the player now and keep it waiting for the sound (if it can wait).
    """
    if backend.name.startswith(PYDUB):
        return _pydub_player(path)
    if backend.name == "winsound":
        return _winsound_player(path)
    data = path.read_bytes() if ahead and backend.reads_stdin else b""
    header = wav_header_length(data)
    if not header:
        argv = [*backend.command, str(path)]
        return lambda: _finish(backend.name, _start(backend.name, argv), b"", limit_s)
    process = _start(backend.name, list(backend.command), stdin=subprocess.PIPE)
    assert process.stdin is not None
    with contextlib.suppress(BrokenPipeError):  # dead already: its status will say why
        process.stdin.write(data[:header])
    return lambda: _finish(backend.name, process, data[header:], limit_s)


def _start(name: str, argv: list[str], stdin: int = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    try:
        # Unbuffered: a header that could not be handed over must not linger in a buffer,
        # to fail again, uncaught, when communicate() closes the pipe.
        return subprocess.Popen(
            argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, bufsize=0
        )
    except OSError as error:
        raise PlayError(f"{name}: {error.strerror or error}") from None


def _finish(name: str, process: subprocess.Popen[bytes], body: bytes, limit_s: float) -> None:
    """Feed the player what is left of the sound, and wait until it has played it."""
    try:
        said = process.communicate(body or None, timeout=limit_s)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        message = _("no end after {seconds:g} s").format(seconds=round(limit_s, 1))
        raise PlayError(f"{name}: {message}") from None
    text = said.decode(errors="replace").strip()
    if name == "ffplay" and any(sign in text for sign in FFPLAY_NO_AUDIO):
        raise PlayError(f"{name}: " + _("no audio device"))
    if name == "ffplay" and any(sign in text for sign in FFPLAY_NO_FILE):
        raise PlayError(f"{name}: {text.splitlines()[-1]}")
    if process.returncode != 0:
        status = _("exit status {code}").format(code=process.returncode)
        raise PlayError(f"{name}: {text.splitlines()[-1] if text else status}")


def _pydub_player(path: Path) -> Callable[[], None]:
    from .audio import audio_segment

    with path.open("rb") as file:  # pydub's from_wav(path) would leave the file open
        segment = audio_segment()(data=file.read())
    from pydub.playback import play

    def run() -> None:
        try:
            play(segment)
        except Exception as error:  # simpleaudio and pyaudio raise their own kinds
            raise PlayError(f"{PYDUB}: {error}") from None

    return run


def _winsound_player(path: Path) -> Callable[[], None]:
    def run() -> None:
        if sys.platform == "win32":
            import winsound

            try:
                # NODEFAULT: a file that cannot play must not ring the system sound instead.
                winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_NODEFAULT)
            except RuntimeError as error:
                raise PlayError(f"winsound: {error}") from None

    return run


# -- the process --------------------------------------------------------------------------------


def _parser() -> Parser:
    parser = Parser(prog="python -m focustimer.sound.player", add_help=False)
    parser.add_argument("file")
    parser.add_argument("--at", type=int, default=None, help="monotonic ns to start at")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds a player may take")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="for what it says")
    return parser


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def wait_until(at_ns: int) -> None:
    while (left := at_ns - time.monotonic_ns()) > 0:
        time.sleep(left / NS)


def play(path: Path, at_ns: int | None, limit_s: float) -> int:
    players: list[tuple[str, Callable[[], None]]] = []
    failures: list[str] = []
    for backend in chain():
        try:
            # Only the first is started ahead; the others are a fallback, started if need be.
            players.append((backend.name, prepare(backend, path, limit_s, ahead=not players)))
        except Exception as error:  # a broken audio library must not stop the others
            failures.append(f"{backend.name}: {error}")
    if at_ns is not None:
        wait_until(at_ns)
    for name, run in players:
        try:
            run()
        except PlayError as error:
            failures.append(str(error))
            continue
        except Exception as error:  # whatever went wrong, the next player gets its turn
            failures.append(f"{name}: {type(error).__name__}: {error}")
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
    set_language(args.lang)
    # Absolute, so that a file called "-h" can never be read as an option by a player.
    path = Path(args.file).absolute()
    if not path.is_file():
        _say("missing")
        return USAGE
    if args.at is not None and args.at - time.monotonic_ns() > MAX_WAIT_S * NS:
        _say(f"--at is more than {MAX_WAIT_S:.0f} s away")
        return USAGE
    return play(path, args.at, args.limit)


if __name__ == "__main__":
    sys.exit(main())
