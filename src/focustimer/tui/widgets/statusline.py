"""The status line's label: a new second repaints the cells that changed, not the whole row.

The status line changes every second ("29:59 left" becomes "29:58 left"). A plain Label
repaints and re-sends its whole row each time; this one tells Textual which cells differ, so
one or two characters go to the terminal. Anything it cannot compare cell by cell (a change
of size, text with wide characters, more than one line) gets an ordinary full repaint.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.geometry import Region
from textual.visual import VisualType
from textual.widgets import Label


class StatusLine(Label):
    def __init__(self, *, id: str | None = None) -> None:
        # Set before Label's own __init__, which may already refresh (Textual 3.x does).
        self._plain = ""
        self._narrow: list[Region] | None = None
        super().__init__(id=id, markup=False)  # user text arrives as Text; a str is literal

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        before = self._plain
        after = _plain(content)
        self._plain = after if after is not None else "\0"  # "\0": not comparable next time
        if not layout and after is not None and self.is_mounted:
            self._narrow = _changed(before, after, self.styles.padding.left)
        try:
            super().update(content, layout=layout)
        finally:
            self._narrow = None

    def refresh(self, *regions: Region, **options: bool) -> StatusLine:
        if self._narrow is not None and not regions:
            if not self._narrow:
                return self  # nothing on screen changed
            regions = tuple(self._narrow)
        super().refresh(*regions, **options)
        return self


def _plain(content: VisualType) -> str | None:
    """The text as shown, if each character is one cell on one line; else None."""
    text = content if isinstance(content, str) else getattr(content, "plain", None)
    if not isinstance(text, str) or "\n" in text or "[" in text or cell_len(text) != len(text):
        return None
    return text


def _changed(before: str, after: str, left: int) -> list[Region] | None:
    """The span of cells that differ (None: repaint all, the text may have moved)."""
    if before == "\0" or len(before) != len(after):
        return None
    differ = [x for x, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    if not differ:
        return []
    return [Region(left + differ[0], 0, differ[-1] - differ[0] + 1, 1)]
