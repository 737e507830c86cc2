from __future__ import annotations

import json

from focustimer import trace
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan


def test_trace_records_planned_and_handled_moments(tmp_path, monkeypatch):
    path = tmp_path / "trace.jsonl"
    monkeypatch.setenv("FOCUSTIMER_TRACE", str(path))
    listener = trace.from_environment()
    assert listener is not None
    clock = FakeClock()
    engine = Engine(Plan(10 * NS, ("A", "B")), clock, auto=True)
    engine.subscribe(listener)
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


def test_no_trace_without_the_variable_or_with_an_unwritable_path(tmp_path, monkeypatch):
    monkeypatch.delenv("FOCUSTIMER_TRACE", raising=False)
    assert trace.from_environment() is None
    monkeypatch.setenv("FOCUSTIMER_TRACE", str(tmp_path / "missing" / "dir" / "t.jsonl"))
    assert trace.from_environment() is None
