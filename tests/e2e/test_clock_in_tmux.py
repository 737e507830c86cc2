"""The big digits in a real terminal: second after second they show what the status line says.

Only the changed cells of the clock and of the status line are sent each second, so a cell
missed by a repaint would stay on screen in tmux; reading the digits back catches it.
"""

from __future__ import annotations

import re
import time

import pytest
from textual.geometry import Size

from focustimer.tui.widgets.bigdigits import BOX_FONT, font_for

pytestmark = pytest.mark.e2e


def _clock_rows(font, text: str) -> list[str]:
    glyphs = [font.glyph(c) for c in text]
    gap = " " * font.gap
    return [gap.join(g[y] for g in glyphs) for y in range(font.height)]


def _shows(screen: list[str], rows: list[str]) -> bool:
    for top in range(len(screen) - len(rows) + 1):
        # tmux leaves out the blanks at the end of a line
        if all(row.rstrip() in screen[top + y] for y, row in enumerate(rows)):
            return True
    return False


@pytest.mark.parametrize("size", [(100, 30), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_digits_agree_with_the_status_line_every_second(tmux, size):
    tmux.width, tmux.height = size
    tmux.start(["1m", "--names", "Ann", "Bob", "--now"])
    tmux.wait_for("Ann is boss · 0:2")
    agreed = set()
    deadline = time.monotonic() + 15
    while len(agreed) < 6 and time.monotonic() < deadline:
        screen = tmux.screen().splitlines()
        found = re.search(r"is boss · (\d+:\d\d) left", "\n".join(screen))
        if found is None:
            time.sleep(0.05)
            continue
        text = found.group(1)
        font = font_for(text, Size(*size))
        if _shows(screen, _clock_rows(font, text)):
            agreed.add(text)
        time.sleep(0.13)
    assert len(agreed) >= 6, (agreed, tmux.screen())
    if size == (200, 60):
        assert font_for("0:20", Size(*size)) != BOX_FONT  # a large terminal gets large digits
    tmux.keys("q", "q")
    tmux.wait_for("EXIT=0")
