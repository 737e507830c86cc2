"""Measure focustimer side by side with termdown and a Textual pomodoro timer; write RESULTS.md.

    python benchmarks/run.py            # the full run (about 6 minutes on 2 cores)
    python benchmarks/run.py --quick    # a short run that checks everything still works

Run it from the environment focustimer is installed in (the README's test command makes
one). The peers are installed into benchmarks/.work/peers the first time.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import os
import platform
import sys
import tempfile
from pathlib import Path

import chime
import log_scale
import measure
import tools
from summary import Spread, percentile
from tests.e2e.pulse import MISSING as PULSE_MISSING  # a chime is heard only with PulseAudio

import focustimer

HERE = Path(__file__).resolve().parent


def _machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, {model}"


def _spread(values: list[float], unit: str, digits: int = 3) -> str:
    s = Spread.of(values)
    return f"{s.median:.{digits}f} {unit} ({s.low:.{digits}f}–{s.high:.{digits}f}, n={s.count})"


def _ratio(ours: list[float], theirs: list[float]) -> str:
    return f"{Spread.of(ours).median / Spread.of(theirs).median:.2f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short windows, one repeat")
    parser.add_argument("--no-peers", action="store_true", help="measure focustimer alone")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    if args.quick:
        window_s, repeats, startup_repeats, turn_runs, partners, turn_s = 4, 1, 1, 1, 2, 1
        chime_sessions, log_sessions, log_repeats = 0, 1_000, 1
    else:
        window_s, repeats, startup_repeats, turn_runs, partners, turn_s = 60, 3, 7, 3, 8, 3
        chime_sessions, log_sessions, log_repeats = 3, 100_000, 5

    load_before = os.getloadavg()
    home = Path(tempfile.mkdtemp(prefix="focustimer-bench-"))
    # As a pip install leaves it (the peers are installed so): compiled to bytecode, even in an
    # editable install under PYTHONDONTWRITEBYTECODE.
    compileall.compile_dir(Path(focustimer.__file__).parent, quiet=1)
    ours = tools.focustimer(home)
    everyone = [ours]
    if not args.no_peers:
        print("installing the peers (once) ...", flush=True)
        tools.install_peers()
        everyone += tools.peers(home)

    print("start-up ...", flush=True)
    start = {tool.name: measure.startup(tool, startup_repeats) for tool in everyone}

    print(f"steady state: {repeats} x {window_s} s ...", flush=True)
    # Side by side in one run: our two views, the peers, and Textual's own floor.
    running = [ours, tools.calm_view(ours), *everyone[1:], *tools.textual_floors()]
    cpu: dict[str, list[float]] = {t.name: [] for t in running}
    rss: dict[str, list[float]] = {t.name: [] for t in running}
    sent: dict[str, list[float]] = {t.name: [] for t in running}
    for _ in range(repeats):
        for name, steady in measure.steady_state(running, window_s).items():
            cpu[name].append(steady.cpu_per_min)
            rss[name].append(steady.peak_rss_mib)
            sent[name].append(steady.bytes_per_min / 1024)

    print(f"turn ends: {turn_runs} sessions of {partners} turns ...", flush=True)
    late_runs = measure.turn_ends(ours, turn_runs, partners, turn_s)
    late = [ms for run in late_runs for ms in run]
    drift = [run[-1] - run[0] for run in late_runs]

    chimes: list[float] | str
    if PULSE_MISSING or not chime_sessions:
        why = ", ".join(PULSE_MISSING) + " missing" if PULSE_MISSING else "not in a quick run"
        chimes = f"not measured: {why}"
    else:
        print(f"chime latency: {chime_sessions} sessions of 8 turns ...", flush=True)
        os.environ["FOCUSTIMER_DATA_DIR"] = str(home / "chime-data")
        chimes = chime.latency(chime_sessions)

    print(f"the log at {log_sessions:,} sessions ...", flush=True)
    logs = log_scale.beyond_startup(log_sessions, log_repeats)

    rows = _rows(everyone, cpu, rss, sent, start, late, drift)
    rows += _chime_row(everyone, chimes) + _log_rows(everyone, logs, log_sessions)
    report = _report(everyone, rows, args.quick, (load_before, os.getloadavg()))
    notes = HERE / "profiling.md"
    if notes.exists():
        report += "\n" + notes.read_text(encoding="utf-8")
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 0


def _rows(everyone, cpu, rss, sent, start, late, drift) -> list[list[str]]:
    names = [t.name for t in everyone]
    peer = "termdown" if "termdown" in names else None
    textual_peer = "pomodorable" if "pomodorable" in names else None

    def cells(data: dict[str, list[float]], unit: str, digits: int = 3) -> list[str]:
        return [_spread(data[n], unit, digits) for n in names]

    def ratio(data: dict[str, list[float]], other: str | None, ours: str = "focustimer") -> str:
        return _ratio(data[ours], data[other]) if other else "n/a"

    return [
        [
            "CPU per minute, steady state, digits shown",
            *cells(cpu, "s"),
            ratio(cpu, peer),
            "≤ 0.35x termdown",
        ],
        [
            "CPU per minute, steady state, calm view",
            _spread(cpu[tools.CALM], "s"),
            *["no calm view" for _ in names[1:]],
            ratio(cpu, peer, tools.CALM),
            "≤ 0.15x termdown",
        ],
        *(
            [
                f"CPU per minute: {floor} (Textual's floor, same run)",
                _spread(cpu[floor], "s"),
                *["n/a" for _ in names[1:]],
                ratio(cpu, peer, floor),
                "for reference",
            ]
            for floor in (tools.FLOOR_IDLE, tools.FLOOR_SECOND)
        ),
        ["Peak memory (RSS)", *cells(rss, "MiB", 1), ratio(rss, peer), "≤ 1.25x termdown"],
        [
            "Bytes written to the terminal per minute, digits shown",
            *cells(sent, "KiB", 1),
            ratio(sent, peer),
            "≤ 0.5x termdown",
        ],
        [
            "Start-up to first complete frame",
            *cells(start, "s"),
            ratio(start, textual_peer) + " pomodorable" if textual_peer else "n/a",
            "≤ 0.7x pomodorable, < 0.25 s",
        ],
        [
            "Turn end handled after its exact moment",
            f"p50 {percentile(late, 50):.1f} ms, p99 {percentile(late, 99):.1f} ms, "
            f"max {max(late):.1f} ms (n={len(late)}); drift last-first "
            f"{_spread(drift, 'ms', 1)}",
            *["no turns" for _ in names[1:]],
            "n/a",
            "p99 < 20 ms, no drift",
        ],
    ]


def _chime_row(everyone, chimes: list[float] | str) -> list[list[str]]:
    peers = ["no sound of its own" for _ in everyone[1:]]
    target = "p99 < 50 ms"
    if isinstance(chimes, str):
        return [["Chime onset after the exact turn end", chimes, *peers, "n/a", target]]
    heard = [x for x in chimes if x != float("inf")]
    missed = len(chimes) - len(heard)
    cell = (
        f"p50 {percentile(chimes, 50):.1f} ms, p99 {percentile(chimes, 99):.1f} ms, "
        f"max {max(heard):.1f} ms (n={len(chimes)}, missed {missed})"
    )
    return [
        ["Chime onset after the exact turn end (PulseAudio null sink)", cell, *peers, "n/a", target]
    ]


# log_scale times the commands against the same command over an empty log; the screen from
# the key press that opens it.
MEASURED_FROM = {"the log screen (l)": "from the key to its first page"}


def _log_rows(everyone, logs: dict[str, list[float]], sessions: int) -> list[list[str]]:
    peers = ["no log" for _ in everyone[1:]]
    return [
        [
            f"{what} over {sessions:,} sessions, {MEASURED_FROM.get(what, 'beyond start-up')}",
            _spread(times, "s"),
            *peers,
            "n/a",
            "< 0.3 s",
        ]
        for what, times in logs.items()
    ]


def _report(everyone, rows, quick: bool, loads) -> str:
    header = ["measure", *(f"{t.name} {t.version}" for t in everyone), "ratio", "target"]
    lines = [
        "# Benchmark results",
        "",
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {_machine()}",
        f"- Python {platform.python_version()} ({sys.executable})",
        "- load average (1, 5, 15 min) at the start and at the end: "
        + " / ".join(", ".join(f"{x:.2f}" for x in load) for load in loads),
        f"- run: {'quick (smoke test only, not for quoting)' if quick else 'full'}",
        "- each cell: median (min–max, n = repeats); ratios are focustimer's median over the "
        "peer's, measured in the same run",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
