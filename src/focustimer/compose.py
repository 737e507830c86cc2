"""Build a session's parts from what the user asked for, and hand them to the app.

The composition root: the engine on its clock, the chime, the log's recorder (and, for a
linked session, the link) are made and wired to the engine here, so that the app is only
handed its parts and a test can hand it fakes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from .engine.clock import Clock, SystemClock
from .engine.events import Event
from .engine.machine import Engine
from .engine.plan import Plan
from .i18n import _
from .log import Recorder
from .settings import locations
from .settings.names import find_person
from .settings.options import Options
from .sound_choice import make_chime
from .text import fill, literal
from .tui.app import FocusTimerApp

if TYPE_CHECKING:
    from .log import CutOff
    from .sound.chime import Player


def choose_first(
    options: Options, last_first: Callable[[tuple[str, ...]], str | None] | None
) -> tuple[str, Text]:
    """Who is boss first, and why: --first, else alternate with the last session of these names."""
    names = options.names
    if options.first:
        return options.first, fill(_("{name} starts, as asked"), name=literal(options.first, 20))
    previous = last_first(names) if last_first else None
    # The log has the names as typed then: "ann" last time is Ann today.
    previous = find_person(previous, names) if previous is not None else None
    if previous is not None:
        first = names[(names.index(previous) + 1) % len(names)]
        return first, fill(
            _("{name} starts: {previous} started last time"),
            name=literal(first, 20),
            previous=literal(previous, 20),
        )
    return names[0], fill(_("{name} starts"), name=literal(names[0], 20))


def session_app(
    options: Options,
    listeners: tuple[Callable[[Event], None], ...] = (),
    continuing: CutOff | None = None,
    log_path: Path | None = None,
) -> FocusTimerApp:
    """The app as ``focustimer`` runs it: the real clock, and the log on this computer
    (``log_path``, else where settings/locations.py says it lives).

    ``continuing``: a session cut off to go on with (``focustimer resume``); otherwise the
    ready screen offers one of these partners, if there is one.
    """
    from .log import last_first_speaker

    path = log_path or locations.log_path()
    told: list[str] = []  # the log is looked at before the app can say anything
    offer = None
    if continuing is None and options.at_wall_ns is None and not options.now:
        offer = cut_off_of(options.names, path, told.append)
    return make_app(
        options,
        listeners=listeners,
        last_first=lambda names: last_first_speaker(names, path, on_damaged=told.append),
        continuing=continuing,
        offer=offer,
        notices=told,
        log_path=path,
    )


def cut_off_of(
    names: tuple[str, ...] | None, path: Path, on_damaged: Callable[[str], None]
) -> CutOff | None:
    """The session to resume (of these partners, if ``names``); None when none, or the log
    cannot be read (that must never stop a session: the recorder tells its problems)."""
    import time

    from .log import StoreError, find_cut_off, query_log

    try:
        return query_log(
            lambda store: find_cut_off(store, time.time_ns(), names), path, on_damaged=on_damaged
        )
    except StoreError:
        return None


def make_app(
    options: Options,
    clock: Clock | None = None,
    listeners: tuple[Callable[[Event], None], ...] = (),
    last_first: Callable[[tuple[str, ...]], str | None] | None = None,
    *,
    record: bool = True,
    player: Player | None = None,
    continuing: CutOff | None = None,
    offer: CutOff | None = None,
    notices: Sequence[str] = (),
    log_path: Path | None = None,
    linked: str | None = None,
) -> FocusTimerApp:
    """The one way to build the app, used by the command line and by the tests alike; the
    log at ``log_path``, else where settings/locations.py says it lives.

    ``linked``: the partner of a linked session (their name as the host typed it), for the log.

    UsageError (one line) when the sound cannot be set up as asked: all before the session.
    """
    path = log_path or locations.log_path()
    if continuing is not None:
        plan, reason = continuing.plan, Text()  # its own order; the ready screen says the rest
    else:
        first, reason = choose_first(options, last_first)
        plan = Plan(options.total_ns, options.names).starting_with(first)
    engine = Engine(
        plan,
        clock or SystemClock(),
        auto=options.auto,
        even_out=options.even_out,
        warn_ns=options.warn_ns,
    )
    if continuing is not None:
        engine.continue_from(continuing.progress)
    # The engine's listeners, in the order they hear each event: the chime first (a sound
    # due now), then the log, then any other listener (a tracer), and last the app itself.
    chime = make_chime(options, engine.clock, player)
    chime.attach(engine)
    recorder = None
    if record:
        recorder = Recorder(
            engine.clock,
            path,
            continuing=None if continuing is None else continuing.record,
            linked=linked,
        )
        engine.subscribe(recorder)
    for listener in listeners:
        engine.subscribe(listener)
    # A linked session's link is opened before the app is made (cli/linked.py) and handed to
    # it as app.linking, once both screens can show the same plan.
    return FocusTimerApp(
        engine,
        options,
        chime,
        recorder=recorder,
        first_reason=reason,
        continuing=continuing,
        offer=offer,
        notices=notices,
        log_path=path,
    )
