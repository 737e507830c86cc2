"""``focustimer sound-check`` as a person runs it: what it prints, and its exit status."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from focustimer.sound import backends


@pytest.fixture
def machine(tmp_path):
    """No sound server and only the stand-in players put in bin/ (none to start with)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    run = tmp_path / "run"
    run.mkdir()
    env = {
        **os.environ,
        "PATH": str(bin_dir),
        "XDG_RUNTIME_DIR": str(run),
        "FOCUSTIMER_SOUND": "auto",
    }
    env.pop("PULSE_SERVER", None)
    return env


def install(env, name: str, script: str = "exit 0") -> None:
    program = os.path.join(env["PATH"], name)
    with open(program, "w") as out:
        out.write(f"#!/bin/sh\n{script}\n")
    os.chmod(program, 0o755)


def sound_check(env, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "focustimer", "sound-check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )


def test_without_any_audio_device_one_line_says_so_and_nothing_else(machine):
    install(machine, "paplay", "echo 'Connection failure: Connection refused' >&2; exit 1")
    done = sound_check(machine)
    if backends.outputs(machine):
        reason = "no sound player here can reach the audio device"  # this machine has a card
    else:
        reason = "no audio device"
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"focustimer: {reason}: focustimer will ring the terminal bell instead\n"


def test_with_a_sound_server_it_names_the_player_and_plays(machine, tmp_path):
    (tmp_path / "run" / "pulse").mkdir()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "run" / "pulse" / "native"))
        server.listen()
        install(machine, "paplay")
        done = sound_check(machine)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Chime: paplay\nPlayed the chime with paplay: did you hear it?\n"


def test_when_the_player_fails_its_reason_is_the_one_line(machine, tmp_path):
    (tmp_path / "run" / "pulse").mkdir()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "run" / "pulse" / "native"))
        server.listen()
        install(machine, "paplay", "echo 'Stream error: Access denied' >&2; exit 1")
        done = sound_check(machine)
    assert done.returncode == 1
    assert done.stdout == "Chime: paplay\n"
    assert done.stderr == (
        "focustimer: paplay: Stream error: Access denied: "
        "focustimer will ring the terminal bell instead\n"
    )


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("off", "the sound is off (FOCUSTIMER_SOUND=off): focustimer plays nothing"),
        ("bell", "FOCUSTIMER_SOUND=bell: focustimer rings the terminal bell, it plays no sound"),
    ],
)
def test_the_sound_setting_is_honoured(machine, setting, said):
    done = sound_check({**machine, "FOCUSTIMER_SOUND": setting})
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"focustimer: {said}\n")


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        ((), {"FOCUSTIMER_SOUND": "loud"}, "FOCUSTIMER_SOUND=loud is not a choice"),
        (("--sound", "x; touch pwned"), {}, "--sound x; touch pwned: there is no such file"),
        (("--volume", "150"), {}, "--volume must be a whole number from 0 to 100"),
        (("--loud",), {}, "unknown option or extra argument --loud"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(machine, tmp_path, args, env, said):
    done = subprocess.run(
        [sys.executable, "-m", "focustimer", "sound-check", *args],
        capture_output=True,
        text=True,
        env={**machine, **env},
        cwd=tmp_path,
        timeout=30,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"focustimer: {said}") and done.stderr.count("\n") == 1
    assert not (tmp_path / "pwned").exists()


def test_it_checks_what_a_session_would_use_from_the_config_file(machine, isolated):
    path = isolated / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("volume = 0\n")
    done = sound_check({**machine, "FOCUSTIMER_CONFIG_DIR": str(path.parent)})
    assert (done.returncode, done.stderr) == (
        1,
        f"focustimer: the sound is off (volume = 0 in {path}): focustimer plays nothing\n",
    )
    path.write_text('sound = "bell"\n')
    env = {**machine, "FOCUSTIMER_CONFIG_DIR": str(path.parent)}
    del env["FOCUSTIMER_SOUND"]
    done = sound_check(env)
    assert done.stderr == (
        f'focustimer: sound = "bell" in {path}: focustimer rings the terminal bell, '
        "it plays no sound\n"
    )
    path.write_text('sound = "bell"\nvolume = 0\n')  # a session would not even ring the bell
    done = sound_check(env)
    assert done.stderr == (
        f"focustimer: the sound is off (volume = 0 in {path}): focustimer plays nothing\n"
    )
    done = sound_check({**env, "FOCUSTIMER_SOUND": "auto"})  # the environment wins
    assert "rings the terminal bell" not in done.stderr
