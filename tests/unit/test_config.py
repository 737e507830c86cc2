"""config.toml: defaults people keep, checked key by key; the command line wins."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from focustimer.cli.main import main, parse_session
from focustimer.engine.clock import NS, FakeClock
from focustimer.settings import config_file as config
from focustimer.settings import locations
from focustimer.settings.options import Options
from focustimer.sound_choice import make_chime
from focustimer.usage import UsageError
from focustimer.visible import visible

from ..budget import examples
from ..hostile import hostile_text


@pytest.fixture
def config_file(isolated):
    path = locations.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_config_dir_follows_the_environment_override(isolated):
    assert locations.config_path() == isolated / "config" / "config.toml"


def test_no_file_means_the_built_in_defaults(config_file):
    assert config.load() == Options()


def test_every_setting_is_applied(config_file):
    config_file.write_text(
        'duration = "1h30m"\nnames = ["Ann", "Bob", "Cas"]\nauto = true\nwarn = 2\n'
        'even_out = false\ncalm = true\nsound = "bell"\nvolume = 70\nlang = "nl"\n'
    )
    options = config.load()
    assert options.total_ns == 90 * 60 * NS
    assert options.names == ("Ann", "Bob", "Cas")
    assert options.auto and options.calm and not options.even_out
    assert options.warn_ns == 120 * NS
    assert options.sound_mode == "bell" and options.volume == 70 and options.lang == "nl"


def test_sound_may_be_a_file(config_file):
    config_file.write_text('sound = "~/bell.wav"\n')
    options = config.load()
    assert options.sound_mode == "auto" and options.sound_file.endswith("/bell.wav")
    assert "~" not in options.sound_file


def test_duration_as_a_number_means_minutes(config_file):
    config_file.write_text("duration = 45\n")
    assert config.load().total_ns == 45 * 60 * NS


def test_the_command_line_wins_over_the_file(config_file):
    config_file.write_text('duration = 45\nnames = ["Ann", "Bob"]\nauto = true\ncalm = true\n')
    options = parse_session(["20", "--no-auto", "--no-calm"], config.load())
    assert options.total_ns == 20 * 60 * NS and not options.auto and not options.calm
    assert options.names == ("Ann", "Bob")  # not given on the command line: the file's


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("volume = [\n", "fix the file"),
        ("volum = 3\n", "unknown setting 'volum': the settings are duration, names"),
        ('volume = "loud"\n', "'volume' must be a whole number from 0 to 100, not 'loud'"),
        ("volume = 101\n", "'volume' must be a whole number from 0 to 100"),
        ('auto = "yes"\n', "'auto' must be true or false, not 'yes'"),
        ('duration = "forever"\n', "'duration' 'forever' is not a duration: type minutes like 30"),
        ("duration = []\n", '\'duration\' must be a duration like "30" or "1h30m"'),
        ("duration = 0\n", "'duration' the session needs some time"),
        ('names = "Ann Bob"\n', "'names' must be a list of names"),
        ('names = ["Ann"]\n', "'names' takes 2 to 8 names, you gave 1"),
        ('names = ["Ann", "Ann"]\n', "'names' names 'Ann' twice"),
        ('lang = "fr"\n', "'lang' must be one of en, nl, not 'fr'"),
        ('warn = "soon"\n', "'warn' must be minutes before the turn ends"),
        ('sound = ""\n', "'sound' must be auto, bell, off, or the path of a WAV file"),
        ("\xff\xfe", "cannot read it"),
        pytest.param(
            "volume = " + "1" * 5000 + "\n",
            "a number in it has thousands of digits: fix the file",
            id="a-5000-digit-number",
        ),
    ],
)
def test_a_bad_file_is_one_line_naming_file_and_key(config_file, capsys, content, says):
    if content.startswith("\xff"):
        config_file.write_bytes(b"\xff\xfe\x00bad")
    else:
        config_file.write_text(content)
    assert main(["30"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"focustimer: {config_file}: ")
    assert says in err


def test_config_command_shows_the_effective_settings_and_their_source(config_file, capsys):
    config_file.write_text('duration = "1h30m"\nvolume = 70\n')
    assert main(["config"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Settings file: {config_file}"
    assert 'duration = "90"  # from the file' in out
    assert "volume = 70  # from the file" in out
    assert "auto = false  # default" in out
    assert 'lang = "en"  # from the environment' in out


def test_config_output_can_be_read_back(config_file, capsys):
    config_file.write_text('duration = "1h30m"\nwarn = "30s"\n')
    main(["config"])
    printed = "\n".join(line.split("  #")[0] for line in capsys.readouterr().out.splitlines()[1:])
    config_file.write_text(printed + "\n")
    options = config.load()
    assert options.total_ns == 90 * 60 * NS and options.warn_ns == 30 * NS


def test_init_writes_a_commented_example_that_loads_as_the_defaults(config_file, capsys):
    config_file.unlink(missing_ok=True)
    assert main(["config", "--init"]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert config.load() == Options()
    text = config_file.read_text()
    for key in config.KEYS:
        assert f"# {key} = " in text
    # Every example line, uncommented, is itself a valid setting.
    config_file.write_text("\n".join(line[2:] for line in text.splitlines() if " = " in line))
    assert replace(config.load(), from_file=frozenset()) == Options()


def test_init_never_overwrites(config_file, capsys):
    config_file.write_text("volume = 50\n")
    assert main(["config", "--init"]) == 2
    assert "exists already" in capsys.readouterr().err
    assert config_file.read_text() == "volume = 50\n"


def test_warn_0_on_the_command_line_turns_off_the_cue_the_file_asks_for(config_file):
    config_file.write_text("warn = 2\n")
    assert config.load().warn_ns == 120 * NS
    assert parse_session(["30", "--warn", "0"], config.load()).warn_ns == 0
    assert parse_session(["30", "--warn", "off"], config.load()).warn_ns == 0


def test_a_warning_from_the_file_that_does_not_fit_is_skipped_for_this_session(config_file):
    config_file.write_text("warn = 2\n")
    options = parse_session(["4"], config.load())  # 2:00 turns: a cue at 2:00 cannot fit
    assert options.warn_ns == 0 and options.skipped_warn_ns == 120 * NS
    options = parse_session(["10"], config.load())  # 5:00 turns: it fits, as always
    assert options.warn_ns == 120 * NS and options.skipped_warn_ns == 0


def test_a_warning_typed_that_does_not_fit_is_refused_naming_warn(config_file):
    config_file.write_text('warn = 1\nduration = "4"\n')
    with pytest.raises(UsageError) as refused:
        parse_session(["--warn", "3"], config.load())
    assert str(refused.value) == (
        "--warn 3:00 must come within each turn (2:00): give fewer minutes, or --warn 0"
    )


def test_a_file_whose_warning_does_not_fit_its_own_duration_still_starts(config_file):
    config_file.write_text('warn = 5\nduration = "10"\n')
    options = parse_session([], config.load())
    assert options.warn_ns == 0 and options.skipped_warn_ns == 5 * 60 * NS


def test_what_the_file_turned_off_is_said_to_come_from_the_file(config_file):
    config_file.write_text('volume = 0\nsound = "~/no-such-bell.wav"\n')
    with pytest.raises(UsageError) as refused:
        make_chime(config.load(), FakeClock(), environ={})
    bell = config_file.parent.parent / "no-such-bell.wav"  # ~ is the test's home
    assert str(refused.value) == f'{config_file}: sound = "{bell}": there is no such file'
    with pytest.raises(UsageError, match=r"^--sound other\.wav: there is no such file$"):
        make_chime(parse_session(["--sound", "other.wav"], config.load()), FakeClock())
    config_file.write_text("volume = 0\n")
    chime = make_chime(config.load(), FakeClock(), environ={})
    assert chime.describe() == f"Sound off (volume = 0 in {config_file})"
    chime = make_chime(parse_session(["--volume", "0"], config.load()), FakeClock(), environ={})
    assert chime.describe() == "Sound off (--volume 0)"


def test_a_bell_the_file_asks_for_is_said_to_come_from_the_file(config_file):
    config_file.write_text('sound = "bell"\n')
    chime = make_chime(config.load(), FakeClock(), environ={})
    assert chime.describe() == f'Chime: terminal bell (sound = "bell" in {config_file})'
    chime = make_chime(config.load(), FakeClock(), environ={"FOCUSTIMER_SOUND": "bell"})
    assert chime.describe() == "Chime: terminal bell (FOCUSTIMER_SOUND=bell)"


def test_the_config_dir_override_may_start_with_a_tilde(isolated, monkeypatch):
    monkeypatch.setenv("FOCUSTIMER_CONFIG_DIR", "~/settings")
    assert locations.config_path() == isolated / "settings" / "config.toml"


def test_settings_and_log_share_one_folder_on_windows_as_the_readme_says(isolated, monkeypatch):
    """%LOCALAPPDATA%\\focustimer\\ for both: not focustimer\\focustimer\\ for the settings."""
    import platformdirs
    from platformdirs import windows

    monkeypatch.delenv("FOCUSTIMER_CONFIG_DIR")
    monkeypatch.delenv("FOCUSTIMER_DATA_DIR")
    monkeypatch.setattr(platformdirs, "PlatformDirs", windows.Windows)
    monkeypatch.setattr(windows, "get_win_folder", lambda _csidl: "C:/Users/ann/AppData/Local")
    folder = Path("C:/Users/ann/AppData/Local/focustimer")
    assert (locations.config_dir(), locations.data_dir()) == (folder, folder)


@pytest.mark.parametrize(
    ("env", "argv", "said"),
    [
        ({"FOCUSTIMER_DATA_DIR": "~nosuchuser/log"}, ["log"], "FOCUSTIMER_DATA_DIR=~nosuchuser"),
        ({"FOCUSTIMER_DATA_DIR": "~nosuchuser/log"}, ["stats"], "FOCUSTIMER_DATA_DIR=~nosuchuser"),
        (
            {"FOCUSTIMER_CONFIG_DIR": "~nosuchuser/c"},
            ["config"],
            "FOCUSTIMER_CONFIG_DIR=~nosuchuser",
        ),
        ({}, ["sound-check", "--sound", "~nosuchuser/bell.wav"], "--sound ~nosuchuser/bell.wav"),
    ],
)
def test_a_home_that_does_not_exist_is_one_line(env, argv, said, monkeypatch, capsys):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FOCUSTIMER_SOUND", "auto")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"focustimer: {said}") and err.count("\n") == 1
    assert "there is no home folder for nosuchuser here: give the full path" in err


def test_a_sound_file_in_a_home_that_does_not_exist_names_the_setting(config_file, capsys):
    config_file.write_text('sound = "~nosuchuser/bell.wav"\n')
    assert main(["config"]) == 2
    said = "config.toml: 'sound' ~nosuchuser/bell.wav: there is no home folder for nosuchuser"
    assert said in capsys.readouterr().err


def test_a_theme_from_the_file_and_the_themes_listed(config_file, capsys):
    config_file.write_text('theme = "solarized-light"\n')
    assert config.load().theme == "solarized-light"
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert 'theme = "solarized-light"  # from the file' in out
    assert "# themes: textual-dark, textual-light, nord" in out
    config_file.write_text('theme = "paper"\n')
    with pytest.raises(config.ConfigError, match="'theme' paper is not a theme: choose one of"):
        config.load()


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=hostile_text.filter(str.strip))
def test_config_shows_names_as_typed_with_no_invisible_character(config_file, capsys, name):
    # A right-to-left override or an escape in a name must not turn the listing around.
    config_file.write_text(f'names = [{json.dumps(name)}, "Bob"]\n')
    capsys.readouterr()
    if main(["config"]) != 0:
        return  # a name the file may not hold is refused in one line, tested elsewhere
    out = capsys.readouterr().out
    assert out == visible_lines(out)
    line = next(line for line in out.splitlines() if line.startswith("names = "))
    listed = line.split("  #")[0].removeprefix("names = ")
    assert json.loads(listed)[0] == config.load().names[0]  # as the file takes it back


def visible_lines(out: str) -> str:
    return "\n".join(visible(line) for line in out.split("\n"))
