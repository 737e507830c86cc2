"""What differs between the Textual versions we allow (``textual>=3.0``), decided once here."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.markup import escape
from textual.widgets import Static

# Static.update(layout=False) arrived in Textual 5.0; older versions lay out on every update.
_UPDATE_TAKES_LAYOUT = "layout" in inspect.signature(Static.update).parameters
# App.notify(markup=False) arrived in Textual 3.1; before, a message was always markup.
_NOTIFY_TAKES_MARKUP = "markup" in inspect.signature(App.notify).parameters


def update(widget: Static, content: Any, *, layout: bool = True) -> None:  # Any: 3.x vs 5+
    """``widget.update``, asking for a new layout only when ``layout`` (where Textual can)."""
    if _UPDATE_TAKES_LAYOUT:
        Static.update(widget, content, layout=layout)
    else:
        Static.update(widget, content)


def notify_literal(notify: Callable[..., object], message: str, **options: Any) -> None:
    """Call Textual's own ``App.notify`` so that ``message`` is shown literally, not as markup."""
    if _NOTIFY_TAKES_MARKUP:
        notify(message, markup=False, **options)
    else:
        notify(escape(message), **options)
