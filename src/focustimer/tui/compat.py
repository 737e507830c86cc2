"""What differs between the Textual versions we allow (``textual>=3.0``), decided once here."""

from __future__ import annotations

import inspect
from typing import Any, Literal

from rich.console import RenderableType
from textual.app import App
from textual.markup import escape
from textual.widgets import Static

# Static.update(layout=False) arrived in Textual 5.0; older versions lay out on every update.
_UPDATE_TAKES_LAYOUT = "layout" in inspect.signature(Static.update).parameters
# App.notify(markup=False) arrived in Textual 3.1; before, a message was always markup.
_NOTIFY_TAKES_MARKUP = "markup" in inspect.signature(App.notify).parameters


def update_same_size(widget: Static, content: RenderableType) -> None:
    """Show new content in a widget whose size it cannot change: no new layout when possible."""
    if _UPDATE_TAKES_LAYOUT:
        widget.update(content, layout=False)
    else:
        widget.update(content)


def notify_plain(
    app: App[Any],
    message: str,
    severity: Literal["information", "warning", "error"],
    timeout: float,
) -> None:
    """A notice shown literally: a file name with ``[/]`` in it is text, never markup."""
    if _NOTIFY_TAKES_MARKUP:
        app.notify(message, severity=severity, timeout=timeout, markup=False)
    else:
        app.notify(escape(message), severity=severity, timeout=timeout)
