"""A partner who joined late: the session screen and the finished screen say the same time."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine, State
from focustimer.engine.plan import Plan
from focustimer.text import spent_ms
from focustimer.tui.screens.finished import table_rows, verdict
from focustimer.tui.screens.session import joined_late

from ..budget import examples
from .test_text import seconds_of


@settings(max_examples=examples(150))
@given(
    total_s=st.integers(min_value=2, max_value=3 * 3600),
    group=st.integers(min_value=2, max_value=4),
    late=st.floats(min_value=0.001, max_value=0.999),
)
def test_the_late_time_is_shown_alike_and_adds_up(total_s, group, late):
    clock = FakeClock()
    engine = Engine(Plan(total_s * NS, ("Ann", "Bob", "Cas", "Dee")[:group]), clock, auto=True)
    engine.join(clock.wall_ns() - round(late * total_s * NS))
    on_session_screen = joined_late(engine.view().joined_ns, total_s * NS)
    while engine.state is not State.FINISHED:
        clock.advance(600)
        engine.tick()
    summary = engine.summary()
    said = re.search(r"joined (\S+) late", verdict(summary).plain)
    assert said is not None and said[1] == on_session_screen
    for turn, time, notes in table_rows(summary):
        missed = [re.match(r"(\S+) before joining", note) for note in notes]
        before = next((m[1] for m in missed if m), None)
        if turn.missed_ns == 0:
            assert before is None
            continue
        assert before is not None
        # What was missed and what was had here add up to the turn, as the verdict shows it.
        assert ("." in time) == ("." in before)  # one precision in a row
        whole = (seconds_of(time) + seconds_of(before)) * NS
        unit = NS // 1000 if "." in time else NS
        assert whole <= spent_ms(turn.whole_ns) < whole + unit
