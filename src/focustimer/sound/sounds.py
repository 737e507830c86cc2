"""The sounds a session plays, made ready at start-up: bundled or the user's own, at the volume.

Everything that is slow or can fail (reading, decoding, changing the volume) happens once,
before the session starts, so that at a turn's end a player only has to open a finished WAV.
A bad ``--sound`` file is refused then, in one line, never in the middle of a session.
"""

from __future__ import annotations

import io
import math
import tempfile
import wave
from enum import Enum
from pathlib import Path
from typing import Any

from ..homedir import NoHome, expand
from ..i18n import _
from ..usage import UsageError
from ..visible import visible
from .audio import audio_segment, ffmpeg_available

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_SOUND_S = 30.0  # a chime, not a song: it must be over long before the next turn ends


class Sound(str, Enum):
    TURN_END = "turn-end"
    SESSION_END = "session-end"
    CUE = "cue"  # the warning shortly before a turn ends


class SoundFileError(UsageError):
    """A ``--sound`` file that cannot be used; the message is one line saying why."""


def bundled_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "sounds"  # focustimer/sounds in a wheel
    if packaged.is_dir():
        return packaged
    # An editable install runs the package from src/ in a checkout: the WAVs are in sounds/.
    return Path(__file__).resolve().parents[3] / "sounds"


def bundled(sound: Sound) -> Path:
    return bundled_dir() / f"{sound.value}.wav"


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def shown_name(name: str, limit: int = 80) -> str:
    """A file name for a message: harmless, and when long, its end, which tells most."""
    text = visible(name)
    return text if len(text) <= limit else "…" + text[1 - limit :]


def load_sound_file(name: str, source: str | None = None) -> Any:
    """The user's sound file as a pydub segment, or SoundFileError saying what is wrong.

    ``source``: where the file was named, for the message (default: ``--sound FILE``).
    """
    shown = shown_name(name)
    source = source or f"--sound {shown}"
    try:
        path = expand(name)
    except NoHome as problem:
        raise SoundFileError(f"{source}: {problem}") from None
    if not path.is_file():
        raise SoundFileError(_("{source}: there is no such file").format(source=source))
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SoundFileError(
            _("{source}: cannot read it ({reason})").format(
                source=source, reason=error.strerror or error
            )
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise SoundFileError(_("{source}: too big for a chime").format(source=source))
    is_wav = data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    if not is_wav and not ffmpeg_available():
        raise SoundFileError(
            _(
                "{source}: not a WAV file, and other formats need ffmpeg, which is not "
                "installed: convert it to WAV, or install ffmpeg"
            ).format(source=source)
        )
    segment_class = audio_segment()
    try:
        # A WAV with pydub's own reader, no ffmpeg. Others from memory: no file name for
        # ffmpeg to misread, and no file for pydub to leave open when ffprobe fails.
        segment = segment_class(data=data) if is_wav else segment_class.from_file(io.BytesIO(data))
    except Exception:  # decoders raise all kinds of errors on a bad file; each means the same
        raise SoundFileError(
            _("{source}: cannot decode it as sound").format(source=source)
        ) from None
    if segment.frame_count() == 0:
        raise SoundFileError(_("{source}: it holds no sound").format(source=source))
    if segment.duration_seconds > MAX_SOUND_S:
        raise SoundFileError(
            _("{source}: longer than {limit:.0f} seconds, too long for a chime").format(
                source=source, limit=MAX_SOUND_S
            )
        )
    return segment


def gain_db(volume: int) -> float:
    """The gain for a volume in percent of the original amplitude: 50 halves every sample."""
    return 20 * math.log10(volume / 100) if volume > 0 else -math.inf


class SoundSet:
    """One ready WAV file per sound, with its length; owns the temporary files it made."""

    def __init__(
        self,
        files: dict[Sound, Path],
        workdir: tempfile.TemporaryDirectory[str] | None = None,
    ) -> None:
        self.files = files
        self.lengths = {sound: wav_seconds(path) for sound, path in files.items()}
        self._workdir = workdir

    def close(self) -> None:
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None


def prepare(turn_end: Any = None, volume: int = 100) -> SoundSet:
    """The session's sounds: ``turn_end`` (a pydub segment) replaces the turn-end chime.

    At full volume the bundled WAVs are played as they are; otherwise each sound is written,
    at its new volume, to a private temporary directory that ``close`` removes.
    """
    if turn_end is None and volume == 100:
        return SoundSet({sound: bundled(sound) for sound in Sound})
    workdir = tempfile.TemporaryDirectory(prefix="focustimer-sounds-")
    segment_class = audio_segment()
    files = {}
    for sound in Sound:
        if sound is Sound.TURN_END and turn_end is not None:
            segment = turn_end
        else:
            with bundled(sound).open("rb") as file:  # from_wav(path) would leave it open
                segment = segment_class(data=file.read())
        if segment.sample_width != 2:
            segment = segment.set_sample_width(2)  # 16-bit: every player takes it
        if volume != 100:
            segment = segment.apply_gain(gain_db(volume))
        path = Path(workdir.name) / f"{sound.value}.wav"
        segment.export(path, format="wav").close()  # export returns the open file
        files[sound] = path
    return SoundSet(files, workdir)
