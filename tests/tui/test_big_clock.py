"""The big clock grows with the terminal: large digits at 200x60, the 3x3 ones at 80x24."""

from __future__ import annotations

import pytest

from focustimer.tui.widgets.bigdigits import BOX_FONT, BigDigits, Glyph

from .helpers import advance, app_for, to_running, to_turn_over


@pytest.mark.parametrize("step", [to_running, to_turn_over], ids=["running", "turn_over"])
def test_at_200x60(snap_compare, step):
    app, clock = app_for(60 * 60, names=("Ann", "Bob"))

    async def run_before(pilot):
        await step(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(200, 60), run_before=run_before)


async def test_the_digits_grow_and_shrink_with_the_terminal():
    app, clock = app_for(60 * 60, names=("Ann", "Bob"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_running(pilot, clock)
        digits = app.screen.query_one("#clock", BigDigits)
        assert digits.font == BOX_FONT and digits.region.height == 3
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.pause()
        assert digits.font.pixel >= 3
        assert digits.region.height == digits.font.height >= 11
        assert digits.region.width < 200
        assert [g.char for g in digits.query(Glyph)] == list(digits.text) == list("28:59")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.pause()
        assert digits.font == BOX_FONT and digits.region.height == 3


async def test_a_new_second_repaints_only_the_glyphs_that_changed():
    app, clock = app_for(60 * 60, names=("Ann", "Bob"))
    async with app.run_test(size=(200, 60)) as pilot:
        await to_running(pilot, clock)
        digits = app.screen.query_one("#clock", BigDigits)
        glyphs = list(digits.query(Glyph))
        before = [g.render_line(y).text for g in glyphs for y in range(digits.font.height)]
        await advance(pilot, clock, 1)  # 28:59 -> 28:58
        assert list(digits.query(Glyph)) == glyphs  # the same widgets: no new layout
        after = [g.render_line(y).text for g in glyphs for y in range(digits.font.height)]
        height = digits.font.height
        assert before[: 4 * height] == after[: 4 * height]
        assert before[4 * height :] != after[4 * height :]


async def test_the_digits_keep_their_size_when_10_00_becomes_9_59():
    app, clock = app_for(2 * (10 * 60 + 2), names=("Ann", "Bob"))
    async with app.run_test(size=(61, 60)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        digits = app.screen.query_one("#clock", BigDigits)
        sizes = []
        for _ in range(4):
            await advance(pilot, clock, 1)
            await pilot.pause()
            sizes.append((digits.text, digits.font.pixel))
        assert [text for text, _pixel in sizes] == ["10:01", "10:00", "9:59", "9:58"]
        assert len({pixel for _text, pixel in sizes}) == 1
