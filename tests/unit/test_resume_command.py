"""`focustimer resume` on the command line: nothing to resume, bad arguments, the options."""

from __future__ import annotations

import time

from focustimer.cli.launch import resume_options
from focustimer.cli.main import main
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan
from focustimer.log import Recorder, Store, find_cut_off
from focustimer.settings.locations import log_path
from focustimer.settings.options import Options


def cut_off_now(names=("Ann", "Bob"), total_s=3600):
    clock = FakeClock(wall_s=time.time() - 120)
    engine = Engine(Plan(total_s * NS, names), clock, auto=True, even_out=False)
    recorder = Recorder(engine.clock, log_path())
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    clock.advance(30)
    recorder.heartbeat()
    assert recorder.flush(timeout=30)
    recorder.close()
    with Store.open(log_path()) as store:
        return find_cut_off(store, time.time_ns())


def test_nothing_to_resume_is_one_line_and_exit_1(capsys):
    assert main(["resume"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "focustimer: nothing to resume: no session was cut off in the last 12 hours\n"


def test_nothing_to_resume_in_dutch(capsys):
    assert main(["resume", "--lang", "nl"]) == 1
    assert capsys.readouterr().err == (
        "focustimer: niets om te hervatten: de laatste 12 uur is er geen sessie afgebroken\n"
    )


def test_bad_arguments_are_one_line_and_exit_2(capsys):
    for argv in (["resume", "--bogus"], ["resume", "30"], ["resume", "--calm=yes"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "focustimer resume --help" in err, err


def test_a_session_to_resume_outside_a_terminal_is_refused_in_one_line(capsys):
    assert cut_off_now() is not None
    assert main(["resume"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_the_session_goes_on_by_its_own_rule_with_this_computers_settings():
    cut = cut_off_now(names=("Åsa", "bob"), total_s=4 * 60)
    base = Options(warn_ns=3 * 60 * NS, calm=True, mute=True, first="x", now=True)
    options = resume_options(base, cut)
    assert (options.names, options.total_ns) == (("Åsa", "bob"), 4 * 60 * NS)
    assert (options.auto, options.even_out, options.calm, options.mute) == (True, False, True, True)
    assert (options.first, options.now, options.at_wall_ns) == (None, False, None)
    assert (options.warn_ns, options.skipped_warn_ns) == (0, 3 * 60 * NS)  # too long for 2:00
