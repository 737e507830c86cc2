"""The session log at its edges, each on a real SQLite file (issue 11's numbered failures).

Damage with the newest sessions in the -wal, another program's database, damage found only
on writing, names that are not text, symlinks and folders, a full disk (a real tmpfs),
zombies, case and clocks, reading that changes nothing, permissions, the heartbeat's bound.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focustimer.cli.main import main
from focustimer.engine.clock import NS, FakeClock
from focustimer.engine.machine import Engine
from focustimer.engine.plan import Plan
from focustimer.log import HEARTBEAT_NS, Recorder, SessionRecord, Store, TurnRecord
from focustimer.log.store import floor_div
from focustimer.settings.locations import log_path
from focustimer.settings.names import BadNames, check_names

from ..budget import examples
from ..logs import T0, add, moved_logs, record

ROOT = Path(__file__).parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("focustimer: ") and "Traceback" not in err


def session(path: Path | None = None, *, wall_s: float = 1_796_000_000.0, seconds: int = 6):
    """A whole session of two equal turns, recorded; the recorder, closed, and its clock."""
    clock = FakeClock(wall_s)
    engine = Engine(Plan(seconds * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, path or log_path())
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    for _turn in range(2):
        for _second in range(seconds // 2):
            clock.advance(1)
            engine.tick()
            recorder.heartbeat()
        engine.tick()  # the last chime ends the session by itself
        if _turn == 0:
            engine.advance()
    assert recorder.close()
    return recorder, clock


def private_data_dir() -> Path:
    path = log_path()
    path.parent.mkdir(parents=True, mode=0o700)
    return path


# -- 1. a damaged file moved aside keeps its -wal ------------------------------------------------

KILLED_WRITER = textwrap.dedent(
    """
    import os, signal
    from focustimer.log import Store
    from focustimer.settings.locations import log_path
    from tests.logs import record, T0
    store = Store.open(log_path())
    for i in range(20):
        store.begin_session(record(start_ns=T0 + i * 10**9), heartbeat_ns=T0)
    os.kill(os.getpid(), signal.SIGKILL)  # the newest sessions are in sessions.db-wal only
    """
)


def test_a_damaged_first_page_after_kill_9_loses_no_session_of_the_wal(isolated, capsys):
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER], cwd=ROOT, check=False)
    assert done.returncode == -signal.SIGKILL
    path = log_path()
    wal = path.with_name("sessions.db-wal")
    assert wal.stat().st_size > 0
    wal_bytes = wal.read_bytes()
    with open(path, "r+b") as file:
        file.write(b"\0" * 100)  # the header of the first page is gone
    damaged = path.read_bytes()

    code, out, err = run(capsys, "log", "--json", "--limit", "0")

    assert code == 0 and one_line(err)
    (moved,) = moved_logs(path)
    assert f"moved it to {moved}" in err and "the 20 sessions read from it are in the new" in err
    # The damaged copy is kept whole: its -wal beside it, under the same new name, untouched.
    assert moved.read_bytes() == damaged
    assert moved.with_name(moved.name + "-wal").read_bytes() == wal_bytes
    assert len(json.loads(out)) == 20


# -- 2. another program's SQLite file is never touched ------------------------------------------


def foreign_db(path: Path, how: str) -> Path:
    """A database of another program at ``path`` (or a symlink to one), mode 0644."""
    target = path if how != "symlink" else path.parent / "notes.sqlite"
    db = sqlite3.connect(target)
    if how == "other-application-id":
        db.execute("PRAGMA application_id = 1234")
        db.execute("PRAGMA user_version = 3")
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, x)")  # even our table names
    elif how == "newer-focustimer":
        db.close()
        with Store.open(target):
            pass
        db = sqlite3.connect(target)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA user_version = 99")
    else:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        db.execute("INSERT INTO notes (text) VALUES ('my own data')")
    db.commit()
    db.close()
    os.chmod(target, 0o644)
    if how == "symlink":
        path.symlink_to(target)
    return target


def files_at(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.name: (stat.S_IMODE(p.lstat().st_mode), p.read_bytes() if p.is_file() else b"")
        for p in folder.iterdir()
    }


@pytest.mark.parametrize(
    "how", ["other-tables", "other-application-id", "newer-focustimer", "symlink"]
)
def test_a_database_that_is_not_a_focustimer_log_is_left_byte_identical(isolated, capsys, how):
    path = private_data_dir()
    foreign_db(path, how)
    before = files_at(path.parent)

    code, out, err = run(capsys, "log")
    assert code == 1 and out == "" and one_line(err)
    code, out, err = run(capsys, "stats")
    assert code == 1 and out == "" and one_line(err)
    recorder, _clock = session()  # the session runs; it is not saved, and says so once

    expected = {
        "newer-focustimer": "newer focustimer",
        "symlink": "is not a regular file",  # never followed, whatever it points to
    }.get(how, "is not a focustimer log")
    assert expected in err and str(path) in err
    (problem,) = recorder.problems
    assert problem.startswith("This session will not be saved: ") and expected in problem
    assert files_at(path.parent) == before  # no table, no -wal, no chmod, nothing moved


def test_our_own_files_carry_our_application_id_and_old_logs_get_it(isolated):
    from focustimer.log.schema import APPLICATION_ID, MIGRATIONS, migrate

    path = private_data_dir()
    with Store.open(log_path()) as store:
        add(store, record())
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID
    old = path.with_name("old.db")
    db = sqlite3.connect(old, isolation_level=None)
    migrate(db, MIGRATIONS[:3])  # a log written before application_id existed
    db.close()
    with Store.open(old) as store:
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


# -- 3. damage found only on writing -----------------------------------------------------------


def damage_index(path: Path, index: str) -> None:
    """Overwrite one index's root page: reading the sessions still works, writing does not."""
    db = sqlite3.connect(path)
    (page,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.execute("PRAGMA journal_mode = DELETE")  # everything in the main file
    db.close()
    with open(path, "r+b") as file:
        file.seek((page - 1) * size)
        file.write(b"\xff" * size)


def test_damage_found_only_on_writing_moves_the_log_aside_and_saves_the_session(isolated, capsys):
    path = private_data_dir()
    with Store.open(log_path()) as store:
        for i in range(30):
            sid = add(store, record(start_ns=T0 + i * NS))
            store.save(sid, record(start_ns=T0 + i * NS), heartbeat_ns=T0, event=("X", T0, "{}"))
    damage_index(path, "events_by_session")
    code, out, err = run(capsys, "log", "--json", "--limit", "0")
    assert code == 0 and err == "" and len(json.loads(out)) == 30  # reading does not notice

    recorder, clock = session()
    (notice,) = recorder.problems  # one notice, not "will not be saved"
    assert not recorder.lost  # good news: the farewell says the session is saved
    (moved,) = moved_logs(path)
    assert notice.startswith(f"The session log was damaged: moved it to {moved}")
    assert notice.endswith("; this session is saved in the new log")
    recorder, _clock = session()  # and every later session is saved as well
    assert recorder.problems == []
    with Store.open(log_path()) as store:
        sessions = store.sessions(limit=None, now_ns=clock.wall_ns())
    assert [s.status for s in sessions[:2]] == ["finished", "finished"]
    assert [t.actual_ns for t in sessions[0].turns] == [3 * NS, 3 * NS]
    assert len(sessions) == 32  # the 30 that still read, and the two new ones


# -- 3b. a log a live timer writes is never moved from under it ----------------------------------

LIVE_TIMER = textwrap.dedent(
    """
    import sys
    from focustimer.log import Store
    from focustimer.settings.locations import log_path
    from tests.logs import record, T0
    start = T0 + 10**15  # after every made-up session: the newest
    store = Store.open(log_path())
    sid = store.begin_session(record(start_ns=start, status="running"), heartbeat_ns=start)
    print("writing", flush=True)
    sys.stdin.readline()
    store.save(sid, record(start_ns=start), heartbeat_ns=start + 1800 * 10**9, event=None)
    store.close()
    """
)


@contextmanager
def live_timer():
    """Another process writing a session to the log until the block ends."""
    timer = subprocess.Popen(
        [sys.executable, "-c", LIVE_TIMER],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert timer.stdout is not None and timer.stdout.readline() == "writing\n"
        yield
        timer.communicate("end\n", timeout=60)
        assert timer.returncode == 0
    finally:
        if timer.poll() is None:
            timer.kill()
            timer.wait()


def damage_a_leaf_page(path: Path) -> None:
    """As the reviewer did: 300 bytes of one leaf page of the sessions table overwritten."""
    with open(path, "r+b") as file:
        file.seek(10 * 4096 + 8)
        file.write(bytes(i * 37 % 256 for i in range(300)))


def test_a_reader_never_moves_aside_the_log_a_live_timer_writes(isolated, capsys):
    path = private_data_dir()
    made = [sys.executable, str(ROOT / "tools" / "synthetic.py"), "300", str(path)]
    subprocess.run(made, cwd=ROOT, check=True, capture_output=True)
    with live_timer():
        damage_a_leaf_page(path)
        for command in ("log", "stats"):
            code, out, err = run(capsys, command)
            assert code == 1 and out == "" and one_line(err), (command, err)
            assert f"the session log {path} is damaged: it will be moved aside" in err
            assert err.rstrip().endswith("when the running timer ends")
        assert moved_logs(path) == []  # the timer goes on writing where it always did
    # The timer has ended: now the log is moved aside, and its session is whole in the new one.
    code, out, err = run(capsys, "log", "--json", "--limit", "0")
    (moved,) = moved_logs(path)
    assert code == 0 and one_line(err) and f"moved it to {moved}" in err
    assert path.with_name("sessions.db.lock").exists()  # never moved with the log
    newest = json.loads(out)[0]
    assert newest["status"] == "finished"
    assert [t["actual_seconds"] for t in newest["turns"]] == [900, 900]


def test_a_second_timer_that_finds_the_log_damaged_leaves_it_to_the_first(isolated, capsys):
    path = private_data_dir()
    with Store.open(log_path()) as store:
        add(store, record())
    with live_timer():
        with open(path, "r+b") as file:
            file.write(b"\0" * 100)  # the header is gone: every opening finds it damaged
        before = path.read_bytes()
        recorder, _clock = session()  # this timer runs on, unsaved, and says so once
        (problem,) = recorder.problems
        assert problem.startswith("This session will not be saved: the session log ")
        assert problem.endswith("when the running timer ends")
        assert moved_logs(path) == [] and path.read_bytes() == before
    recorder, _clock = session()  # no timer writes it now: moved aside, and this one saved
    (notice,) = recorder.problems
    assert notice.startswith("The session log was damaged: moved it to")
    assert len(moved_logs(path)) == 1


def test_a_symlink_named_like_the_lock_file_is_never_followed(isolated, capsys):
    path = private_data_dir()
    target = path.with_name("notes.txt")
    target.write_text("mine")
    path.with_name("sessions.db.lock").symlink_to(target)
    recorder, _clock = session()  # the timer runs, unsaved, and says why once
    (problem,) = recorder.problems
    assert problem.startswith("This session will not be saved: ")
    assert "sessions.db.lock is not a regular file" in problem
    assert target.read_text() == "mine"


def test_without_fcntl_damage_is_moved_aside_as_before(isolated, capsys, monkeypatch):
    from focustimer.log import writers

    monkeypatch.setattr(writers, "fcntl", None)  # as on Windows: nothing can be locked
    path = private_data_dir()
    with Store.open(log_path()) as store:
        add(store, record())
        with open(path, "r+b") as file:
            file.write(b"\0" * 100)
        code, out, err = run(capsys, "log", "--json")
    assert code == 0 and one_line(err) and "moved it to" in err and len(json.loads(out)) == 1
    assert not path.with_name("sessions.db.lock").exists()


# -- 4. names that are not valid UTF-8 ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["10s", "--names", os.fsdecode(b"\xff\xfeX"), "Bob"],
        ["log", "--partner", os.fsdecode(b"\xff")],
        ["stats", "--partner", os.fsdecode(b"\xff")],
        ["stats", "--json", "--partner", os.fsdecode(b"\xff")],
    ],
)
def test_a_name_that_is_not_utf8_is_refused_in_one_line(isolated, capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and one_line(err)
    assert "not valid UTF-8" in err


@pytest.mark.parametrize("command", ["log", "stats"])
@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_partner_is_refused_in_one_line(isolated, capsys, command, name):
    code, out, err = run(capsys, command, "--partner", name)
    assert code == 2 and out == "" and one_line(err)
    assert "--partner needs a name: leave it out for every partner" in err
    assert not (isolated / "data").exists()


def test_a_name_that_is_not_utf8_in_config_is_refused_in_one_line(isolated, capsys):
    folder = isolated / "config"
    folder.mkdir()
    (folder / "config.toml").write_bytes(b'names = ["\xff\xfeX", "Bob"]\n')
    code, out, err = run(capsys, "10s")
    assert code == 2 and out == "" and one_line(err)


# -- 5. symlinks and folders are not followed --------------------------------------------------


def test_a_symlink_named_sessions_db_is_left_alone_and_so_is_its_target(isolated, capsys):
    path = private_data_dir()
    target = isolated / "my-letter.txt"
    target.write_text("Dear Ann,\n")
    os.chmod(target, 0o644)
    path.symlink_to(target)

    recorder, _clock = session()
    code, _out, err = run(capsys, "log")

    (problem,) = recorder.problems
    assert "is not a regular file" in problem and code == 1 and one_line(err)
    assert path.is_symlink() and os.readlink(path) == str(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "Dear Ann,\n"
    assert not moved_logs(path)


def test_a_folder_named_sessions_db_is_left_alone(isolated, capsys):
    path = private_data_dir()
    path.mkdir(mode=0o755)
    os.chmod(path, 0o755)
    recorder, _clock = session()
    code, _out, err = run(capsys, "log")
    assert code == 1 and one_line(err) and "is not a regular file" in err
    assert "is not a regular file" in recorder.problems[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o755 and list(path.iterdir()) == []


# -- 6. a full disk: a real, small tmpfs -------------------------------------------------------


@contextmanager
def tmpfs(where: Path, size: str):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs for a real full disk needs root")
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> Path:
    """Fill the disk to its last byte; the filler file is returned, to free it later."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (65536, 4096, 1):  # to the last byte
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


ROOM_AGAIN = "There is room on the disk again: the whole session is saved."


def _reads_finished(path: Path) -> bool:
    with Store.open(path, write=False) as store:
        return [s.status for s in store.sessions()] == ["finished"]


def full_disk_session(
    folder: Path, free_again: bool, retry_s: float = 0.02
) -> tuple[Recorder, FakeClock, int]:
    """A session during which the disk fills; freed again, or filled again each time the
    recorder frees room; the recorder, the clock and the wall time the disk filled.

    Freed again, it waits for the recorder to try again by itself, unless that would take
    more than a minute (``retry_s``): it quits at once."""
    path = folder / "sessions.db"
    clock = FakeClock()
    engine = Engine(Plan(6 * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, path, retry_s=retry_s)
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    clock.advance(1)
    recorder.heartbeat()
    assert recorder.flush()
    assert any(p.name.startswith("sessions.db-reserve-") for p in folder.iterdir())
    filler = fill(folder)
    filled_at = clock.wall_ns()
    for turn in range(2):
        for _second in range(2 if turn == 0 else 3):  # a second of turn 1 has passed
            engine.pause()  # events: new rows, new pages
            engine.resume()
            clock.advance(1)
            engine.tick()
            recorder.heartbeat()
            assert recorder.flush()
            if not free_again:
                fill(folder)  # the room the recorder freed is taken at once
        engine.tick()  # the last chime ends the session by itself
        if turn == 0:
            engine.advance()
    assert recorder.flush()
    if free_again:
        filler.unlink()
        # The writer tries again by itself, with nothing new queued and before any close.
        deadline = time.monotonic() + (10 if retry_s < 60 else 0)
        while not _reads_finished(path) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _reads_finished(path) or retry_s >= 60
    assert recorder.close()
    return recorder, clock, filled_at


def test_a_full_disk_keeps_the_session_in_memory_and_writes_it_in_full_when_room_comes_back(
    tmp_path,
):
    with tmpfs(tmp_path / "disk", "1m") as folder:
        recorder, clock, _filled_at = full_disk_session(folder, free_again=True)
        assert recorder.problems[0].startswith("The disk is full: the session goes on")
        assert recorder.problems[-1] == ROOM_AGAIN
        with Store.open(folder / "sessions.db", write=False) as store:
            (saved,) = store.sessions(now_ns=clock.wall_ns())
        assert saved.status == "finished"
        assert [t.actual_ns for t in saved.turns] == [3 * NS, 3 * NS]
        assert saved.ended_ns == clock.wall_ns()


def test_quitting_when_the_disk_has_room_again_writes_what_was_kept_in_memory(tmp_path):
    """The partners quit at the last chime, before the writer's next try: that try is made."""
    with tmpfs(tmp_path / "disk", "1m") as folder:
        recorder, clock, _filled_at = full_disk_session(folder, free_again=True, retry_s=3600)
        assert recorder.problems[-1] == ROOM_AGAIN
        with Store.open(folder / "sessions.db", write=False) as store:
            (saved,) = store.sessions(now_ns=clock.wall_ns())
        assert saved.status == "finished" and saved.ended_ns == clock.wall_ns()


def test_a_disk_full_again_after_room_came_back_is_said_again(tmp_path):
    """Room for the rows but not for the reserve: "room again" is said, and when the disk
    then fills once more, that is said too (the session is in memory again)."""
    with tmpfs(tmp_path / "disk", "1m") as folder:
        clock = FakeClock()
        engine = Engine(Plan(60 * NS, ("Ann", "Bob")), clock)
        recorder = Recorder(engine.clock, folder / "sessions.db", retry_s=3600)
        engine.subscribe(recorder)
        recorder.start()
        engine.start()

        def churn() -> None:  # events: new rows, new pages
            for _ in range(3):
                engine.pause()
                engine.resume()
                clock.advance(1)
                engine.tick()
                recorder.heartbeat()
            assert recorder.flush()

        churn()
        filler = fill(folder)
        churn()
        os.truncate(filler, filler.stat().st_size - 64 * 1024)  # less than the reserve
        churn()
        fill(folder)
        churn()
        assert recorder.close()
    said = [p.split(":")[0] for p in recorder.problems]
    assert said == ["The disk is full", "There is room on the disk again", "The disk is full"]


def test_a_disk_that_stays_full_leaves_a_row_that_says_so_not_interrupted(
    tmp_path, capsys, monkeypatch
):
    with tmpfs(tmp_path / "disk", "1m") as folder:
        monkeypatch.setenv("FOCUSTIMER_DATA_DIR", str(folder))
        recorder, clock, filled_at = full_disk_session(folder, free_again=False)
        assert recorder.problems[0] == (
            "The disk is full: the session goes on and is kept in memory,"
            " saved as soon as there is room"
        )
        assert not any("will not be saved" in p for p in recorder.problems)
        assert not recorder.lost
        with Store.open(folder / "sessions.db", write=False) as store:
            (saved,) = store.sessions(now_ns=clock.wall_ns() + 60 * NS)
            flagged = store.db.execute("SELECT unsaved_ns FROM sessions").fetchone()[0]
        code, out, _err = run(capsys, "log", "--json")
    # Never "interrupted" (a crash). Either the writes found room in the -wal's old space
    # and all is there, or the row has the times as last saved and a flag that says so.
    assert saved.status in ("unsaved", "finished")
    if saved.status == "unsaved":
        assert flagged is not None and filled_at < saved.ended_ns < clock.wall_ns()
        assert code == 0 and json.loads(out)[0]["status"] == "unsaved"
    else:
        assert [t.actual_ns for t in saved.turns] == [3 * NS, 3 * NS]
        assert recorder.problems[-1].startswith("There is room on the disk again")


# -- 7. a killed process is not "running" while it is a zombie -------------------------------

LIVE_WRITER = textwrap.dedent(
    """
    import sys, time
    from focustimer.log import Store
    from focustimer.settings.locations import log_path
    from tests.logs import record, T0
    with Store.open(log_path()) as store:
        store.begin_session(record(status="running"), heartbeat_ns=time.time_ns())
    print("written", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="zombies are read from /proc")
def test_a_killed_process_left_a_zombie_reads_as_interrupted_at_once(isolated):
    child = subprocess.Popen(
        [sys.executable, "-c", LIVE_WRITER], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "written\n"
        with Store.open(log_path(), write=False) as store:
            assert store.sessions()[0].status == "running"
        os.kill(child.pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while Path(f"/proc/{child.pid}/stat").read_text().split(")")[-1].split()[0] != "Z":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        with Store.open(
            log_path(), write=False
        ) as store:  # not reaped yet: os.kill(pid, 0) succeeds
            assert store.sessions()[0].status == "interrupted"
    finally:
        child.kill()
        child.wait()


# -- 8. case and clocks ------------------------------------------------------------------------


@pytest.mark.parametrize(("stored", "typed"), [("Åsa", "åsa"), ("Straße", "STRASSE")])
def test_partner_search_compares_casefolded(isolated, capsys, stored, typed):
    with Store.open(log_path()) as store:
        add(store, record(names=(stored, "Bob")))
        add(store, record(names=("Cas", "Bob"), start_ns=T0 + NS))
    code, out, _err = run(capsys, "log", "--json", "--partner", typed)
    assert code == 0
    assert [[t["name"] for t in s["turns"]] for s in json.loads(out)] == [[stored, "Bob"]]


def test_stats_before_1970_give_the_right_hour_and_weekday(isolated, capsys):
    start = (-2 * 3600) * NS  # 1969-12-31 22:00 UTC, a Wednesday
    with Store.open(log_path()) as store:
        turns = (TurnRecord("Ann", 1, 30 * NS, 30 * NS), TurnRecord("Bob", 2, 30 * NS, 30 * NS))
        add(store, SessionRecord(start, 0, 60 * NS, turns, "finished", start + 60 * NS))
    code, out, _err = run(capsys, "stats", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["usual_hour"], data["usual_weekday"]) == (22, "Wednesday")


@given(
    x=st.integers(-(2**63), 2**63 - 1) | st.integers(-(10**6), 10**6),
    by=st.sampled_from([1, 7, 3_600 * NS, 86_400 * NS]) | st.integers(1, 2**40),
)
def test_the_logs_floor_division_is_pythons_over_every_integer_sqlite_keeps(x, by):
    """Days and hours before 1970 are floored, as SQLite's / (towards zero) is not."""
    db = sqlite3.connect(":memory:")
    (got,) = db.execute(f"SELECT {floor_div('?', by)}", (x, x)).fetchone()
    assert got == x // by


def test_a_clock_in_2300_is_said_in_one_line_not_a_traceback(isolated):
    year_2300 = 10_413_792_000.0
    recorder, _clock = session(wall_s=year_2300)
    (problem,) = recorder.problems
    assert problem.startswith("This session will not be saved: the computer's clock reads 2300")
    assert "\n" not in problem


# -- 9. reading changes nothing ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["log", "stats"])
def test_reading_where_there_is_no_log_creates_nothing(isolated, capsys, command):
    code, out, err = run(capsys, command)
    assert code == 0 and err == "" and out.startswith("No sessions logged yet")
    assert not (isolated / "data").exists()


def test_reading_a_log_on_a_read_only_folder(tmp_path, capsys, monkeypatch):
    with tmpfs(tmp_path / "disk", "2m") as folder:
        monkeypatch.setenv("FOCUSTIMER_DATA_DIR", str(folder))
        session()
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        code, out, err = run(capsys, "log", "--json")
        assert code == 0 and err == "" and len(json.loads(out)) == 1
        code, out, err = run(capsys, "stats", "--json")
        assert code == 0 and err == "" and json.loads(out)["sessions"] == 1


def test_reading_a_log_on_a_full_disk(tmp_path, capsys, monkeypatch):
    with tmpfs(tmp_path / "disk", "1m") as folder:
        monkeypatch.setenv("FOCUSTIMER_DATA_DIR", str(folder))
        session()
        fill(folder)
        code, out, err = run(capsys, "log", "--json")
        assert code == 0 and err == "" and len(json.loads(out)) == 1
        code, out, err = run(capsys, "stats", "--json")
        assert code == 0 and err == "" and json.loads(out)["sessions"] == 1


# -- 10. permissions ---------------------------------------------------------------------------


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_everything_focustimer_creates_is_private_whatever_the_umask(isolated, monkeypatch):
    monkeypatch.setenv("FOCUSTIMER_CONFIG_DIR", str(isolated / "a" / "b" / "config"))
    monkeypatch.setenv("FOCUSTIMER_DATA_DIR", str(isolated / "c" / "d" / "data"))
    with umask(0):
        assert main(["config", "--init"]) == 0
        session()
    for folder in ("a", "a/b", "a/b/config", "c", "c/d", "c/d/data"):
        assert stat.S_IMODE((isolated / folder).stat().st_mode) == 0o700, folder
    files = [isolated / "a/b/config/config.toml", *(isolated / "c/d/data").iterdir()]
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_a_data_folder_others_can_read_is_said_not_chmodded(isolated):
    folder = isolated / "data"
    folder.mkdir()
    os.chmod(folder, 0o755)
    recorder, _clock = session()
    (warning,) = recorder.problems
    assert warning == (
        f"{folder} can be read by other users of this computer:"
        " chmod 700 it to keep the session log private"
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    with Store.open(log_path(), write=False) as store:
        assert store.count() == 1  # saved all the same


# -- 11. the heartbeat's bound -------------------------------------------------------------------


def test_the_saved_time_trails_the_truth_by_less_than_a_second_however_late_the_timer(
    tmp_path, monkeypatch
):
    """Offered as the app offers it, by a timer late by up to 0.2 s each time (a loaded
    machine), the heartbeat keeps the saved time within a second of the clock."""
    import random

    saved: list[int] = []
    real_save = Store.save

    def save(self, session_id, record, *, heartbeat_ns, **kwargs):
        saved.append(heartbeat_ns)
        return real_save(self, session_id, record, heartbeat_ns=heartbeat_ns, **kwargs)

    monkeypatch.setattr(Store, "save", save)
    rng = random.Random(11)
    clock = FakeClock()
    engine = Engine(Plan(120 * NS, ("Ann", "Bob")), clock)
    recorder = Recorder(engine.clock, tmp_path / "sessions.db")
    engine.subscribe(recorder)
    recorder.start()
    engine.start()
    worst = 0
    for _offer in range(300):
        clock.advance(HEARTBEAT_NS / NS + rng.uniform(-0.001, 0.2))
        engine.tick()
        # A kill -9 now: the log holds the last heartbeat queued before it.
        worst = max(worst, clock.wall_ns() - saved[-1]) if saved else worst
        recorder.heartbeat()
        assert recorder.flush()
    assert recorder.close()
    assert worst < NS, f"the log trailed by {worst / NS:.2f} s"


# -- the classes, not one instance ---------------------------------------------------------------


@settings(
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=st.text(min_size=1, max_size=45))
def test_any_name_is_refused_in_one_line_or_kept_exactly(isolated, name):
    """Never a session that looks saved and is not: a name the checks let through is read
    back from the log exactly as given, and found again by --partner in any case."""
    other = "Zed" if name.strip() != "Zed" else "Yan"
    try:
        (kept, _other) = check_names([name, other])
    except BadNames as problem:
        assert "\n" not in str(problem)
        return
    with Store.open(log_path()) as store:
        sid = add(store, record(names=(kept, other)))
        (found,) = [s for s in store.sessions(limit=None) if s.id == sid]
        assert found.names == (kept, other)
        typed = kept.swapcase()
        if typed.casefold() == kept.casefold():  # the same name in another case
            assert sid in {s.id for s in store.sessions(limit=None, partner=typed)}


def test_an_older_log_is_read_as_it_is_never_upgraded_by_a_reader(isolated, capsys):
    from focustimer.log.schema import MIGRATIONS, migrate

    path = private_data_dir()
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:3])  # a log of the last release
    db.execute(
        "INSERT INTO sessions (started_ns, utc_offset_s, status, planned_ns, partners,"
        " heartbeat_ns) VALUES (?, 0, 'finished', 60, '[\"Ann\", \"Bob\"]', ?)",
        (T0, T0),
    )
    db.close()
    before = path.read_bytes()
    code, out, err = run(capsys, "log", "--json")
    assert code == 0 and err == "" and json.loads(out)[0]["status"] == "finished"
    code, out, err = run(capsys, "stats", "--json")
    assert code == 0 and json.loads(out)["sessions"] == 1
    assert path.read_bytes() == before


FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


@pytest.mark.skipif(
    not FAKETIME.exists(), reason="libfaketime is not installed (apt-get install faketime)"
)
@pytest.mark.parametrize("args", [["6s", "--names", "Ann", "Bob", "--now"], ["log"], ["stats"]])
def test_a_clock_python_cannot_read_is_one_line_at_start(isolated, args):
    from tests.e2e.tmux import focustimer_command

    done = subprocess.run(
        [focustimer_command(), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "LD_PRELOAD": str(FAKETIME), "FAKETIME": "@2300-01-01 10:00:00"},
        check=False,
    )
    assert done.returncode == 2 and done.stdout == "" and one_line(done.stderr), done.stderr
    assert "set the clock right" in done.stderr
    assert not (isolated / "data").exists()


odd_files = st.one_of(
    st.binary(max_size=300),
    st.binary(min_size=84, max_size=4096).map(lambda b: b"SQLite format 3\x00" + b),
)


@settings(
    max_examples=examples(60),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=odd_files)
def test_any_file_named_sessions_db_is_kept_byte_for_byte_somewhere(isolated, capsys, content):
    """Whatever lies at the log's path: one line at most, never a traceback, and its bytes
    are still there, where they were or in the copy moved aside."""
    folder = isolated / "data"
    if folder.exists():
        for leftover in folder.iterdir():
            leftover.unlink()
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / "sessions.db"
    path.write_bytes(content)
    code, _out, err = run(capsys, "log")
    assert code in (0, 1) and (err == "" or one_line(err)), err
    kept = [p.read_bytes() for p in [path, *moved_logs(path)] if p.exists()]
    assert content in kept
