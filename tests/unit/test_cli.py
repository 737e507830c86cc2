"""The command line: what it accepts, and one clear line for everything it refuses."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from focustimer import __version__
from focustimer.cli.main import UsageError, main, parse_session
from focustimer.engine.clock import NS


def test_defaults_are_an_hour_for_two_partners():
    options = parse_session([])
    assert options.total_ns == 60 * 60 * NS
    assert options.names == ("Partner A", "Partner B")
    assert not options.now and not options.auto and options.even_out


def test_a_full_command_line():
    options = parse_session(
        ["45m", "--names", "Ann", "Bob", "Cas", "--first", "Bob", "--now", "--auto"]
    )
    assert options.total_ns == 45 * 60 * NS
    assert options.names == ("Ann", "Bob", "Cas")
    assert options.first == "Bob" and options.now and options.auto


def test_sound_options():
    options = parse_session(["--mute", "--volume", "40%", "--sound", "bell.wav"])
    assert options.mute and options.volume == 40 and options.sound_file == "bell.wav"
    assert parse_session([]).volume == 100


def test_fairness_options():
    options = parse_session(["30", "--warn", "2", "--calm", "--no-even-out"])
    assert options.warn_ns == 120 * NS and options.calm and not options.even_out


AT_NOW = datetime(2026, 11, 22, 20, 5, 0).astimezone()


def test_at_is_a_whole_second_within_half_a_day():
    options = parse_session(["--at", "23:59:59"], now=AT_NOW)
    assert options.at_wall_ns == int(AT_NOW.replace(hour=23, minute=59, second=59).timestamp()) * NS


def test_at_a_time_passed_within_the_session_joins_it():
    options = parse_session(["60", "--auto", "--at", "19:30"], now=AT_NOW)
    assert options.at_wall_ns == int(AT_NOW.replace(hour=19, minute=30).timestamp()) * NS


@pytest.mark.parametrize(
    ("argv", "end"),
    [
        (["60", "--at", "19:05"], "20:05:00"),  # ended the very second
        (["30", "--at", "19:30"], "20:00:00"),
        (["--at", "9:00"], "10:00:00"),  # the duration from the defaults (or config.toml)
    ],
)
def test_at_a_session_that_would_have_ended_already_is_one_line(argv, end, capsys):
    with pytest.raises(UsageError) as refused:
        parse_session(argv, now=AT_NOW)
    assert str(refused.value) == (
        f"--at {argv[-1].zfill(5)}:00: that session would have ended at {end} (it is 20:05:00 "
        "now): give a later time, or leave out --at"
    )


@pytest.mark.parametrize("first", ["ann", "ANN", " Ann "])
def test_first_is_a_person_whatever_the_case_and_is_shown_as_in_names(first):
    options = parse_session(["--names", "Ann", "Bob", "--first", first])
    assert options.first == "Ann"


def test_names_keep_the_case_they_were_typed_in():
    assert parse_session(["--names", "ann", "BOB"]).names == ("ann", "BOB")


def test_names_are_trimmed():
    assert parse_session(["30", "--names", " Ann ", "Bob"]).names == ("Ann", "Bob")


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["abc"], "is not a duration"),
        (["0"], "needs some time"),
        (["25h"], "more than 24 hours"),
        (["--frobnicate"], "unknown option"),
        (["30", "extra"], "unknown option or extra argument extra"),
        (["--names", "Ann"], "--names takes 2 to 8 names, you gave 1"),
        (["--names", *"abcdefghi"], "you gave 9"),
        (["--names", "Ann", "Ann"], "--names names 'Ann' twice"),
        (["--names", "Ann", " "], "--names has an empty name"),
        (["--names", "Ann", "x" * 41], "which is too long"),
        (["--names", "Ann", "Bob", "30"], "looks like a duration: put it before --names"),
        (["--names", "Ann", "Bob", "--first", "Cas"], "--first Cas is not among the names"),
        (["--first"], "expected one argument"),
        (["lgo"], "did you mean focustimer log?"),
        (["--volume", "101"], "--volume must be a whole number from 0 to 100"),
        (["--volume", "loud"], "not 'loud'"),
        (["--warn", "soon"], "--warn must be minutes before the turn ends, like 2"),
        (["30", "--warn", "15"], "--warn 15:00 must come within each turn (15:00)"),
        (["--names", "Ann", "ann"], "--names names 'ann' twice"),  # one person twice
        (["--names", "Åsa", "A\u030asa"], "--names names 'A\u030asa' twice"),
        (["--at", "7pm"], "--at takes a time of day like 19:30"),
        (["--at", "23:59", "--now"], "--at and --now cannot go together"),
        (["--lang", "fr"], "--lang must be one of en, nl, not 'fr'"),
    ],
)
def test_bad_input_is_one_line_saying_what_to_do(argv, hint, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("focustimer: ")
    assert hint in err


def test_control_characters_in_input_do_not_reach_the_terminal(capsys):
    assert main(["--names", "A\x1b[2J", "A\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "A\\x1b[2J" in err


def test_usage_error_is_raised_for_the_tui_to_never_start():
    with pytest.raises(UsageError):
        parse_session(["--names", "Ann"])


def test_without_a_terminal_it_says_so_and_exits_2():
    result = subprocess.run(
        [sys.executable, "-m", "focustimer", "1m"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "focustimer: focustimer needs a terminal: run it in a terminal window "
        "(focustimer log works anywhere)"
    )
    assert "Traceback" not in result.stderr


def test_version_and_help_through_python_dash_m():
    version = subprocess.run(
        [sys.executable, "-m", "focustimer", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.strip() == f"focustimer {__version__}"
    helped = subprocess.run(
        [sys.executable, "-m", "focustimer", "--help"], capture_output=True, text=True
    )
    assert helped.returncode == 0
    assert "focustimer 1h --names Ann Bob" in helped.stdout
    assert "durations: 30 (minutes)" in helped.stdout


def focustimer(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "focustimer", *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
        timeout=30,
    )


@pytest.mark.parametrize(
    "asks", [["--help"], ["-h"], ["--version"], ["-V"], ["help"], ["30", "-V"]]
)
def test_help_and_version_never_read_the_config_file(isolated, asks):
    config = isolated / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("names = = broken\n")
    done = focustimer(*asks)
    assert (done.returncode, done.stderr) == (0, "")
    assert "focustimer" in done.stdout


def test_dash_v_is_the_version():
    assert focustimer("-V").stdout == f"focustimer {__version__}\n"


def test_help_as_a_word_is_the_help():
    assert focustimer("help").stdout == focustimer("--help").stdout
    log_help = focustimer("help", "log")
    assert log_help.returncode == 0 and log_help.stdout == focustimer("log", "--help").stdout


@pytest.mark.parametrize("warn", ["0.01", "0.001", " 0.01 "])
def test_a_warning_under_a_second_is_called_that(warn):
    with pytest.raises(UsageError) as caught:
        parse_session(["30", "--warn", warn])
    assert str(caught.value) == (
        f"--warn {warn.strip()} is under a second ({warn.strip()} minutes): give at least 1s, "
        "e.g. 1 for a minute or 30s"
    )


def test_a_theme_is_one_of_textuals():
    assert parse_session(["30", "--theme", "textual-light"]).theme == "textual-light"
    assert parse_session(["30"]).theme == "textual-dark"
    with pytest.raises(UsageError) as caught:
        parse_session(["30", "--theme", "paper"])
    message = str(caught.value)
    assert message.startswith("--theme paper is not a theme: choose one of textual-dark, ")
    assert "textual-light" in message and "\n" not in message
