"""Any file a user may name as the chime ends in one line and exit 2: never a traceback, a
stall, or a machine out of memory. Every file here is written by the test itself."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from focustimer.engine.clock import FakeClock
from focustimer.settings.options import Options
from focustimer.sound import decode, soundfile
from focustimer.sound.audio import ffmpeg_available
from focustimer.sound.soundfile import SoundFileError, load_sound_file
from focustimer.sound_choice import make_chime

needs_ffmpeg = pytest.mark.skipif(
    not ffmpeg_available(), reason="ffmpeg is not installed (apt-get install ffmpeg)"
)


SILENCE = ("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono")


def wav_with(path: Path, channels=1, bits=16, rate=8000, frames=800) -> Path:
    """A PCM WAV whose header says what it is told, true or not."""
    width = max(bits // 8, 1)
    body = bytes(frames * max(channels, 1) * width)
    fmt = struct.pack(
        "<HHIIHH", 1, channels, rate, (rate * channels * width) & 0xFFFFFFFF, channels * width, bits
    )
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(body))
    path.write_bytes(
        b"RIFF" + struct.pack("<I", 4 + len(chunks) + len(body)) + b"WAVE" + chunks + body
    )
    return path


def refusal(name: str) -> str:
    with pytest.raises(SoundFileError) as caught:
        load_sound_file(name)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


DAMAGED = {
    "0-channels": ({"channels": 0}, "its header says 0 channels: the file is damaged"),
    "0-bits": ({"bits": 0}, "its header says 0 bits a sample: the file is damaged"),
    "7-bytes-a-sample": ({"bits": 56}, "its header says 56 bits a sample: the file is damaged"),
    "rate-0": ({"rate": 0}, "its header says 0 samples a second: the file is damaged"),
    "rate-max": (
        {"rate": 0xFFFFFFFF},
        "its header says 4294967295 samples a second: the file is damaged",
    ),
}


@pytest.mark.parametrize(("header", "says"), DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_wav_header_is_refused_saying_which_field(tmp_path, monkeypatch, header, says):
    # A short path: a long one is shortened in the message (pytest-of-root/pytest-1000/...
    # crossed the 80 characters on CI).
    monkeypatch.chdir(tmp_path)
    wav_with(tmp_path / "bad.wav", **header)
    assert refusal("bad.wav") == f"--sound bad.wav: {says}"


@pytest.mark.parametrize("header", [h for h, _ in DAMAGED.values()], ids=DAMAGED.keys())
def test_a_damaged_wav_is_refused_even_when_the_sound_is_off(tmp_path, header):
    # The file is named: a mistake in it is said, whatever FOCUSTIMER_SOUND says.
    options = Options().typed(sound_file=str(wav_with(tmp_path / "bad.wav", **header)))
    with pytest.raises(SoundFileError):
        make_chime(options, FakeClock(), environ={"FOCUSTIMER_SOUND": "off"})


@pytest.mark.parametrize("header", [{"channels": 0}, {"bits": 56}, {"rate": 0xFFFFFFFF}])
def test_sound_check_refuses_a_damaged_wav_in_one_line(tmp_path, header):
    path = wav_with(tmp_path / "bad.wav", **header)
    done = subprocess.run(
        [sys.executable, "-m", "focustimer", "sound-check", "--sound", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "the file is damaged" in done.stderr


def test_a_name_longer_than_the_file_system_allows(tmp_path):
    name = str(tmp_path / ("x" * 300 + ".wav"))
    assert refusal(name).endswith(": the name is longer than the file system allows")


def test_a_folder_is_not_a_sound_file(tmp_path):
    assert refusal(str(tmp_path)).endswith(": is a folder, not a sound file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)  # nobody will ever write to it: opening it for reading would wait forever
    assert refusal(str(fifo)).endswith("pipe.wav: is a named pipe (FIFO), not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    assert refusal(device) == f"--sound {device}: is a device, not a regular file"


@needs_ffmpeg
def test_a_small_flac_of_three_hours_is_refused_by_its_header(tmp_path):
    flac = tmp_path / "silence.flac"
    subprocess.run(
        [*SILENCE, "-t", "10800", "-c:a", "flac", str(flac)],
        check=True,
        timeout=120,
    )
    assert flac.stat().st_size < 4 * 1024 * 1024
    assert refusal(str(flac)).endswith("longer than 30 seconds, too long for a chime")


@needs_ffmpeg
def test_a_file_whose_length_is_unknown_is_decoded_no_further_than_a_chime(tmp_path, monkeypatch):
    # A header that lies (here: an ffprobe that knows no length) is not believed: ffmpeg is
    # stopped after 31 seconds of sound, and that is refused as too long.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ffprobe").write_text("#!/bin/sh\nexit 1\n")
    (bin_dir / "ffprobe").chmod(0o755)
    (bin_dir / "ffmpeg").symlink_to(shutil.which("ffmpeg"))
    flac = tmp_path / "long.flac"
    subprocess.run(
        [*SILENCE, "-t", "600", "-c:a", "flac", str(flac)],
        check=True,
        timeout=120,
    )
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert refusal(str(flac)).endswith("longer than 30 seconds, too long for a chime")


@pytest.mark.skipif(sys.platform == "win32", reason="no resource limits on Windows")
def test_the_decoder_cannot_take_more_memory_than_its_limit():
    code = (
        "from focustimer.sound.decode import limit_resources, MEMORY_BYTES\n"
        "limit_resources()\n"
        "try:\n"
        "    hog = bytearray(MEMORY_BYTES + 1)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout == "refused\n", done.stderr


def test_a_decoder_that_hangs_is_killed_and_said_in_one_line(tmp_path, monkeypatch):
    hang = tmp_path / "hang.py"
    hang.write_text("import time\ntime.sleep(60)\n")
    monkeypatch.setattr(soundfile, "DECODER", (sys.executable, str(hang)))
    monkeypatch.setattr(soundfile, "DECODE_S", 0.5)
    path = wav_with(tmp_path / "ok.wav")
    assert refusal(str(path)).endswith("decoding it takes more than 0 seconds")


def test_a_decoder_killed_by_its_limits_is_said_in_one_line(tmp_path, monkeypatch):
    killed = tmp_path / "killed.py"
    killed.write_text("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    monkeypatch.setattr(soundfile, "DECODER", (sys.executable, str(killed)))
    assert refusal(str(wav_with(tmp_path / "ok.wav"))).endswith(
        "decoding it needs more memory or time than a chime may take"
    )


def test_what_the_decoder_hands_back_is_a_chime_any_player_takes(tmp_path):
    path = tmp_path / "wide.wav"
    with wave.open(str(path), "wb") as wav:  # 4 channels, 24-bit, 96 kHz
        wav.setnchannels(4)
        wav.setsampwidth(3)
        wav.setframerate(96_000)
        wav.writeframes(bytes(96_000 * 4 * 3 // 10))
    segment = load_sound_file(str(path))
    assert (segment.channels, segment.sample_width, segment.frame_rate) == (1, 2, 48_000)
    assert segment.duration_seconds == pytest.approx(0.1)
    assert decode.MAX_SOUND_S == 30
