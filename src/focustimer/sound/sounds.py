"""The sounds a session plays, made ready at start-up: bundled or the user's own, at the volume.

Everything that is slow or can fail (reading, decoding, changing the volume) happens once,
before the session starts, so that at a turn's end a player only has to open a finished WAV.
A bad ``--sound`` file is refused then (``soundfile``), in one line, never in a session.
"""

from __future__ import annotations

import math
import tempfile
import wave
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from .audio import audio_segment
from .soundfile import SoundFileError, load_sound_file, shown_name

__all__ = ["Sound", "SoundFileError", "SoundSet", "load_sound_file", "prepare", "shown_name"]


class Sound(str, Enum):
    TURN_END = "turn-end"
    SESSION_END = "session-end"
    CUE = "cue"  # the warning shortly before a turn ends


def bundled(sound: Sound) -> Path:
    """A sound shipped in the package (focustimer/sounds), as a file the players can open."""
    # A package installed as files, wheel or editable, as pip does: the resource is a path.
    return Path(str(resources.files("focustimer") / "sounds" / f"{sound.value}.wav"))


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


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
