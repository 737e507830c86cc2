"""tools/trace_events.py: a real session's events, through the command line's listener hook."""

from __future__ import annotations

import json

import trace_events  # tools/trace_events.py (pytest's pythonpath)

from focustimer.cli import launch
from focustimer.cli import main as cli
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan


def test_trace_records_planned_and_handled_moments(tmp_path):
    path = tmp_path / "trace.jsonl"
    clock = FakeClock()
    engine = Engine(Plan(10 * NS, ("A", "B")), clock, auto=True)
    with path.open("a") as file:
        engine.subscribe(trace_events.Trace(file))
        engine.start()
        clock.advance(6)
        engine.tick()
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["event"] for r in records] == [
        "SessionStarted",
        "TurnStarted",
        "Timing",
        "TurnEnded",
        "TurnStarted",
        "Timing",
    ]
    assert records[3]["planned_ns"] - records[1]["planned_ns"] == 5 * NS
    assert all(isinstance(r["handled_ns"], int) for r in records)


def test_the_tool_hands_its_listener_to_every_session_and_takes_it_back(tmp_path, monkeypatch):
    seen = []

    def run_session(options, continuing=None):
        seen.append(list(launch.SESSION_LISTENERS))
        return 0

    monkeypatch.setattr(cli, "run_session", run_session)
    path = tmp_path / "trace.jsonl"
    assert trace_events.main([str(path), "30", "--names", "Ann", "Bob"]) == 0
    ((listener,),) = seen
    assert isinstance(listener, trace_events.Trace)
    assert launch.SESSION_LISTENERS == []  # the product itself adds none
    assert path.exists()


def test_without_a_file_it_says_how_to_use_it(capsys):
    assert trace_events.main([]) == 2
    assert capsys.readouterr().err.startswith("usage: python tools/trace_events.py FILE")
