"""The player child process and its leash: the order of players, the exact start, the timeout
and the kill, and never a shell. Stand-in players on PATH log what they were given."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from focustimer import i18n
from focustimer.sound import launcher, player
from focustimer.sound.launcher import NotPlayed, Played, ProcessPlayer
from focustimer.sound.player import wav_header_length

# A stand-in player: logs its arguments and start time, does what FAKE_<NAME> says, and,
# given no file, reads the WAV from stdin as paplay does, logging when the samples came.
FAKE = f"""#!{sys.executable}
import json, os, sys, time
name = os.path.basename(sys.argv[0])
entry = {{"argv": [name, *sys.argv[1:]], "at": time.monotonic_ns(), "pid": os.getpid()}}
def log(**more):
    with open(os.environ["FAKE_LOG"], "a") as out:
        out.write(json.dumps({{**entry, **more}}) + "\\n")
how = os.environ.get("FAKE_" + name.upper().replace("-", "_"), "ok")
if how == "ok" and not [a for a in sys.argv[1:] if a != "-q"]:
    header = sys.stdin.buffer.read(44)
    first = sys.stdin.buffer.read(1)
    fed_at = time.monotonic_ns()
    log(fed_at=fed_at, stdin=len(header) + len(first) + len(sys.stdin.buffer.read()))
else:
    log()
if how == "hang":
    time.sleep(60)
if how == "silent-ffplay":
    print("SDL_OpenAudio (2 channels, 44100 Hz): ALSA: Couldn't open audio device", file=sys.stderr)
    print("No more combinations to try, audio open failed", file=sys.stderr)
    sys.exit(0)
if how.startswith("fail"):
    print("some noise", file=sys.stderr)
    print(name + " says no", file=sys.stderr)
    sys.exit(1)
"""


@pytest.fixture
def players(tmp_path, monkeypatch):
    """Put stand-in players on an otherwise empty PATH; returns (install, read_log)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "players.log"
    log.touch()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("FAKE_LOG", str(log))

    def install(*names: str) -> None:
        for name in names:
            program = bin_dir / name
            program.write_text(FAKE)
            program.chmod(0o755)

    def calls() -> list[dict]:
        return [json.loads(line) for line in log.read_text().splitlines()]

    return install, calls


def write_wav(path: Path, frames: int = 4410) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(44_100)
        out.writeframes(b"\x01\x00" * frames)
    return path


@pytest.fixture
def wav(tmp_path):
    return write_wav(tmp_path / "a; touch pwned.wav")


def child(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "focustimer.sound.player", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=10,
    )


def test_the_first_player_is_fed_the_whole_file_on_stdin(players, wav, tmp_path):
    install, calls = players
    install("paplay", "aplay")
    done = child(str(wav), cwd=tmp_path)
    assert (done.returncode, done.stderr, done.stdout) == (0, "ok paplay\n", "")
    (call,) = calls()
    assert call["argv"] == ["paplay"] and call["stdin"] == wav.stat().st_size


def test_a_fallback_player_gets_the_file_as_one_argument(players, wav, tmp_path, monkeypatch):
    install, calls = players
    install("paplay", "pw-play", "aplay")
    monkeypatch.setenv("FAKE_PAPLAY", "fail")
    done = child(str(wav), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "ok pw-play\n")
    assert [c["argv"] for c in calls()] == [["paplay"], ["pw-play", str(wav)]]
    assert not (tmp_path / "pwned").exists()


def test_a_relative_name_like_an_option_is_made_absolute(players, tmp_path):
    install, calls = players
    install("pw-play")
    write_wav(tmp_path / "-h")
    assert child("--", "-h", cwd=tmp_path).returncode == 0
    assert calls()[0]["argv"] == ["pw-play", str(tmp_path / "-h")]


def test_when_a_player_fails_the_next_one_plays(players, wav, monkeypatch):
    install, calls = players
    install("paplay", "pw-play", "aplay")
    monkeypatch.setenv("FAKE_PAPLAY", "fail")
    monkeypatch.setenv("FAKE_PW_PLAY", "fail")
    done = child(str(wav))
    assert (done.returncode, done.stderr) == (0, "ok aplay\n")
    assert [c["argv"] for c in calls()] == [
        ["paplay"],
        ["pw-play", str(wav)],
        ["aplay", "-q", str(wav)],
    ]


