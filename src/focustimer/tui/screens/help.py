"""The help screen: every key, and what the timer is for."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import N_, _
from ..bindings import translate_bindings


def key_rows() -> list[tuple[str, str]]:
    """Each key (or keys, comma-separated) and what it does, in the language chosen."""
    return [
        (_("space"), _("start, pause, resume")),
        (_("n, enter"), _("next: start the next turn after the chime")),
        ("", _("during a turn: end it early (press twice)")),
        ("t", _("before the start: play the chime, to hear that it works")),
        ("q", _("quit (press twice while a session runs)")),
        ("c", _("calm view: no digits; a key that does nothing else shows them for 5 s")),
        ("f", _("on the ready screen: let the next partner start")),
        ("r", _("on the ready screen: resume the session of these partners that was cut off")),
        ("l", _("the session log (before and after a session)")),
        ("s", _("on the log screen: the stats of the log; s again goes back")),
        ("?", _("this help")),
        (_("escape"), _("close this help, cancel a question")),
    ]


def _keys() -> Table:
    table = Table.grid(padding=(0, 2))
    for key, what in key_rows():
        table.add_row(Text(key, style="bold"), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", N_("close")),
        Binding("question_mark", "dismiss", N_("close")),
        Binding("q", "dismiss", N_("close")),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text(_("focustimer: equal turns"), style="bold"))
            yield Static(
                _(
                    "The agreed time is split into exactly equal turns. Whoever's turn it is, "
                    "is the boss of it: they talk, think aloud or focus in silence, and the "
                    "others only listen. A chime ends each turn."
                )
            )
            yield Static("")
            yield Static(_keys())

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
