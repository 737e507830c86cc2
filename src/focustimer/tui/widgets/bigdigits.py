"""The big clock: the time left in digits that grow with the terminal, cheap to update.

Drawn on Textual's line API from cached glyph rows, so a new second is a lookup, not a
render. An update repaints only the cells that changed (one or two glyphs, often a few cells
of one), which keeps both our CPU and the bytes sent to the terminal small. The digits take
up to a fifth of the screen's height: with little room they keep Textual's 3x3 look, with
more they are drawn from a 5x7 pixel font in half blocks, as large as fits.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from textual.app import ComposeResult
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

# Textual's 3x3 digits (thin), the clock's look when there is little room.
BOX = {
    "0": ("╭─╮", "│ │", "╰─╯"),
    "1": ("╶╮ ", " │ ", "╶┴╴"),
    "2": ("╶─╮", "┌─┘", "╰─╴"),
    "3": ("╶─╮", " ─┤", "╶─╯"),
    "4": ("╷ ╷", "╰─┤", "  ╵"),
    "5": ("╭─╴", "╰─╮", "╶─╯"),
    "6": ("╭─╴", "├─╮", "╰─╯"),
    "7": ("╶─┐", "  │", "  ╵"),
    "8": ("╭─╮", "├─┤", "╰─╯"),
    "9": ("╭─╮", "╰─┤", "╶─╯"),
    "+": ("   ", "╶┼╴", "   "),
    "-": ("   ", "╶─╴", "   "),
    ":": ("   ", " : ", "   "),
    " ": ("   ", "   ", "   "),
}

# The same digits as pixels (5 wide, 7 high; the colon 1 wide), for the larger sizes. The
# corners left out round them off, as the 3x3 digits are.
PIXELS = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": (".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": ("####.", "....#", "....#", ".###.", "#....", "#....", ".####"),
    "3": ("####.", "....#", "....#", ".###.", "....#", "....#", "####."),
    "4": ("#...#", "#...#", "#...#", ".####", "....#", "....#", "....#"),
    "5": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "6": (".####", "#....", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("####.", "....#", "....#", "....#", "....#", "....#", "....#"),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "....#", "####."),
    "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    ":": (".", ".", "#", ".", "#", ".", "."),
    " ": (".....", ".....", ".....", ".....", ".....", ".....", "....."),
}
PIXEL_ROWS = 7
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}

MAX_PIXEL = 12  # cells per pixel at most: beyond this the clock only shouts
HEIGHT_SHARE = 5  # the digits take at most a fifth of the screen's height
MIN_PIXEL = 2  # one cell per pixel is too coarse to beat the 3x3 digits
SIDE_MARGIN = 4  # columns kept free beside the digits


@lru_cache(maxsize=256)
def _block_glyph(char: str, pixel: int) -> tuple[str, ...]:
    """One glyph's rows at ``pixel`` cells per pixel: two pixel rows share a cell (▀ ▄ █)."""
    bitmap = PIXELS.get(char, PIXELS[" "])
    half_rows = PIXEL_ROWS * pixel
    rows = []
    for row in range((half_rows + 1) // 2):

        def lit(half_row: int, column: int) -> bool:
            if half_row >= half_rows:
                return False
            return bitmap[half_row // pixel][column // pixel] == "#"

        width = len(bitmap[0]) * pixel
        rows.append(
            "".join(HALF_BLOCKS[lit(2 * row, x), lit(2 * row + 1, x)] for x in range(width))
        )
    return tuple(rows)


class Font:
    """How one clock character becomes rows of text at one size."""

    def __init__(self, pixel: int) -> None:
        self.pixel = pixel  # 0: Textual's 3x3 box digits
        self.height = 3 if pixel == 0 else (PIXEL_ROWS * pixel + 1) // 2
        self.gap = pixel  # blank columns between two glyphs (the 3x3 digits have their own)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Font) and other.pixel == self.pixel

    def __hash__(self) -> int:
        return self.pixel

    def glyph(self, char: str) -> tuple[str, ...]:
        if self.pixel == 0:
            return BOX.get(char, BOX[" "])
        return _block_glyph(char, self.pixel)

    def width(self, text: str) -> int:
        return sum(len(self.glyph(c)[0]) for c in text) + self.gap * max(0, len(text) - 1)


BOX_FONT = Font(0)
FONTS = [Font(pixel) for pixel in range(MAX_PIXEL, 0, -1)]


@lru_cache(maxsize=64)
def _font_for(shape: str, screen: Size) -> Font:
    tallest = screen.height // HEIGHT_SHARE
    widest = screen.width - SIDE_MARGIN
    for font in FONTS:
        if font.pixel >= MIN_PIXEL and font.height <= tallest and font.width(shape) <= widest:
            return font
    return BOX_FONT


def font_for(text: str, screen: Size) -> Font:
    """The largest size whose digits fit the screen's width and a fifth of its height."""
    # Every digit is as wide as the others: the size depends on the text's shape only.
    return _font_for("".join(c if c in ":+-" else "0" for c in text), screen)


def turn_font(text: str, widest: str, screen: Size) -> Font:
    """The size for ``text`` in a turn whose widest text is ``widest``: one size all turn, so
    that 10:00 becoming 9:59 never makes the digits jump (a wider text still fits)."""
    return min(font_for(widest, screen), font_for(text, screen), key=lambda font: font.pixel)


def overrun_widest(hours: bool) -> str:
    """The widest overrun the clock shows before it needs hours: its size all the overrun."""
    return "+" + ("1:39:59" if hours else "99:59")


class BigDigits(Widget):
    """A clock string (``29:59``, ``1:15:00``, ``+0:07``) in big digits, one glyph per child.

    Each glyph is a widget of its own because Textual repaints a changed cell together with
    everything left of it in the same widget: one widget per glyph keeps a new second down
    to the cells of the glyphs that changed.
    """

    DEFAULT_CSS = """
    BigDigits {
        layout: horizontal;
        width: auto;
        height: auto;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text
        self._widest = text
        self._font = BOX_FONT

    @property
    def text(self) -> str:
        return self._text

    @property
    def font(self) -> Font:
        """The size drawn now."""
        return self._font

    def compose(self) -> ComposeResult:
        for index, char in enumerate(self._text):
            yield Glyph(char, self._font, gap=self._font.gap if index else 0)

    def on_mount(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Choose the size again (after a resize of the terminal)."""
        self._show(self._text, force=False)

    def update(self, text: str, *, widest: str | None = None) -> None:
        """Show ``text``; only the glyphs that changed repaint, and only their changed cells.

        ``widest``: the widest text this turn can show, which sets the size for all of it.
        """
        widest = text if widest is None else widest
        if text != self._text or widest != self._widest:
            self._widest = widest
            self._show(text, force=False)

    def _show(self, text: str, *, force: bool) -> None:
        font = turn_font(text, self._widest, self.app.size) if self.is_mounted else self._font
        glyphs = list(self.query_children(Glyph))
        same_shape = len(glyphs) == len(text) and all(
            (g.char == ":") == (c == ":") for g, c in zip(glyphs, text, strict=True)
        )
        self._text = text
        if force or font != self._font or not same_shape:
            self._font = font
            self.refresh(recompose=True, layout=True)
            return
        for glyph, char in zip(glyphs, text, strict=True):
            glyph.show(char)


class Glyph(Widget):
    """One character of the big clock."""

    DEFAULT_CSS = """
    Glyph {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, char: str, font: Font, *, gap: int) -> None:
        super().__init__()
        self.char = char
        self._font = font
        self._pad = " " * gap
        self._rows = self._render_rows(char)

    def _render_rows(self, char: str) -> tuple[str, ...]:
        return tuple(self._pad + row for row in self._font.glyph(char))

    def show(self, char: str) -> None:
        if char == self.char:
            return
        rows = self._render_rows(char)
        changed = _changed_cells(self._rows, rows)
        self.char, self._rows = char, rows
        if changed:
            self.refresh(*changed)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self._rows[0])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows)

    def render_line(self, y: int) -> Strip:
        style = self.rich_style
        if y >= len(self._rows):
            return Strip.blank(self.size.width, style)
        row = self._rows[y]
        return Strip([Segment(row, style)], len(row))


def _changed_cells(old: tuple[str, ...], new: tuple[str, ...]) -> list[Region]:
    """Per row, the span of cells that differ between two renderings of the same size."""
    regions = []
    for y, (before, after) in enumerate(zip(old, new, strict=True)):
        differ = [x for x, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        if differ:
            regions.append(Region(differ[0], y, differ[-1] - differ[0] + 1, 1))
    return regions
