"""Names a hostile user or a tired partner might type: markup, escapes, controls, RTL marks."""

from __future__ import annotations

from hypothesis import strategies as st

PIECES = [
    *"[]/@=\\ab :;.",
    "[/]",
    "[b]",
    "[red]",
    "[@click=app.quit]",
    "[link=x]",
    "\x1b",
    "\x07",
    "\x00",
    "\x1b]2;x\x07",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\t",
    "\r",
    "\n",
]

hostile_text = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
