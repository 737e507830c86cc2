"""Partner names: the rules every source of names (command line, config file) must meet."""

from __future__ import annotations

from collections.abc import Sequence

from ..engine.plan import MAX_PARTNERS, MIN_PARTNERS, person_key
from ..i18n import _
from ..visible import visible

MAX_NAME_LENGTH = 40


class BadNames(ValueError):
    """What is wrong with the names, and what to give instead (without saying where from)."""


def is_text(value: str) -> bool:
    """Is it text the log can keep? Bytes that are not UTF-8 reach Python as lone surrogates
    (``--names $'\\xff'``); such a name would look saved and not be: refused, not stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def not_text_message(name: str) -> str:
    return _(
        "has the name '{name}', which is not valid UTF-8 text: type it again in a UTF-8 terminal"
    ).format(name=visible(name, 20))


def check_names(raw: Sequence[str]) -> tuple[str, ...]:
    """The names trimmed, or BadNames: 2 to 8 distinct, non-empty names of at most 40 characters."""
    names = tuple(name.strip() for name in raw)
    if not MIN_PARTNERS <= len(names) <= MAX_PARTNERS:
        raise BadNames(
            _("takes {low} to {high} names, you gave {count}: e.g. Ann Bob").format(
                low=MIN_PARTNERS, high=MAX_PARTNERS, count=len(names)
            )
        )
    for name in names:
        if not is_text(name):
            raise BadNames(not_text_message(name))
        if not name:
            raise BadNames(_("has an empty name: give each partner a name, e.g. Ann Bob"))
        if len(name) > MAX_NAME_LENGTH:
            raise BadNames(
                _(
                    "has the name '{name}', which is too long: use at most {limit} characters"
                ).format(name=visible(name, 20), limit=MAX_NAME_LENGTH)
            )
    seen: set[str] = set()
    for name in names:
        if person_key(name) in seen:
            raise BadNames(
                _(
                    "names '{name}' twice: give each partner a different name, e.g. {name} {name}2"
                ).format(name=visible(name, 20))
            )
        seen.add(person_key(name))
    return names


def find_person(name: str, names: Sequence[str]) -> str | None:
    """The name in ``names`` that stands for the same person as ``name``, as typed there."""
    key = person_key(name)
    return next((n for n in names if person_key(n) == key), None)
