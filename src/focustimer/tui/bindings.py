"""Key labels in the partners' language.

Textual reads ``BINDINGS`` when a class is defined, before the language is chosen, so labels
are declared with ``N_()`` and translated here, on each screen as it is made.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from ..i18n import _


def translate_bindings(node: DOMNode) -> None:
    # Each node has its own copy of its class's bindings (Textual's _bindings).
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=_(b.description)) if b.description else b for b in bindings
        ]