def test_when_every_player_fails_it_says_why_in_one_line(players, wav, monkeypatch):
    install, _calls = players
    install("paplay", "aplay", "ffplay")
    monkeypatch.setenv("FAKE_PAPLAY", "fail")
    monkeypatch.setenv("FAKE_APLAY", "fail")
    monkeypatch.setenv("FAKE_FFPLAY", "silent-ffplay")  # exits 0, but played nothing
    done = child(str(wav))
    assert done.returncode == 1
    assert done.stderr == (
        "fail paplay: paplay says no; aplay: aplay says no; ffplay: no audio device\n"
    )


def test_a_player_that_died_before_it_was_handed_the_header_is_reported_by_its_own_words(
    players, wav, monkeypatch
):
    install, _calls = players
    install("paplay")
    monkeypatch.setenv("FAKE_PAPLAY", "fail")
    started = player._start

    def start_and_let_die(*args, **kwargs):
        process = started(*args, **kwargs)
        process.wait()  # the worst timing: it is gone before a byte is written
        return process

    monkeypatch.setattr(player, "_start", start_and_let_die)
    run = player.prepare(player.chain()[0], wav, 5.0, ahead=True)
    with pytest.raises(player.PlayError, match=r"^paplay: paplay says no$"):
        run()


def test_with_no_player_installed_it_says_none(players, wav):
    done = child(str(wav))
    assert (done.returncode, done.stderr) == (1, "none\n")


def test_a_missing_file_is_not_played(players, tmp_path):
    install, calls = players
    install("paplay")
    done = child(str(tmp_path / "nope.wav"))
    assert (done.returncode, done.stderr) == (2, "missing\n")
    assert calls() == []


def test_the_player_starts_ahead_and_gets_the_sound_at_the_exact_moment(players, wav):
    install, calls = players
    install("paplay")
    at = time.monotonic_ns() + 400_000_000  # well after the child has started
    assert child("--at", str(at), str(wav)).returncode == 0
    (call,) = calls()
    assert call["at"] < at  # started early: connecting costs the sound no time
    assert at <= call["fed_at"] < at + 50_000_000, (call["fed_at"] - at) / 1e6


@pytest.mark.realtime
def test_without_a_player_that_can_wait_the_first_starts_at_the_moment(players, wav):
    install, calls = players
    install("pw-play")
    at = time.monotonic_ns() + 300_000_000
    assert child("--at", str(at), str(wav)).returncode == 0
    assert at <= calls()[0]["at"] < at + 100_000_000


def test_where_the_samples_of_a_wav_begin(wav):
    assert wav_header_length(wav.read_bytes()) == 44
    data = bytearray(wav.read_bytes())
    # A LIST chunk of odd length (padded) before the samples, as some editors write.
    extra = b"LIST" + (5).to_bytes(4, "little") + b"INFO!" + b"\0"
    padded = bytes(data[:36]) + extra + bytes(data[36:])
    assert wav_header_length(padded) == 44 + len(extra)
    assert wav_header_length(b"RIFF....WAVEfmt ") == 0
    assert wav_header_length(b"ID3 not a wav") == 0


def test_a_player_that_hangs_is_killed_at_the_limit(players, wav, monkeypatch):
    install, calls = players
    install("paplay", "aplay")
    monkeypatch.setenv("FAKE_PAPLAY", "hang")
    start = time.monotonic()
    done = child("--limit", "0.3", str(wav))
    assert time.monotonic() - start < 1.5
    assert (done.returncode, done.stderr) == (0, "ok aplay\n")
    assert not _alive(calls()[0]["pid"])


# -- the app's side: ProcessPlayer --------------------------------------------------------------

