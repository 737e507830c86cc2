"""A session that was cut off, as the log has it, and where it had got to (for resume).

The log knows each turn's time as of the last heartbeat (or the quit), the pauses, and from
its events the rule the session ran by (``--auto``, evened out), which turns ended early and
where the soft cue was given. That is all ``Engine.continue_from`` needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..engine.clock import NS
from ..engine.events import PauseReason
from ..engine.plan import Plan
from ..engine.progress import Progress, TurnProgress
from ..engine.turns import PauseRecord, SessionStatus
from .records import SessionRecord
from .store import SessionLog, same_partners_key

# Unsaved: its times are saved up to its end.
RESUMABLE = (SessionStatus.INTERRUPTED, SessionStatus.ABORTED, SessionStatus.UNSAVED)
WITHIN_NS = 12 * 3600 * NS  # a session cut off longer ago than this is not offered
_LOOK_AT = 50  # the newest sessions looked through


@dataclass(frozen=True)
class CutOff:
    """A session to go on with: its row in the log, its rule and where it had got to."""

    record: SessionRecord  # as read: status interrupted, aborted or unsaved
    plan: Plan  # names in speaking order
    auto: bool
    even_out: bool
    progress: Progress

    @property
    def session_id(self) -> int:
        assert self.record.id is not None
        return self.record.id

    @property
    def cut_off_ns(self) -> int:
        return self.progress.cut_off_wall


def find_cut_off(
    store: SessionLog, now_ns: int, partners: Sequence[str] | None = None
) -> CutOff | None:
    """The newest session cut off less than 12 hours before ``now_ns`` that can go on.

    ``partners``: only a session of these people (compared as people, in any order). A
    session after which its partners met again is not offered: they have moved on.
    """
    wanted = None if partners is None else same_partners_key(partners)
    met_since: set[tuple[str, ...]] = set()  # partners who had a newer session
    for record in store.sessions(limit=_LOOK_AT, now_ns=now_ns):
        people = same_partners_key(record.names)
        newer = people in met_since
        met_since.add(people)
        if newer or (wanted is not None and people != wanted):
            continue  # they met again after it: that session is where they are now
        if record.status not in RESUMABLE or record.ended_ns is None or record.id is None:
            continue
        if not now_ns - WITHIN_NS < record.ended_ns:
            continue
        found = cut_off_from(record, store.events_of(record.id, _KINDS))
        if found is not None:
            return found
    return None


_KINDS = ("SessionStarted", "SessionContinued", "TurnEnded", "WarningCue")


def cut_off_from(record: SessionRecord, events: list[tuple[str, dict[str, Any]]]) -> CutOff | None:
    """Where ``record`` had got to; None when nothing is left to go on with (or it cannot be)."""
    assert record.ended_ns is not None
    auto, even_out, joined = False, True, 0
    early: set[int] = set()
    warned: set[int] = set()
    for kind, fields in events:
        if kind in ("SessionStarted", "SessionContinued"):
            auto = fields.get("auto") is True
            even_out = fields.get("even_out") is not False
            joined = max(joined, _int(fields.get("joined_ns")))
        elif kind == "TurnEnded" and fields.get("early") is True:
            early.add(_int(fields.get("turn")))
        elif kind == "WarningCue":
            warned.add(_int(fields.get("turn")))
    if joined:
        return None  # a schedule shared with another machine: join it again with --at
    try:
        plan = Plan(record.planned_ns, record.names)
    except ValueError:
        return None
    started = [i for i, turn in enumerate(record.turns) if turn.started_ns is not None]
    if not started:
        return None
    current = started[-1]
    share = plan.share_ns
    turns: list[TurnProgress] = []
    after_chime = False
    for index, turn in enumerate(record.turns):
        if index > current:
            turns.append(TurnProgress())
            continue
        extension = max(Fraction(0), turn.planned_ns - share)
        planned = share + extension
        used = min(Fraction(max(0, turn.actual_ns - turn.overrun_ns)), planned)
        if index == current and turn.ended_ns is not None:
            # Ended by its boss or by its chime: the next turn goes on. Ended by a quit (or a
            # heartbeat a hair before the deadline): this turn goes on.
            after_chime = index in early or used >= planned - 1
            used = planned if after_chime and index not in early else used
        elif index == current and used >= planned - 1:
            after_chime, used = True, planned  # cut off at its chime
        turns.append(
            TurnProgress(
                used_ns=used,
                overrun_ns=max(0, turn.overrun_ns),
                extension_ns=extension,
                early=index in early,
                warned=index in warned,
                started_wall=turn.started_ns,
                ended_wall=turn.ended_ns if index < current or after_chime else None,
            )
        )
    progress = Progress(
        current,
        tuple(turns),
        record.ended_ns,
        after_chime,
        tuple(_pause(p.turn - 1, p.reason, p.start_ns, p.end_ns, record.ended_ns)
              for p in record.pauses),
    )  # fmt: skip
    try:
        progress.check(tuple(share for _ in turns))  # it adds each turn's extension itself
    except ValueError:
        return None  # nothing left to go on with (the last chime came), or a row made by hand
    return CutOff(record, plan, auto, even_out, progress)


def _pause(turn: int, reason: str, start: int, end: int | None, cut_off: int) -> PauseRecord:
    """A pause as the engine keeps it; one still open at the cut-off ends there."""
    try:
        why = PauseReason(reason)
    except ValueError:
        why = PauseReason.USER
    end = max(start, cut_off) if end is None else end
    return PauseRecord(turn, why, start, start, end, end)


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
