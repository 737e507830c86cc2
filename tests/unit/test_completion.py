"""``focustimer completion bash|zsh|fish``: scripts made from the real parsers, that complete."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from focustimer.cli.main import main


def script(shell: str, capsys) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def complete_in_bash(script_text: str, words: list[str], tmp_path) -> list[str]:
    """What bash offers after ``words`` (the last one being typed), with the script loaded."""
    (tmp_path / "completion.bash").write_text(script_text)
    array = " ".join(f"'{w}'" for w in words)
    probe = (
        f"source {tmp_path}/completion.bash\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}\n"
        f'COMP_LINE="${{COMP_WORDS[*]}}"; COMP_POINT=${{#COMP_LINE}}\n'
        "_shtab_focustimer focustimer\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash here")
def test_bash_completes_options_subcommands_themes_and_files(tmp_path, capsys):
    text = script("bash", capsys)
    assert "--theme" in complete_in_bash(text, ["focustimer", "--th"], tmp_path)
    assert "sound-check" in complete_in_bash(text, ["focustimer", "so"], tmp_path)
    themes = complete_in_bash(text, ["focustimer", "--theme", "textual-"], tmp_path)
    assert "textual-light" in themes and "nord" not in themes
    (tmp_path / "bell.wav").write_bytes(b"")
    assert "bell.wav" in complete_in_bash(text, ["focustimer", "--sound", "be"], tmp_path)
    assert complete_in_bash(text, ["focustimer", "log", "--si"], tmp_path) == ["--since"]


def test_zsh_gets_a_compdef_function(capsys):
    text = script("zsh", capsys)
    assert text.startswith("#compdef focustimer")
    assert "--theme" in text and "sound-check" in text


def test_fish_gets_complete_lines_from_the_same_parsers(capsys):
    lines = script("fish", capsys).splitlines()
    assert "complete -c focustimer -f" in lines
    assert any(" -l theme " in line and "textual-light" in line for line in lines)
    assert any(" -l sound " in line and "-r -F" in line for line in lines)
    assert any("-a sound-check" in line for line in lines)
    assert any("__fish_seen_subcommand_from log" in line and "-l since" in line for line in lines)
    if shutil.which("fish"):
        text = "\n".join(lines)
        done = subprocess.run(["fish", "-n"], input=text, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_an_unknown_shell_is_one_line_and_exit_2():
    done = subprocess.run(
        [sys.executable, "-m", "focustimer", "completion", "tcsh"], capture_output=True, text=True
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr == (
        "focustimer: completion is for bash, zsh or fish, not tcsh: "
        "e.g. focustimer completion bash\n"
    )
