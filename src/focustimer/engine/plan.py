"""What partners agreed: the total time and who speaks in which order (pure)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from fractions import Fraction

MIN_PARTNERS = 2
MAX_PARTNERS = 8
DEFAULT_NAMES = ("Partner A", "Partner B")


@dataclass(frozen=True)
class Plan:
    """A session of ``total_ns`` split into one exactly equal turn per name, in this order."""

    total_ns: int
    names: tuple[str, ...] = DEFAULT_NAMES

    def __post_init__(self) -> None:
        if self.total_ns <= 0:
            raise ValueError("a session needs a positive total time")
        if not MIN_PARTNERS <= len(self.names) <= MAX_PARTNERS:
            raise ValueError(f"a session has {MIN_PARTNERS} to {MAX_PARTNERS} partners")
        if len({person_key(n) for n in self.names}) != len(self.names) or not all(self.names):
            raise ValueError("names must be distinct people and not empty")

    @property
    def share_ns(self) -> Fraction:
        """Each partner's equal share, exact: never rounded, the shares sum to the total."""
        return Fraction(self.total_ns, len(self.names))

    def starting_with(self, name: str) -> Plan:
        """The same circle of partners, started at ``name`` (in any case)."""
        keys = [person_key(n) for n in self.names]
        i = keys.index(person_key(name))
        return Plan(self.total_ns, self.names[i:] + self.names[:i])


def person_key(name: str) -> str:
    """Who a name stands for: "Ann", "ann" and "ANN" are one person, "Åsa" however encoded.

    Names are shown as typed and compared by this key: alternation, --first, duplicates.
    Unicode's canonical caseless match: casefolding can undo a composition (U+1FD7, and
    "\u0399\u0308\u0342" typed in the other case), so the key is normalized after it too.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())
