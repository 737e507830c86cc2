"""The child process that decodes a ``--sound`` file: ``python -m focustimer.sound.decode``.

It reads the file's bytes on stdin and writes a WAV a chime can be made of on stdout: 16-bit,
at most two channels and 48 kHz, at most ``MAX_SOUND_S`` long. A decoder given a hostile file
can take all the memory and time it likes, so it runs here, where the memory and the CPU time
are limited (``limit_resources``; ffmpeg inherits the limits), and the app kills it after
``DECODE_S``. A WAV is read by pydub; other formats by ffmpeg, which is stopped after
``MAX_SOUND_S`` plus one second of sound, whatever the file's header claims.

Exit status 0 with the WAV on stdout; 2 with one line on stderr saying why the file cannot be
used, in the language given with ``--lang``.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..i18n import LANGUAGES, _, set_language
from ..usage import Parser, UsageError
from .audio import audio_segment

MAX_SOUND_S = 30.0  # a chime, not a song: it must be over long before the next turn ends
MEMORY_BYTES = 1024 * 1024 * 1024  # Python, pydub and ffmpeg need a tenth of it for a chime
CPU_S = 20
DECODE_S = 15.0  # the app's patience, in wall-clock time (a loaded machine is slow to start)
MAX_RATE = 48_000
OK, REFUSED = 0, 2


class Refused(Exception):
    """The file cannot be a chime; the message says why, in a few words."""


def limit_resources() -> None:
    """Cap this process's (and its children's) memory and CPU time, where the OS allows it."""
    try:
        import resource
    except ImportError:  # Windows: the app's timeout is the only limit there
        return
    for limit, value in ((resource.RLIMIT_AS, MEMORY_BYTES), (resource.RLIMIT_CPU, CPU_S)):
        _soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, hard))


def _probe_seconds(path: Path) -> float | None:
    """The length the file's header states, by ffprobe (None when it states none)."""
    command = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0"]
    try:
        done = subprocess.run(
            [*command, f"file:{path}"],
            capture_output=True,
            text=True,
            timeout=DECODE_S,
        )
        return float(done.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def _with_ffmpeg(data: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="focustimer-decode-") as folder:
        path = Path(folder) / "sound"  # no name of the user's for ffmpeg to misread
        path.write_bytes(data)
        seconds = _probe_seconds(path)
        if seconds is not None and seconds > MAX_SOUND_S:
            raise Refused(too_long())
        command = ["ffmpeg", "-nostdin", "-v", "error", "-i", f"file:{path}", "-vn"]
        command += ["-t", f"{MAX_SOUND_S + 1:g}", "-c:a", "pcm_s16le", "-f", "wav", "pipe:1"]
        try:
            done = subprocess.run(command, capture_output=True, timeout=DECODE_S)
        except (OSError, subprocess.SubprocessError):
            raise Refused(cannot_decode()) from None
        if done.returncode != 0 or not done.stdout:
            raise Refused(cannot_decode())
        return done.stdout


def too_long() -> str:
    return _("longer than {limit:.0f} seconds, too long for a chime").format(limit=MAX_SOUND_S)


def cannot_decode() -> str:
    return _("cannot decode it as sound")


def decode(data: bytes, is_wav: bool) -> Any:
    """The sound in ``data`` as a pydub segment a chime can be made of; Refused if none."""
    segment_class = audio_segment()
    if not is_wav:
        data = _with_ffmpeg(data)
    try:
        segment = segment_class(data=data)
    except MemoryError:
        raise
    except Exception:  # pydub and audioop raise all kinds of errors on a bad file
        raise Refused(cannot_decode()) from None
    if segment.frame_count() == 0:
        raise Refused(_("it holds no sound"))
    if segment.duration_seconds > MAX_SOUND_S:
        raise Refused(too_long())
    if segment.channels > 2:
        segment = segment.set_channels(1)
    if segment.frame_rate > MAX_RATE:
        segment = segment.set_frame_rate(MAX_RATE)
    if segment.sample_width != 2:
        segment = segment.set_sample_width(2)  # 16-bit: every player takes it
    return segment


def _parser() -> Parser:
    parser = Parser(prog="python -m focustimer.sound.decode", add_help=False)
    parser.add_argument("--other", action="store_true", help="not a WAV: decode with ffmpeg")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="for what it says")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    limit_resources()
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        print(error, file=sys.stderr)
        return REFUSED
    set_language(args.lang)
    try:
        segment = decode(sys.stdin.buffer.read(), is_wav=not args.other)
        out = io.BytesIO()
        segment.export(out, format="wav")
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return REFUSED
    except MemoryError:
        print(_("it needs more memory to decode than a chime may take"), file=sys.stderr)
        return REFUSED
    sys.stdout.buffer.write(out.getvalue())
    return OK


if __name__ == "__main__":
    sys.exit(main())
