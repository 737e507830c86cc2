"""Who is boss and who listens, each partner in their own colour."""

from __future__ import annotations

from rich.text import Text

from ...i18n import _
from ...text import fill, literal

# Distinct on dark and light themes, and told apart by people with the common colour-blindnesses.
PALETTE = (
    "#56b4e9",  # sky blue
    "#e69f00",  # orange
    "#009e73",  # green
    "#cc79a7",  # purple
    "#f0e442",  # yellow
    "#d55e00",  # vermilion
    "#0072b2",  # blue
    "#999999",  # grey
)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def name_text(name: str, index: int, *, bold: bool = True) -> Text:
    """A partner's name, literally as typed (never read as markup), in their colour."""
    return literal(name, style=f"{'bold ' if bold else ''}{colour(index)}")


def boss_line(names: tuple[str, ...], boss: int) -> Text:
    return fill(_("{boss} is boss"), boss=name_text(names[boss], boss))


def listeners_line(names: tuple[str, ...], boss: int) -> Text:
    """ "Bob listens", or for a group "Bob and Cas listen · Bob is next"."""
    others = [i for i in range(len(names)) if i != boss]
    listeners = [name_text(names[i], i, bold=False) for i in others]
    if len(listeners) == 1:
        line = fill(_("{name} listens"), name=listeners[0])
    else:
        line = fill(
            _("{names} and {last} listen"),
            names=Text(", ").join(listeners[:-1]),
            last=listeners[-1],
        )
    if len(others) > 1 and boss + 1 < len(names):
        line.append(" · ")
        line.append_text(
            fill(_("{name} is next"), name=name_text(names[boss + 1], boss + 1, bold=False))
        )
    return line


def order_line(names: tuple[str, ...], boss: int) -> Text:
    """A group's whole circle in speaking order: who has had their turn, the boss, who is next."""
    line = Text()
    for i, name in enumerate(names):
        if i:
            line.append("  ·  ", style="dim")
        if i < boss:
            line.append_text(name_text(name, i, bold=False))
            line.append(" ✓", style="dim")
        elif i == boss:
            line.append("▶ ", style=colour(i))
            line.append_text(name_text(name, i))
        else:
            line.append_text(name_text(name, i, bold=False))
            if i == boss + 1:
                line.append(" (" + _("next") + ")", style="dim")
    return line
