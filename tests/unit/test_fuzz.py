"""Bad input, fuzzed: whatever is typed or written in config.toml, the answer is exit 0 or 2,
with at most one line on stderr and never a traceback."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focustimer.cli.main import main
from focustimer.settings import config_file as config
from focustimer.settings import locations

from ..budget import examples

OPTIONS = [
    "--names", "--first", "--now", "--at", "--auto", "--no-auto", "--even-out",
    "--no-even-out", "--calm", "--no-calm", "--warn", "--mute", "--sound", "--volume",
    "--lang", "--help", "--version", "--limit", "--partner", "--since", "--json", "--csv",
    "--init", "-h", "--", "-",
]  # fmt: skip
COMMANDS = ["log", "stats", "config"]
WORDS = ["30", "12.5", "1h30m", "1:30", "0", "-5", "25h", "Ann", "Bob", "en", "nl", "101", "2"]

weird_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60) | st.text(
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3
)
# Around int()'s limit of 4300 digits on converting text, in each form a duration takes.
long_digits = st.builds(
    lambda form, digit, n: form.format(digit * n),
    st.sampled_from(["{}", "{}m", "{}:00", "{}:00:00", "1:{}", "1h{}", "0:00:{}", "0.{}"]),
    st.sampled_from("019"),
    st.integers(4250, 5100),
)
# Values at the edges of what Python, the platform's time functions and SQLite can hold.
extreme = (
    st.dates().map(str)
    | st.integers(-(10**30), 10**30).map(str)
    | st.sampled_from(
        ["1" * 5000, "9" * 25, "0001-01-01", "9999-12-31", "1:" + "5" * 400, "~nosuchuser/x.wav"]
    )
    | long_digits
)
argument = st.sampled_from(OPTIONS + COMMANDS + WORDS) | weird_text | extreme | st.just("x" * 5000)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's --help and --version
        code = exit_.code if isinstance(exit_.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_clear_line(code: int, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("focustimer"), err
        assert "\x1b" not in err


@settings(
    max_examples=examples(400),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(argv=st.lists(argument, max_size=7))
def test_any_command_line(argv, capsys):
    code, _out, err = run(argv, capsys)
    assert_one_clear_line(code, err)


@settings(
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(command=st.sampled_from(COMMANDS), argv=st.lists(argument, max_size=5))
def test_any_subcommand_line(command, argv, capsys):
    code, _out, err = run([command, *argv], capsys)
    assert_one_clear_line(code, err)


toml_value = st.recursive(
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if value == value and abs(value) != float("inf") else "0"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    return "[" + ", ".join(_toml(v) for v in value) + "]"


settings_files = st.dictionaries(
    st.sampled_from([*config.KEYS, "volum", "colour"])
    | st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    toml_value,
    max_size=6,
).map(lambda d: "".join(f"{k} = {_toml(v)}\n" for k, v in d.items()))


# Past int()'s 4300-digit limit, which tomllib meets with a ValueError of its own.
long_number_files = st.builds(
    lambda key, sign, n: f"{key} = {sign}{'7' * n}\n",
    st.sampled_from(config.KEYS),
    st.sampled_from(["", "-", "+"]),
    st.integers(4250, 5100),
)


@settings(
    max_examples=examples(300),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=settings_files | long_number_files | st.text(max_size=200))
def test_any_config_file(content, capsys, isolated):
    path = locations.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    code, out, err = run(["config"], capsys)
    assert_one_clear_line(code, err)
    if code == 2:
        assert err.startswith(f"focustimer: {path}: "), err
    else:
        assert out.startswith("Settings file:")
