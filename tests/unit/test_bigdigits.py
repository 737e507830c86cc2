"""The big clock's fonts: every size fits the screen, and a repaint covers every changed cell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.geometry import Size

from focustimer.engine.clock import NS
from focustimer.text import count_up, needs_hours, time_left
from focustimer.tui.widgets.bigdigits import (
    BOX,
    BOX_FONT,
    HEIGHT_SHARE,
    PIXELS,
    SIDE_MARGIN,
    Font,
    _changed_cells,
    font_for,
    overrun_widest,
    turn_font,
)

CLOCK_CHARS = sorted(set(BOX) & set(PIXELS))
clock_texts = st.one_of(
    st.integers(0, 10 * 3600).map(lambda s: time_left(s * NS)),
    st.integers(0, 10 * 3600).map(lambda s: "+" + count_up(s * NS)),
)
fonts = st.sampled_from([BOX_FONT, *(Font(p) for p in range(1, 13))])


def rows(font: Font, text: str) -> list[str]:
    glyphs = [font.glyph(c) for c in text]
    gap = " " * font.gap
    return [gap.join(g[y] for g in glyphs) for y in range(font.height)]


def test_every_clock_character_has_a_glyph_in_both_styles():
    for char in "0123456789:+- ":
        assert char in BOX and char in PIXELS
    assert all(len(row) == 3 for glyph in BOX.values() for row in glyph)
    assert all(len(glyph) == 7 for glyph in PIXELS.values())


@given(fonts, st.sampled_from(CLOCK_CHARS))
def test_a_glyph_is_a_rectangle_of_the_font_height(font, char):
    glyph = font.glyph(char)
    assert len(glyph) == font.height
    assert len({len(row) for row in glyph}) == 1
    if font.pixel:
        assert len(glyph[0]) == len(PIXELS[char][0]) * font.pixel
        assert set("".join(glyph)) <= set(" ▀▄█")


@given(st.integers(1, 12), st.sampled_from(CLOCK_CHARS))
def test_the_half_blocks_show_exactly_the_font_pixels(pixel, char):
    glyph = Font(pixel).glyph(char)
    bitmap = PIXELS[char]
    for half_row in range(7 * pixel):
        for x in range(len(bitmap[0]) * pixel):
            lit = bitmap[half_row // pixel][x // pixel] == "#"
            cell = glyph[half_row // 2][x]
            assert (cell in ("▀█" if half_row % 2 == 0 else "▄█")) == lit, (half_row, x)


@given(clock_texts, st.integers(20, 400), st.integers(8, 150))
def test_the_chosen_size_fits_the_screen(text, width, height):
    font = font_for(text, Size(width, height))
    if font is BOX_FONT or font.pixel == 0:
        return
    assert font.height <= height // HEIGHT_SHARE
    assert font.width(text) <= width - SIDE_MARGIN
    bigger = Font(font.pixel + 1)
    assert font.pixel == 12 or not (
        bigger.height <= height // HEIGHT_SHARE and bigger.width(text) <= width - SIDE_MARGIN
    )


def test_the_sizes_people_use():
    assert font_for("29:59", Size(40, 12)) == BOX_FONT
    assert font_for("29:59", Size(80, 24)) == BOX_FONT  # as before: three rows
    big = font_for("29:59", Size(200, 60))
    assert big.height >= 3 * 3  # at least three times the 3x3 digits
    assert font_for("1:15:00", Size(200, 60)).width("1:15:00") <= 196


@given(fonts, clock_texts, clock_texts)
def test_the_repainted_cells_are_exactly_the_changed_ones(font, before, after):
    if font.width(before) != font.width(after) or len(before) != len(after):
        return  # a change of width lays the clock out again: all of it is drawn
    old, new = rows(font, before), rows(font, after)
    painted = set()
    for region in _changed_cells(tuple(old), tuple(new)):
        xs, ys = range(region.x, region.right), range(region.y, region.bottom)
        painted |= {(x, y) for x in xs for y in ys}
    for y, (a, b) in enumerate(zip(old, new, strict=True)):
        for x, (ca, cb) in enumerate(zip(a, b, strict=True)):
            if ca != cb:
                assert (x, y) in painted
    # and rows that did not change are not sent at all
    changed_rows = {y for y, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
    assert {y for _, y in painted} == changed_rows


@given(
    planned_s=st.integers(min_value=1, max_value=4 * 3600),
    width=st.integers(min_value=20, max_value=400),
    height=st.integers(min_value=5, max_value=150),
)
def test_one_size_for_a_whole_turn_however_the_time_counts_down(planned_s, width, height):
    """10:00 -> 9:59 or 1:40:00 -> 1:39:59 never changes the size mid-turn (it did)."""
    screen = Size(width, height)
    hours = needs_hours(planned_s * NS)
    widest = time_left(planned_s * NS, hours=hours)
    first = turn_font(widest, widest, screen)
    for left in {planned_s, planned_s - 1, 6000, 5999, 600, 599, 60, 59, 9, 0}:
        if 0 <= left <= planned_s:
            text = time_left(left * NS, hours=hours)
            font = turn_font(text, widest, screen)
            assert font == first
            assert font.width(text) <= max(width - 4, font.width(text) if font == BOX_FONT else 0)


@given(st.integers(min_value=0, max_value=100 * 60 - 1), st.booleans())
def test_an_overrun_keeps_one_size_as_it_grows(overrun_s, hours):
    """For the first 100 minutes (a window left open longer may shrink once)."""
    screen = Size(200, 60)
    widest = overrun_widest(hours)
    text = "+" + count_up(overrun_s * NS, hours=hours)
    assert turn_font(text, widest, screen) == turn_font(
        "+" + count_up(0, hours=hours), widest, screen
    )
