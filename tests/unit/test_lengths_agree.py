"""One length, one text: a total shows the same wherever it is shown (any group, any total)."""

from __future__ import annotations

import math
import re
import shutil
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focustimer.cli.main import main
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan
from focustimer.log import Recorder
from focustimer.settings.locations import log_path
from focustimer.text import MS, count_up, difference, time_exact, time_spent, times_spent

from ..budget import examples

NAMES = ("Ann", "Bob", "Cas", "Dee", "Eve", "Fay", "Gus", "Hal")


def nearest_ms(ns: int) -> int:
    return math.floor(Fraction(ns, MS) + Fraction(1, 2)) * MS


@given(st.integers(min_value=0, max_value=48 * 3600 * NS), st.booleans())
def test_a_shown_length_depends_only_on_its_nearest_millisecond(ns, hours):
    ms = nearest_ms(ns)
    for show in (time_spent, time_exact, count_up):
        assert show(ns, hours=hours) == show(ms, hours=hours)
    assert times_spent([ns, ns], hours=hours) == times_spent([ms, ms], hours=hours)
    assert difference(ns, 0, hours=hours) == difference(ms, 0, hours=hours)


@settings(
    max_examples=examples(25),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    group=st.integers(min_value=2, max_value=8), seconds=st.integers(min_value=2, max_value=7200)
)
def test_log_and_stats_show_a_sessions_total_alike(capsys, group, seconds):
    """A session of any group split evenly, stored and read back: 9.999999999 s is 0:10."""
    shutil.rmtree(log_path().parent, ignore_errors=True)
    clock = FakeClock(1_795_000_000)
    engine = Engine(Plan(seconds * NS, NAMES[:group]), clock, auto=True)
    recorder = Recorder(engine.clock, log_path())
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    while engine.running:
        clock.advance(min(600, seconds / group + 0.25))
        engine.tick()
    assert recorder.close()
    capsys.readouterr()
    assert main(["log"]) == 0
    table = capsys.readouterr().out
    assert main(["stats"]) == 0
    shared = re.search(r"Time shared\s+(\S+)", capsys.readouterr().out)[1]
    planned = time_exact(seconds * NS)
    assert shared in (planned, planned + ".000")  # the whole session: every turn ran in full
    assert f" {planned} " in table
