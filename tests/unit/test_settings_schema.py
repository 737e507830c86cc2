"""One table of settings: a value means the same, and is refused in the same words, whether it
was typed after its option or written in config.toml."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focustimer.cli.main import parse_session
from focustimer.settings import config_file as config
from focustimer.settings import locations
from focustimer.settings.config_file import ConfigError
from focustimer.settings.options import Options
from focustimer.settings.schema import IN_FILE, SETTINGS, Form
from focustimer.usage import UsageError

from ..budget import examples

ROOT = Path(__file__).resolve().parents[2]
# Settings taking one value after their option, and a key in config.toml.
BOTH = [s.name for s in SETTINGS if s.in_file and s.form is Form.VALUE and s.name != "lang"]
TYPED_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12
) | st.sampled_from(["0", "off", "2", "30s", "1h", "0.001", "80%", "101", "-3", "bell", "nord"])


def _from_flag(name: str, text: str) -> tuple[str, object]:
    try:
        # --relay is for a linked session: typed alone it is refused (a rule across settings)
        link = ["--link"] if name == "relay" else []
        options = parse_session(["30", *link, f"--{name.replace('_', '-')}={text}"])
    except UsageError as refused:
        return "refused", str(refused).split(" ", 1)[1]
    return "taken", _fields(options)


def _from_file(path: Path, name: str, value: object) -> tuple[str, object]:
    path.write_text(f"{name} = {json.dumps(value, ensure_ascii=False)}\n", encoding="utf-8")
    try:
        options = config.load(path)
    except ConfigError as refused:
        return "refused", str(refused).split(f"'{name}' ", 1)[1]
    # The file's value must also survive the session's own checks, as the flag's did.
    with contextlib.suppress(UsageError):
        options = parse_session(["30"], options)
    return "taken", _fields(options)


def _fields(options: Options) -> dict[str, object]:
    left_out = ("from_file", "skipped_warn_ns", "link")
    return {k: v for k, v in vars(options).items() if k not in left_out}


@pytest.mark.parametrize("name", BOTH)
@settings(max_examples=examples(60))
@given(text=TYPED_TEXT)
def test_a_value_means_the_same_after_its_flag_and_in_the_file(name, text, tmp_path_factory):
    path = tmp_path_factory.mktemp("c") / "config.toml"
    flag, file = _from_flag(name, text), _from_file(path, name, text)
    if flag[0] == "refused" and file[0] == "taken":
        # Only a rule across settings may refuse what the file holds: a cue too long for the
        # 15:00 turns of `focustimer 30` is skipped when it comes from the file.
        assert name == "warn" and "must come within each turn" in str(flag[1])
        return
    assert flag == file


@pytest.mark.parametrize(
    ("name", "value", "typed"),
    [("volume", 70, "70"), ("warn", 2, "2"), ("warn", 0, "0"), ("warn", False, "off")],
)
def test_a_toml_number_or_boolean_means_what_the_flag_takes_as_text(name, value, typed, tmp_path):
    assert _from_file(tmp_path / "config.toml", name, value) == _from_flag(name, typed)


@given(count=st.integers(0, 10), width=st.integers(1, 45))
@settings(max_examples=examples(40))
def test_names_mean_the_same_on_the_command_line_and_in_the_file(count, width, tmp_path_factory):
    names = [f"P{i}".ljust(width, "x") for i in range(count)]
    path = tmp_path_factory.mktemp("c") / "config.toml"
    try:
        flag: tuple[str, object] = ("taken", parse_session(["30", "--names", *names]).names)
    except UsageError as refused:
        flag = ("refused", str(refused).removeprefix("--names "))
    if count == 0:
        return  # argparse wants at least one name after --names
    path.write_text(f"names = {json.dumps(names)}\n")
    try:
        file: tuple[str, object] = ("taken", config.load(path).names)
    except ConfigError as refused:
        file = ("refused", str(refused).split("'names' ", 1)[1])
    assert flag == file


def test_sound_bell_on_the_command_line_is_the_bell_as_in_the_file(tmp_path):
    options = parse_session(["--sound", "bell"])
    assert (options.sound_mode, options.sound_file) == ("bell", None)
    path = tmp_path / "config.toml"
    path.write_text('sound = "bell"\n')
    from_file = parse_session(["--sound", "~/chime.wav"], config.load(path))
    assert from_file.sound_mode == "auto" and from_file.sound_file.endswith("/chime.wav")


def test_the_example_lists_every_key_with_its_help_in_the_language_spoken(isolated, capsys):
    from focustimer import i18n
    from focustimer.cli.main import main

    i18n.set_language("nl")
    try:
        text = config.example()
    finally:
        i18n.set_language("en")
    assert text.startswith("# Instellingen van focustimer.")
    assert "# het belletje aan het einde van een beurt: auto" in text
    for setting in IN_FILE:
        assert f"\n# {setting.name} = " in text
    assert main(["config", "--init"]) == 0
    assert "# the turn-end chime: auto" in locations.config_path().read_text()


def test_init_over_a_file_says_so_in_one_line_and_leaves_it(isolated, capsys):
    from focustimer.cli.main import main

    path = locations.config_path()
    path.parent.mkdir(parents=True)
    path.write_text("volume = 50\n")
    assert main(["config", "--init"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"focustimer: {path} exists already: edit it, or remove it and run focustimer config"
        " --init\n"
    )
    assert path.read_text() == "volume = 50\n"


# -- adding a setting touches the table, its use, the README and the translations -----------


def _dutch() -> dict[str, str]:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    i18n_tool = pytest.importorskip("i18n", reason="tools/i18n.py needs Babel")
    return {m.id: m.string for m in i18n_tool.read("nl") if m.id and isinstance(m.id, str)}


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_can_be_given_is_explained_and_documented(setting):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert setting.commands or setting.in_file, "neither an option nor a config.toml key"
    assert setting.help.strip() and setting.describe().strip()
    assert _dutch().get(setting.help), f"no Dutch help for {setting.name}"
    if setting.commands and setting.form is not Form.POSITIONAL:
        assert re.search(rf"`{re.escape(setting.flag)}\b", readme), f"{setting.flag} not in README"
    if setting.in_file:
        assert re.search(rf"^{setting.name} = ", readme, re.M), f"{setting.name} not in README"
    if setting.in_file:
        assert setting.current is not None, "config lists it: it needs its current value"


def test_resume_takes_this_computers_settings_from_the_table():
    from focustimer.cli.resume import _parser

    args = _parser().parse_args(["--theme", "nord", "--no-calm", "--volume", "40"])
    assert (args.theme, args.calm, args.volume) == ("nord", False, "40")
    with pytest.raises(UsageError):
        _parser().parse_args(["--names", "Ann", "Bob"])  # the plan is the session's own


@given(
    seconds=st.integers(1, 24 * 3600),
    warn=st.integers(0, 3600),
    volume=st.integers(0, 100),
    names=st.lists(
        st.sampled_from(["Ann", "Bob", "Cas", "Åsa", "[/]"]), min_size=2, max_size=5, unique=True
    ),
    flags=st.fixed_dictionaries({"auto": st.booleans(), "calm": st.booleans()}),
)
@settings(max_examples=examples(60))
def test_what_config_shows_reads_back_as_the_same_settings(seconds, warn, volume, names, flags):
    from dataclasses import replace

    from focustimer.settings.schema import apply

    shown = replace(
        Options(),
        total_ns=seconds * 10**9,
        warn_ns=warn * 10**9,
        volume=volume,
        names=tuple(names),
        **flags,
    )
    read_back = Options()
    for setting in IN_FILE:
        read_back = apply(read_back, setting, setting.shown(shown), typed=False)
    assert replace(read_back, from_file=frozenset()) == shown
