"""What differs between the Textual versions we allow (``textual>=3.0``), decided once here."""

from __future__ import annotations

import inspect

from rich.console import RenderableType
from textual.widgets import Static

# Static.update(layout=False) arrived in Textual 5.0; older versions lay out on every update.
_UPDATE_TAKES_LAYOUT = "layout" in inspect.signature(Static.update).parameters


def update_same_size(widget: Static, content: RenderableType) -> None:
    """Show new content in a widget whose size it cannot change: no new layout when possible."""
    if _UPDATE_TAKES_LAYOUT:
        widget.update(content, layout=False)
    else:
        widget.update(content)
