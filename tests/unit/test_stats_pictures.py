"""``focustimer stats`` as people see it: snapshots of its text, and its options."""

from __future__ import annotations

import json

import pytest

from focustimer.cli import stats
from focustimer.cli.main import main

from ..glance_logs import KINDS, NOW_NS, amsterdam, write_log


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    """Stats as on Wednesday 2026-11-18 at noon in Amsterdam, whenever the tests run."""
    monkeypatch.setattr(stats, "_now_ns", lambda: NOW_NS)
    with amsterdam():
        yield


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", KINDS)
def test_stats_text(kind, lang, width, monkeypatch, capsys, snapshot):
    write_log(kind)
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(["--lang", lang, "stats"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out  # piped: plain characters
    assert max(len(line) for line in out.splitlines()) <= width
    assert out == snapshot


def test_the_year_reads_as_the_issue_promises(capsys):
    write_log("year")
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    strip = lines[lines.index("Rhythm: the last 26 weeks") + 2 :][:7]
    assert [line[0] for line in strip] == list("MTWTFSS")
    assert strip[1].split()[1:27].count("·") < 26  # Tuesdays: sessions, shaded
    assert strip[0][2:].startswith("· " * 25)  # no Monday sessions all half-year
    assert "Usually Tuesday" in out and "around 19:00" in out
    assert "3 weeks in a row" in out  # this week and two before; then a three-week gap
    assert "Bob: received" in out and "received" in out and "more" in out


def test_dutch_initials_and_words(capsys):
    write_log("one")
    assert main(["--lang", "nl", "stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Ritme: de laatste 26 weken") + 2
    assert [line[0] for line in lines[start : start + 7]] == list("MDWDVZZ")
    assert any(
        line.startswith("Ann: gekregen 30:00, gegeven 30:00 · in evenwicht") for line in lines
    )


def test_colour_on_a_terminal_and_none_with_no_color(monkeypatch, capsys):
    write_log("one")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["stats"]) == 0
    coloured = capsys.readouterr().out
    assert "\x1b[32m" in coloured or "\x1b[1;32m" in coloured  # green shades
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["stats"]) == 0
    plain = capsys.readouterr().out
    assert "\x1b[3" not in plain and "\x1b[9" not in plain  # no colour, shapes stay
    assert "▓" in plain and "█" in plain


def test_partner_and_since_choose_the_sessions_as_on_log(capsys):
    write_log("group")
    assert main(["stats", "--json", "--partner", "DEE [/B]"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 1
    assert [p["name"] for p in data["partners"]] == ["Ann", "Dee [/b]"]
    assert main(["stats", "--json", "--since", "2026-11-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 3
    assert [d["date"] for d in data["days"]] == ["2026-11-03", "2026-11-10", "2026-11-17"]
    assert main(["stats", "--partner", " dee [/b]\x1b ", "--since", "2026-01-01"]) == 0
    assert capsys.readouterr().out == "No sessions match.\n"  # the escape is part of the name
    assert main(["stats", "--partner", " dee [/b] ", "--since", "2026-01-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(maxsplit=1) for line in out[:3]] == [
        ["With", "dee [/b]"],  # as typed, not read as markup
        ["Since", "2026-01-01"],
        ["Sessions", "1"],
    ]


def test_json_gives_each_partners_recent_balance(capsys):
    write_log("group")
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recent_since"] == "2026-09-28"  # the Monday seven weeks before this week's
    ann = next(p for p in data["partners"] if p["name"] == "Ann")
    # Groups: Ann's 65 minutes received; she gave half of each of the others' 120 minutes.
    assert ann["recent"] == {
        "sessions": 3,
        "received_seconds": 65 * 60,
        "given_seconds": 60 * 60,
        "difference_seconds": 5 * 60,
        "balanced": True,
    }
    assert ann["received_seconds"] == 95 * 60 and ann["given_seconds"] == 90 * 60


SINCE_FORMS = "--since takes a date like 2025-01-31 or 31-01-2025"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "last week"], f"{SINCE_FORMS}, not last week"),
        (["--since", "2026-02-30"], f"{SINCE_FORMS}, not 2026-02-30"),
        (["--weeks", "8"], "unknown option or extra argument --weeks 8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, message, capsys):
    assert main(["stats", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
