"""Which language speaks: --lang, then the config file, then LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from focustimer import i18n
from focustimer.settings import locations


def run(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    return subprocess.run(
        [sys.executable, "-m", "focustimer", *argv],
        capture_output=True,
        text=True,
        env={**environment, **env},
        stdin=subprocess.DEVNULL,
        timeout=30,
    )


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "nl_NL.UTF-8"}, "nl"),
        ({"LC_ALL": "", "LANG": "nl_NL"}, "nl"),
        # GNU gettext's order: LANGUAGE first, a list, its first language we speak...
        ({"LANGUAGE": "nl", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"LANGUAGE": "fr:nl_BE:en", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANGUAGE": "en:nl", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:de", "LANG": "nl_NL.UTF-8"}, "en"),  # none of ours: untranslated
        ({"LANGUAGE": ":", "LANG": "nl_NL.UTF-8"}, "nl"),  # empty: the locale decides
        # ...except in the C locale, where gettext ignores LANGUAGE.
        ({"LANGUAGE": "nl"}, "en"),
        ({"LANGUAGE": "nl", "LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "nl", "LC_ALL": "POSIX", "LANG": "nl_NL.UTF-8"}, "en"),
    ],
)
def test_language_from_the_environment(environ, expected):
    assert i18n.choose_language(None, environ) == expected


def test_the_option_wins_over_the_environment():
    assert i18n.choose_language("en", {"LANG": "nl_NL.UTF-8"}) == "en"
    assert i18n.choose_language("nl", {"LANG": "en_GB.UTF-8"}) == "nl"


def test_one_call_decides_the_option_then_the_file_then_the_environment():
    dutch = {"LANG": "nl_NL.UTF-8"}
    assert i18n.choose_language(None, dutch, configured="en") == "en"
    assert i18n.choose_language("nl", {}, configured="en") == "nl"
    assert i18n.choose_language(None, dutch, configured=None) == "nl"


def test_help_in_dutch_from_lang():
    result = run("--help", LANG="nl_NL.UTF-8")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: focustimer")
    for words in ("Een timer voor gelijke beurten", "opties:", "voorbeelden:", "--names NAAM"):
        assert words in result.stdout
    assert "show this help" not in result.stdout


def test_bad_input_in_dutch_one_line_exit_2():
    result = run("abc", LANG="nl_NL.UTF-8")
    assert result.returncode == 2
    assert result.stderr == (
        "focustimer: 'abc' is geen tijdsduur: typ minuten zoals 30 of 12,5, of 45m, 90s, "
        "1u30, 1:30\n"
    )


def test_argparse_errors_in_dutch_too():
    result = run("--frobnicate", LANG="nl_NL.UTF-8")
    assert result.returncode == 2
    assert result.stderr == (
        "focustimer: onbekende optie of overbodig argument --frobnicate: zie focustimer --help\n"
    )


def test_lang_option_over_lang_variable():
    assert run("--lang", "en", "--help", LANG="nl_NL.UTF-8").stdout.startswith("usage:")
    assert run("--lang", "nl", "--help", LANG="en_GB.UTF-8").stdout.startswith("gebruik:")


def test_config_lang_over_the_environment(isolated):
    path = locations.config_path()
    path.parent.mkdir(parents=True)
    path.write_text('lang = "nl"\n')
    result = run("25h", LANG="en_GB.UTF-8")
    assert "is meer dan 24 uur" in result.stderr


def test_dutch_users_may_type_a_decimal_comma():
    result = run("12,5", "--names", "An", "Bart", LANG="nl_NL.UTF-8")
    assert "heeft een terminal nodig" in result.stderr  # the duration was accepted


def test_log_and_stats_speak_dutch(isolated):
    log = run("log", LANG="nl_NL.UTF-8")
    assert log.returncode == 0 and log.stdout.startswith("Nog geen sessies in het logboek")
    stats = run("stats", LANG="nl_NL.UTF-8")
    assert stats.returncode == 0 and stats.stdout.startswith("Nog geen sessies")


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "--lang", "nl"),
        ("--lang", "nl", "log"),
        ("log", "--lang=nl"),
        ("--lang=nl", "stats"),
        ("stats", "--lang", "nl"),
    ],
)
def test_lang_may_stand_before_or_after_a_subcommand(argv, isolated):
    result = run(*argv, LANG="en_GB.UTF-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nog geen sessies")


def test_lang_on_the_command_line_wins_over_the_file_for_subcommands_too(isolated):
    path = locations.config_path()
    path.parent.mkdir(parents=True)
    path.write_text('lang = "nl"\n')
    assert run("log").stdout.startswith("Nog geen sessies")
    assert run("log", "--lang", "en").stdout.startswith("No sessions logged yet")
    assert 'lang = "en"  # from --lang' in run("config", "--lang", "en").stdout.splitlines()


@pytest.mark.parametrize("argv", [("config", "--lang", "nl"), ("--lang", "nl", "config")])
def test_config_says_the_language_in_effect_is_the_one_lang_chose(argv, isolated):
    result = run(*argv, LANG="en_GB.UTF-8")
    assert result.returncode == 0, result.stderr
    assert 'lang = "nl"  # uit --lang' in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("--lang", "de"), "--lang must be one of en, nl, not 'de'"),
        (("30", "--lang", "de"), "--lang must be one of en, nl, not 'de'"),
        (("--lang", "de", "log"), "--lang must be one of en, nl, not 'de'"),
        (("log", "--lang", "de"), "--lang must be one of en, nl, not 'de'"),
        (("--lang=", "stats"), "--lang needs a language: one of en, nl, e.g. --lang nl"),
        (("--lang",), "--lang needs a language: one of en, nl, e.g. --lang nl"),
    ],
)
def test_an_unknown_language_gets_the_same_answer_wherever_it_stands(argv, says, isolated):
    result = run(*argv)
    assert (result.returncode, result.stderr) == (2, f"focustimer: {says}\n")


def test_the_last_lang_wins_everywhere(isolated):
    assert run("log", "--lang", "nl", "--lang", "en").stdout.startswith("No sessions logged yet")
    assert run("--lang", "en", "log", "--lang=nl").stdout.startswith("Nog geen sessies")
    assert run("--lang", "nl", "--lang", "en", "--help").stdout.startswith("usage:")


def test_an_unknown_language_for_a_subcommand_is_one_line():
    result = run("log", "--lang", "de")
    assert (result.returncode, result.stderr) == (
        2,
        "focustimer: --lang must be one of en, nl, not 'de'\n",
    )
    result = run("stats", "--lang")
    assert (result.returncode, result.stderr) == (
        2,
        "focustimer: --lang needs a language: one of en, nl, e.g. --lang nl\n",
    )
