"""Key labels in the partners' language.

Textual reads ``BINDINGS`` when a class is defined, before the language is chosen, so labels
are declared with ``N_()`` and translated here, on each screen as it is made.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from ..i18n import N_, _

# Keys the footer names in words: in the words the screens use for them ("spatie").
KEY_NAMES = {"space": N_("space")}


def translate_bindings(node: DOMNode) -> None:
    # Each node has its own copy of its class's bindings (Textual's _bindings).
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(
                b,
                description=_(b.description) if b.description else b.description,
                key_display=_(KEY_NAMES[key]) if key in KEY_NAMES else b.key_display,
            )
            for b in bindings
        ]


NARROW_COLUMNS = 60


def fit_footer(node: DOMNode, width: int) -> None:
    """On a narrow screen the footer keeps the keys that matter now, and ``? help``.

    A screen names the rest in ``FOOTER_MINOR`` (the help screen lists every key).
    """
    minor: frozenset[str] = getattr(node, "FOOTER_MINOR", frozenset())
    show = width >= NARROW_COLUMNS
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, show=show) if b.action in minor else b for b in bindings]