HANGS = (
    "import os, subprocess, sys, time; "
    "grandchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
    "open(os.environ['PIDS'], 'w').write(f'{os.getpid()} {grandchild.pid}'); "
    "time.sleep(60)"
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of ours that nobody reaped yet is a zombie: as good as dead.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def _pids(path: Path) -> list[int]:
    deadline = time.monotonic() + 5
    while not path.exists() or not path.read_text():
        assert time.monotonic() < deadline, "the stand-in never started"
        time.sleep(0.01)
    return [int(pid) for pid in path.read_text().split()]


async def _until_dead(pids: list[int]) -> None:
    deadline = time.monotonic() + 2
    while any(_alive(pid) for pid in pids):
        assert time.monotonic() < deadline, f"still alive: {pids}"
        await asyncio.sleep(0.02)


async def test_a_player_past_its_time_is_killed_with_what_it_started(tmp_path, monkeypatch, wav):
    monkeypatch.setenv("PIDS", str(tmp_path / "pids"))
    player = ProcessPlayer([sys.executable, "-c", HANGS], slack_s=0.5)
    start = time.monotonic()
    result = await player.play(wav, 0, 0.1)
    assert time.monotonic() - start < 1
    assert result == NotPlayed("no end after 0.6 s")
    await _until_dead(_pids(tmp_path / "pids"))


async def test_a_cancelled_sound_kills_its_player(tmp_path, monkeypatch, wav):
    monkeypatch.setenv("PIDS", str(tmp_path / "pids"))
    player = ProcessPlayer([sys.executable, "-c", HANGS])
    task = asyncio.create_task(player.play(wav, 10**9, 2.0))
    pids = await asyncio.to_thread(_pids, tmp_path / "pids")
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await _until_dead(pids)


async def test_stop_all_kills_every_player_at_once(tmp_path, monkeypatch, wav):
    monkeypatch.setenv("PIDS", str(tmp_path / "pids"))
    player = ProcessPlayer([sys.executable, "-c", HANGS])
    task = asyncio.create_task(player.play(wav, 0, 2.0))
    pids = await asyncio.to_thread(_pids, tmp_path / "pids")
    player.stop_all()
    await _until_dead(pids)
    assert await task == NotPlayed("the player was stopped by signal 9")


async def test_the_real_child_reports_the_player_that_played(players, wav):
    install, calls = players
    install("pw-play")
    assert await ProcessPlayer().play(wav, 0, 0.1) == Played("pw-play")
    assert calls()[0]["argv"] == ["pw-play", str(wav)]


async def test_the_real_child_reports_why_nothing_played(players, wav, monkeypatch, tmp_path):
    install, _calls = players
    install("paplay")
    monkeypatch.setenv("FAKE_PAPLAY", "fail")
    assert await ProcessPlayer().play(wav, 0, 0.1) == NotPlayed("paplay: paplay says no")
    assert await ProcessPlayer().play(tmp_path / "gone.wav", 0, 0.1) == NotPlayed(
        "the sound file is missing"
    )


async def test_the_child_says_why_in_the_partners_language(players, wav, tmp_path):
    silent_failure = tmp_path / "bin" / "paplay"
    silent_failure.write_text("#!/bin/sh\nexit 3\n")
    silent_failure.chmod(0o755)
    i18n.set_language("nl")
    assert await ProcessPlayer().play(wav, 0, 0.1) == NotPlayed("paplay: afsluitcode 3")


async def test_never_a_shell(monkeypatch, wav, tmp_path):
    seen = []
    real = asyncio.create_subprocess_exec

    async def exec_(*argv, **kwargs):
        seen.append((argv, kwargs))
        return await real(*argv, **kwargs)

    async def shell(*args, **kwargs):
        raise AssertionError("a shell was used")

    monkeypatch.setattr(asyncio, "create_subprocess_exec", exec_)
    monkeypatch.setattr(asyncio, "create_subprocess_shell", shell)
    monkeypatch.chdir(tmp_path)
    result = await ProcessPlayer().play(Path("x; touch pwned"), 0, 0.1)
    assert result == NotPlayed("the sound file is missing")
    ((argv, kwargs),) = seen
    assert argv[:3] == (sys.executable, "-m", "focustimer.sound.player")
    assert argv[-1] == "x; touch pwned" and "shell" not in kwargs
    assert kwargs["stdin"] == kwargs["stdout"] == subprocess.DEVNULL
    assert not (tmp_path / "pwned").exists()


async def test_a_player_that_cannot_start_or_dies_is_reported():
    missing = ProcessPlayer(["/nonexistent/python"])
    assert (await missing.play(Path("x.wav"), 0, 0.1)).reason.startswith(
        "could not start the player:"
    )
    suicide = f"import os, signal; os.kill(os.getpid(), {int(signal.SIGKILL)})"
    dies = ProcessPlayer([sys.executable, "-c", suicide])
    assert await dies.play(Path("x.wav"), 0, 0.1) == NotPlayed("the player was stopped by signal 9")


def test_unexpected_output_is_reported_as_it_is():
    assert launcher._result(1, "Traceback...\nValueError: boom\n") == NotPlayed(
        "the player failed: ValueError: boom"
    )
    assert launcher._result(3, "") == NotPlayed("the player failed: exit status 3")
