"""A sound file of the user's (``--sound``, ``sound = ...``): checked, then decoded in a child.

What can be checked safely here is: that the name is a regular file this user can read (not
a folder, a FIFO that would never end, or ``/dev/zero``), that it is small, and, for a WAV,
that its header makes sense and promises a chime, not a song. The decoding itself runs in a
child process with limited memory and time (``decode``), so that no file can stall the start
or exhaust the machine. Every problem is a SoundFileError: one line, saying what to do.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..i18n import _, language
from ..usage import UsageError
from ..visible import visible
from .audio import audio_segment, ffmpeg_available
from .decode import DECODE_S, MAX_SOUND_S, cannot_decode, too_long

MAX_FILE_BYTES = 64 * 1024 * 1024
DECODER = (sys.executable, "-m", "focustimer.sound.decode")
PCM, EXTENSIBLE = 0x0001, 0xFFFE
MAX_CHANNELS = 8
MAX_RATE = 768_000  # the highest rate sound cards offer; more is a damaged header


class SoundFileError(UsageError):
    """A ``--sound`` file that cannot be used; the message is one line saying why."""


def shown_name(name: str, limit: int = 80) -> str:
    """A file name for a message: harmless, and when long, its end, which tells most."""
    text = visible(name)
    return text if len(text) <= limit else "…" + text[1 - limit :]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("is a folder, not a sound file")
    if stat.S_ISFIFO(mode):
        return _("is a named pipe (FIFO), not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("is a device, not a regular file")
    if stat.S_ISSOCK(mode):
        return _("is a socket, not a regular file")
    return _("is not a regular file")


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_FILE_BYTES; ValueError saying what is wrong."""
    try:
        # Non-blocking: opening a FIFO must not wait for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise ValueError(_("there is no such file")) from None
        if error.errno == errno.ENAMETOOLONG:
            raise ValueError(_("the name is longer than the file system allows")) from None
        if error.errno == errno.EISDIR:  # Windows opens no folder
            raise ValueError(_("is a folder, not a sound file")) from None
        reason = error.strerror or str(error)
        raise ValueError(_("cannot read it ({reason})").format(reason=reason)) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ValueError(_kind(mode))
    with os.fdopen(fd, "rb") as file:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        try:
            data = file.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            reason = error.strerror or str(error)
            raise ValueError(_("cannot read it ({reason})").format(reason=reason)) from None
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(_("too big for a chime"))
    return data


def is_wav(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WAVE"


def check_wav(data: bytes) -> bool:
    """Whether pydub can read this WAV itself (PCM); ValueError when its header is damaged
    or promises more than a chime. False: another encoding (float...), for ffmpeg."""
    at, fmt, samples = 12, None, None
    while at + 8 <= len(data):
        chunk, size = data[at : at + 4], struct.unpack_from("<I", data, at + 4)[0]
        if chunk == b"fmt " and size >= 16 and at + 24 <= len(data):
            fmt = struct.unpack_from("<HHIIHH", data, at + 8)
            if fmt[0] == EXTENSIBLE and size >= 40 and at + 34 <= len(data):
                fmt = (struct.unpack_from("<H", data, at + 32)[0], *fmt[1:])  # the real one
        elif chunk == b"data":
            samples = min(size, len(data) - at - 8)  # streamed WAVs say 0xFFFFFFFF
            break
        at += 8 + size + (size & 1)  # chunks are padded to an even length
    if fmt is None or samples is None:
        raise ValueError(cannot_decode())
    encoding, channels, rate, _byte_rate, _align, bits = fmt
    if not 1 <= channels <= MAX_CHANNELS:
        raise ValueError(
            _("its header says {count} channels: the file is damaged").format(count=channels)
        )
    if not 1 <= rate <= MAX_RATE:
        raise ValueError(
            _("its header says {rate} samples a second: the file is damaged").format(rate=rate)
        )
    if bits not in (8, 16, 24, 32, 64):
        raise ValueError(
            _("its header says {bits} bits a sample: the file is damaged").format(bits=bits)
        )
    if samples / (channels * bits // 8) / rate > MAX_SOUND_S:
        raise ValueError(too_long())
    return bool(encoding == PCM and bits <= 32)


def _decode_in_child(data: bytes, other: bool) -> bytes:
    """The decoder's WAV, or ValueError with its reason; it is killed when it takes too long."""
    command = [*DECODER, "--lang", language(), *(["--other"] if other else [])]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name == "posix",  # killing it kills its ffmpeg too
    )
    try:
        out, said = process.communicate(data, timeout=DECODE_S)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            os.killpg(process.pid, 9)
        else:
            process.kill()
        process.communicate()
        raise ValueError(
            _("decoding it takes more than {seconds:.0f} seconds").format(seconds=DECODE_S)
        ) from None
    lines = said.decode(errors="replace").strip().splitlines()
    if process.returncode != 0 or not out:
        if process.returncode == 2 and lines:
            raise ValueError(lines[-1])
        # Killed by its limits (SIGKILL, SIGXCPU) or worse: the file asked too much.
        raise ValueError(_("decoding it needs more memory or time than a chime may take"))
    return out


def load_sound_file(name: str, source: str | None = None) -> Any:
    """The user's sound file as a pydub segment, or SoundFileError saying what is wrong.

    ``source``: where the file was named, for the message (default: ``--sound FILE``).
    """
    source = source or f"--sound {shown_name(name)}"
    try:
        data = read_regular(Path(name))  # ~ was expanded where it was typed (settings)
        if is_wav(data) and check_wav(data):
            other = False
        elif ffmpeg_available():
            other = True
        else:
            raise ValueError(
                _(
                    "not a WAV file, and other formats need ffmpeg, which is not "
                    "installed: convert it to WAV, or install ffmpeg"
                )
            )
        wav = _decode_in_child(data, other)
    except ValueError as problem:
        raise SoundFileError(f"{source}: {problem}") from None
    return audio_segment()(data=wav)  # 16-bit, checked and short: safe to read here
