"""``focustimer log``: a real recorded session read back as a table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focustimer.cli.log import since_ns
from focustimer.cli.main import main
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan
from focustimer.history.export import CSV_COLUMNS
from focustimer.log import Recorder, Store
from focustimer.settings.locations import log_path

from ..budget import examples
from ..logs import T0, add, record

WALL_S = 1_795_000_000  # 2026-11-18 11:06:40 UTC, a Wednesday
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


@pytest.fixture
def utc_plus_one(monkeypatch):
    monkeypatch.setenv("TZ", "XXX-1")  # POSIX for UTC+1, no time zone database needed
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["--since", "0001-01-01"], 1),  # before any session: all of them
        (["--since", "1900-01-01"], 1),
        (["--since", "9999-12-31"], 0),  # past what the log's clock can hold: none
        (["--limit", "9" * 25], 1),  # more than could ever be stored: all
        (["--limit", "9" * 5000], 1),  # past int()'s 4300 digits too
        (["--limit", "0" * 5000 + "1"], 1),
    ],
    ids=["year-1", "year-1900", "year-9999", "25-digits", "5000-digits", "5000-zeros-then-1"],
)
def test_dates_and_limits_at_the_edges_are_answered_not_crashed_on(argv, shown, capsys):
    record_session()
    assert main(["log", "--json", *argv]) == 0
    assert len(json.loads(capsys.readouterr().out)) == shown


def record_session(names=("Ann", "Bob"), *, wall_s=WALL_S, note=None, finish=True, linked=None):
    """A 10-second session, run by the engine on a fake clock and saved by the recorder."""
    clock = FakeClock(wall_s)
    engine = Engine(Plan(10 * NS, names), clock)
    recorder = Recorder(engine.clock, log_path(), linked=linked)
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    clock.advance(2)
    engine.pause()
    clock.advance(30)
    engine.resume()
    clock.advance(3)
    engine.tick()
    clock.advance(1.5)  # Ann runs 1.5 s over; Bob gets 6.5 s
    engine.advance()
    if finish:
        clock.advance(6.5)
        engine.tick()  # the last chime ends the session
    else:
        clock.advance(2)
        engine.abort()
    if note:
        recorder.note(note)
    assert recorder.close()


def run_log(capsys, *args):
    code = main(["log", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_of_a_real_session_has_the_documented_shape_and_values(capsys, utc_plus_one):
    record_session(note="good one")
    code, out, err = run_log(capsys, "--json")
    assert code == 0 and err == ""
    (session,) = json.loads(out)
    assert set(session) == {
        "id",
        "started_at",
        "ended_at",
        "status",
        "planned_seconds",
        "paused_seconds",
        "pauses",
        "evened_out_seconds",
        "note",
        "linked",
        "turns",
    }
    assert session["linked"] is None  # a session on this computer alone
    assert isinstance(session["id"], int)
    assert session["started_at"] == "2026-11-18T12:06:40+01:00"
    assert session["ended_at"] == "2026-11-18T12:07:23+01:00"  # 13 s of turns, 30 s paused
    assert session["status"] == "finished"
    assert session["planned_seconds"] == 10.0
    assert session["paused_seconds"] == 30.0
    assert session["pauses"] == [
        {
            "start": "2026-11-18T12:06:42+01:00",
            "end": "2026-11-18T12:07:12+01:00",
            "turn": 1,
            "reason": "user",
        }
    ]
    assert session["evened_out_seconds"] == 1.5
    assert session["note"] == "good one"
    ann, bob = session["turns"]
    assert set(ann) == {
        "name",
        "order",
        "planned_seconds",
        "actual_seconds",
        "overrun_seconds",
        "started_at",
        "ended_at",
    }
    assert (ann["name"], ann["order"], bob["name"], bob["order"]) == ("Ann", 1, "Bob", 2)
    assert (ann["planned_seconds"], ann["actual_seconds"], ann["overrun_seconds"]) == (5, 6.5, 1.5)
    assert (bob["planned_seconds"], bob["actual_seconds"], bob["overrun_seconds"]) == (6.5, 6.5, 0)
    assert ann["started_at"] == session["started_at"]
    assert ann["ended_at"] == bob["started_at"] == "2026-11-18T12:07:16+01:00"
    assert bob["ended_at"] == session["ended_at"]
    for value in (session["started_at"], session["ended_at"], ann["ended_at"]):
        assert ISO.fullmatch(value)


def test_a_running_session_has_no_end_yet(capsys):
    clock = FakeClock(time.time())  # now: its heartbeat is fresh and this process alive
    engine = Engine(Plan(10 * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, log_path())
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    assert recorder.flush()
    (session,) = json.loads(run_log(capsys, "--json")[1])
    assert session["status"] == "running" and session["ended_at"] is None
    assert session["turns"][1]["started_at"] is None
    recorder.close()


def test_csv_has_one_row_per_partner(capsys):
    record_session(names=("Ann", "Bob, the second"))
    code, out, _err = run_log(capsys, "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and tuple(rows[0]) == CSV_COLUMNS
    assert [row[9] for row in rows[1:]] == ["Ann", "Bob, the second"]
    assert {row[3] for row in rows[1:]} == {"finished"}


def test_the_table_newest_first_with_partners_times_and_status(capsys, utc_plus_one):
    record_session(wall_s=WALL_S)
    record_session(names=("Cas", "Dee"), wall_s=WALL_S + 86400, finish=False, note="[b]x[/b]")
    code, out, _err = run_log(capsys)
    assert code == 0
    lines = [line for line in out.splitlines() if "2026" in line]
    assert "Thu 2026-11-19 12:06" in lines[0] and "aborted" in lines[0]
    assert "Cas 0:06" in lines[0] and "[b]x[/b]" in lines[0]  # notes are not markup
    assert "Wed 2026-11-18 12:06" in lines[1] and "finished" in lines[1]
    assert "Ann 0:06" in out and "0:30" in lines[1]


def test_filters(capsys):
    record_session(wall_s=WALL_S)
    record_session(names=("Cas", "Dee"), wall_s=WALL_S + 86400)
    partner = json.loads(run_log(capsys, "--json", "--partner", "cas")[1])
    assert [s["turns"][0]["name"] for s in partner] == ["Cas"]
    assert len(json.loads(run_log(capsys, "--json", "--since", "2026-11-19")[1])) == 1
    assert len(json.loads(run_log(capsys, "--json", "--limit", "1")[1])) == 1
    assert len(json.loads(run_log(capsys, "--json", "--limit", "0")[1])) == 2
    assert "No sessions match." in run_log(capsys, "--partner", "Eve")[1]


def test_an_empty_log_says_so_in_a_friendly_line(capsys):
    code, out, err = run_log(capsys)
    assert code == 0 and err == ""
    assert out.startswith("No sessions logged yet") and str(log_path()) in out
    assert out.count("\n") == 1
    assert run_log(capsys, "--json")[1] == "[]\n"


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--limit", "-1"], "--limit takes a number of sessions"),
        (["--limit", "lots"], "not lots"),
        (
            ["--since", "2025-02-30"],
            "--since takes a date like 2025-01-31 or 31-01-2025, not 2025-02-30",
        ),
        (["--since", "yesterday"], "not yesterday"),
        (["--json", "--csv"], "not allowed with"),
        (["--partner"], "expected one argument"),
        (["--verbose"], "unknown option"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(capsys, args, hint):
    code, out, err = run_log(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("focustimer: ") and hint in err


def test_an_unusable_data_dir_is_one_line_and_exit_1(capsys, monkeypatch, tmp_path):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("FOCUSTIMER_DATA_DIR", str(tmp_path / "a-file" / "data"))
    code, out, err = run_log(capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "cannot use" in err


def test_a_corrupted_log_is_moved_aside_and_said_in_one_line(capsys):
    path = log_path()
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(b"\x00garbage" * 1000)
    code, out, err = run_log(capsys)
    assert code == 0 and out.startswith("No sessions logged yet")
    assert err.count("\n") == 1 and "the session log was damaged: moved it to" in err
    (moved,) = path.parent.glob("sessions.db.corrupt-*")
    assert moved.read_bytes() == b"\x00garbage" * 1000
    with Store.open(log_path()) as store:
        assert store.count() == 0


def test_a_damaged_page_found_while_reading_is_reported_by_the_log_command(isolated, capsys):
    with Store.open(log_path()) as store:
        for i in range(300):
            add(store, record(start_ns=T0 + i * NS, note="x" * 200))
    path = log_path()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 40] = b"\xff" * (4096 * 37)  # tables' pages, not the header
    path.write_bytes(bytes(data))
    code = main(["log", "--limit", "0", "--json"])
    out, err = capsys.readouterr()
    assert code == 0  # what still reads is in the new log, and shown
    assert err.count("\n") == 1 and "the session log was damaged: moved it to" in err
    assert len(json.loads(out)) == int(re.search(r"the (\d+) sessions read from it", err)[1])
    assert list(path.parent.glob("sessions.db.corrupt-*"))
    assert main(["log"]) == 0 and capsys.readouterr().err == ""  # a sound log from then on


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("-1+1", "'-1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tTab", "'\\x09Tab"),
        ("Ann\x1b]2;owned\x07", "Ann\\x1b]2;owned\\x07"),
        ("A\x00nn", "A\\x00nn"),
    ],
)
def test_csv_cells_cannot_run_as_formulas_nor_drive_the_terminal(capsys, name, cell):
    record_session(names=(name, "Bob"), note="=1+1 \x1b[31mred")
    code, out, _err = run_log(capsys, "--csv")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\x00" not in out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][9] == cell and rows[2][9] == "Bob"
    assert rows[1][7] == "'=1+1 \\x1b[31mred"
    _code, data, _err = run_log(capsys, "--json")
    assert json.loads(data)[0]["turns"][0]["name"] == name  # JSON stays exact


def test_the_table_escapes_control_characters(capsys):
    record_session(names=("Ann\x1b]2;owned\x07", "Bob"), note="bell\x07")
    code, out, _err = run_log(capsys)
    assert code == 0 and "\x1b]" not in out and "\x07" not in out
    assert "Ann\\x1b]2;owned\\x07" in out.replace("\n", "") or "Ann\\x1b" in out


@pytest.mark.parametrize("day", ["2026-11-19", "19-11-2026"])
def test_since_takes_the_date_as_either_table_shows_it(capsys, utc_plus_one, day):
    record_session(wall_s=WALL_S)  # 2026-11-18
    record_session(wall_s=WALL_S + 86400)
    _code, out, _err = run_log(capsys, "--json", "--since", day)
    assert len(json.loads(out)) == 1


def test_one_session_is_counted_in_the_singular(capsys):
    record_session()
    _code, out, _err = run_log(capsys, "--limit", "1")
    assert "The newest 1 session is shown" in out


@settings(max_examples=examples(80), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=date(1971, 1, 1), max_value=date(2200, 12, 31)))
def test_since_takes_a_date_only_one_way(capsys, day):
    """2026-11-12 is one day; 12-11-2026 could be two, and is refused whatever the language."""
    midnight = int(datetime(day.year, day.month, day.day).astimezone().timestamp()) * NS
    assert since_ns(day.isoformat()) == midnight
    day_first = day.strftime("%d-%m-%Y")
    if day.day > 12 or day.day == day.month:  # only one way to read it
        assert since_ns(day_first) == midnight
        return
    capsys.readouterr()
    code, out, err = run_log(capsys, "--since", day_first)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert day.isoformat() in err and "YYYY-MM-DD" in err


def test_json_says_why_each_pause_was(capsys):
    clock = FakeClock(WALL_S)
    engine = Engine(Plan(600 * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, log_path())
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    clock.advance(10)
    engine.pause()
    clock.advance(5)
    engine.resume()
    engine.end_turn_early()  # Bob's turn
    clock.advance(10)
    engine.tick()
    clock.sleep(600)  # the lid closed
    clock.advance(1)
    engine.tick()
    engine.abort()
    assert recorder.close()
    (session,) = json.loads(run_log(capsys, "--json")[1])
    assert [(p["turn"], p["reason"]) for p in session["pauses"]] == [(1, "user"), (2, "sleep")]


def test_the_readme_explains_every_json_field(capsys):
    record_session(note="n")
    (session,) = json.loads(run_log(capsys, "--json")[1])
    fields = set(session)
    fields |= {f"turns[].{key}" for key in session["turns"][0]}
    fields |= {f"pauses[].{key}" for key in session["pauses"][0]}
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    table = set(re.findall(r"^\| `([^`]+)`(?:, `([^`]+)`)? \|", readme, re.MULTILINE))
    explained = {name for row in table for name in row if name}
    assert fields - explained == set()


@pytest.mark.parametrize("partner", ["Bob", "[/]", "\u202eboB", "b\x1bo"])
def test_a_linked_session_names_its_partner_exactly_as_typed(capsys, partner):
    record_session(("Ann", partner), linked=partner)
    code, out, _err = run_log(capsys, "--json")
    (session,) = json.loads(out)
    assert code == 0 and session["linked"] == partner
