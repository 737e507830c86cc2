"""The sounds: shipped, regenerable, at the asked volume, and a bad --sound refused in one line."""

from __future__ import annotations

import array
import importlib.util
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from focustimer.sound import soundfile, sounds
from focustimer.sound.audio import ffmpeg_available
from focustimer.sound.sounds import Sound, SoundFileError, load_sound_file, prepare

ROOT = Path(__file__).resolve().parents[2]


def samples(path: Path) -> array.array:
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        data = array.array("h", wav.readframes(wav.getnframes()))
    return data


def peak(path: Path) -> int:
    return max(abs(v) for v in samples(path))


def write_wav(path: Path, values, rate: int = 44_100) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(array.array("h", values).tobytes())
    return path


@pytest.mark.parametrize(("sound", "seconds"), [("turn-end", 2), ("session-end", 3), ("cue", 0.6)])
def test_the_bundled_sounds_are_mono_16_bit_and_as_long_as_meant(sound, seconds):
    path = sounds.bundled(Sound(sound))
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
    assert sounds.wav_seconds(path) == pytest.approx(seconds)


def test_the_chimes_are_loud_and_the_cue_soft():
    assert peak(sounds.bundled(Sound.TURN_END)) > 0.85 * 32767
    assert peak(sounds.bundled(Sound.SESSION_END)) > 0.85 * 32767
    assert peak(sounds.bundled(Sound.CUE)) < 0.25 * 32767


def test_the_committed_sounds_are_what_the_script_renders(tmp_path):
    spec = importlib.util.spec_from_file_location("render", ROOT / "sounds" / "render.py")
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    assert render.PACKAGED == ROOT / "src" / "focustimer" / "sounds"
    for path in render.render(tmp_path):
        assert path.read_bytes() == (render.PACKAGED / path.name).read_bytes(), path.name


def test_at_full_volume_the_bundled_files_are_played_as_they_are():
    ready = prepare()
    assert ready.files == {s: sounds.bundled(s) for s in Sound}
    assert ready.lengths[Sound.TURN_END] == pytest.approx(2.0)
    ready.close()


@pytest.mark.parametrize("volume", [50, 25])
def test_volume_scales_every_sample(volume):
    ready = prepare(volume=volume)
    try:
        for sound in Sound:
            original, quieter = samples(sounds.bundled(sound)), samples(ready.files[sound])
            assert len(quieter) == len(original)
            assert peak(ready.files[sound]) == pytest.approx(
                peak(sounds.bundled(sound)) * volume / 100, abs=2
            )
            loudest = max(range(len(original)), key=lambda i: abs(original[i]))
            assert quieter[loudest] == pytest.approx(original[loudest] * volume / 100, abs=2)
    finally:
        ready.close()


def test_prepared_files_are_private_and_removed_on_close():
    ready = prepare(volume=80)
    directory = ready.files[Sound.TURN_END].parent
    assert directory.name.startswith("focustimer-sounds-")
    assert directory.stat().st_mode & 0o077 == 0
    ready.close()
    assert not directory.exists()


def test_a_wav_of_ones_own_replaces_the_turn_end_chime(tmp_path):
    mine = write_wav(tmp_path / "mine.wav", [0, 8000, 16000, 8000] * 4410, rate=22_050)
    ready = prepare(load_sound_file(str(mine)), volume=50)
    try:
        assert ready.lengths[Sound.TURN_END] == pytest.approx(0.8)
        assert peak(ready.files[Sound.TURN_END]) == 8000
        assert peak(ready.files[Sound.SESSION_END]) == pytest.approx(
            peak(sounds.bundled(Sound.SESSION_END)) / 2, abs=2
        )
    finally:
        ready.close()


def test_an_8_bit_wav_becomes_16_bit(tmp_path):
    path = tmp_path / "old.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(1)
        wav.setframerate(8000)
        wav.writeframes(bytes([128, 200, 128, 56] * 2000))
    ready = prepare(load_sound_file(str(path)))
    try:
        assert peak(ready.files[Sound.TURN_END]) > 10_000
    finally:
        ready.close()


def refused(name: str) -> str:
    with pytest.raises(SoundFileError) as caught:
        load_sound_file(name)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_missing_file_is_refused(tmp_path):
    assert refused(str(tmp_path / "nope.wav")).endswith("nope.wav: there is no such file")


def test_a_name_full_of_shell_is_only_a_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert refused("x; touch pwned").endswith("there is no such file")
    assert refused("$(touch pwned)").endswith("there is no such file")
    assert not (tmp_path / "pwned").exists()


def test_a_name_with_control_characters_is_shown_harmlessly(tmp_path):
    assert "\\x1b[31m" in refused(str(tmp_path / "\x1b[31mred.wav"))


def test_an_unreadable_file_is_refused(tmp_path, monkeypatch):
    path = write_wav(tmp_path / "locked.wav", [0] * 100)
    real_open = os.open

    def denied(name, *args, **kwargs):
        if Path(name) == path:  # root reads everything: pretend
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert refused(str(path)).endswith("locked.wav: cannot read it (Permission denied)")


def test_a_broken_wav_is_refused(tmp_path):
    path = tmp_path / "broken.wav"
    path.write_bytes(b"RIFF\x24\x00\x00\x00WAVEjunkjunkjunk")
    assert refused(str(path)).endswith("broken.wav: cannot decode it as sound")


def test_a_float_wav_is_refused(tmp_path):
    path = write_wav(tmp_path / "float.wav", [0] * 100)
    data = bytearray(path.read_bytes())
    data[20:22] = (3).to_bytes(2, "little")  # WAVE_FORMAT_IEEE_FLOAT
    path.write_bytes(bytes(data))
    assert refused(str(path)).endswith("cannot decode it as sound")


def test_an_empty_wav_is_refused(tmp_path):
    assert refused(str(write_wav(tmp_path / "empty.wav", []))).endswith("it holds no sound")


def test_a_song_is_refused(tmp_path):
    path = write_wav(tmp_path / "song.wav", [0] * (8000 * 31), rate=8000)
    assert "longer than 30 seconds" in refused(str(path))


def test_another_format_needs_ffmpeg(tmp_path, monkeypatch):
    monkeypatch.setattr(soundfile, "ffmpeg_available", lambda: False)
    monkeypatch.chdir(tmp_path)  # a short path: long ones are shortened in the message
    path = "bell.mp3"
    (tmp_path / path).write_bytes(b"ID3\x03\x00" + bytes(200))
    assert refused(path) == (
        f"--sound {path}: not a WAV file, and other formats need ffmpeg, which is not "
        "installed: convert it to WAV, or install ffmpeg"
    )


def test_another_format_that_ffmpeg_cannot_decode_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    fake.mkdir()
    for tool in ("ffmpeg", "ffprobe"):  # stand-ins that fail as ffmpeg does on a bad file
        script = fake / tool
        script.write_text("#!/bin/sh\necho 'Invalid data found' >&2\nexit 1\n")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    path = tmp_path / "bell.ogg"
    path.write_bytes(b"OggS" + bytes(200))
    assert refused(str(path)).endswith("bell.ogg: cannot decode it as sound")


def test_importing_pydub_through_us_prints_nothing(tmp_path):
    # An empty bytecode cache makes Python compile pydub afresh, which is when it warns.
    code = (
        "from focustimer.sound.audio import audio_segment; audio_segment(); "
        "import pydub.playback, pydub.generators, pydub.effects"
    )
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path), "PATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""


@pytest.mark.skipif(
    not ffmpeg_available(), reason="ffmpeg is not installed (apt-get install ffmpeg): other formats"
)
def test_with_ffmpeg_another_format_is_decoded_and_played_as_wav(tmp_path):
    ogg = tmp_path / "bell.ogg"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", str(sounds.bundled(Sound.TURN_END)), str(ogg)],
        check=True,
    )
    ready = prepare(load_sound_file(str(ogg)))
    try:
        assert ready.files[Sound.TURN_END].suffix == ".wav"
        assert ready.lengths[Sound.TURN_END] == pytest.approx(2.0, abs=0.05)
    finally:
        ready.close()
