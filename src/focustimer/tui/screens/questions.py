"""Questions the timer must ask: after the computer slept, and after a very long pause."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import _
from ...text import fill, literal, time_spent


class Question(ModalScreen[str | None]):
    """A question with a key for each answer; the answer is the dismiss value.

    Escape answers None: nothing is decided, and the session stays paused.
    """

    def __init__(self, question: Text, answers: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.text = question  # a name in it is shown literally
        self.question = question.plain
        self.answers = answers  # (key, answer, label)
        self._keys = {key: answer for key, answer, _label in answers}

    def compose(self) -> ComposeResult:
        with Vertical(id="question-box"):
            question = self.text.copy()
            question.stylize("bold")
            yield Static(question, id="question")
            for key, _answer, label in self.answers:
                yield Static(Text.assemble((f" {key} ", "reverse bold"), "  ", label))
            yield Static(_("escape: decide later (the session stays paused)"), id="question-later")

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key in self._keys:
            self.dismiss(self._keys[key])
        elif key == "escape":
            self.dismiss(None)


def sleep_question(boss: str, slept_ns: int) -> Question:
    return Question(
        fill(
            _("The computer slept for {time} during {boss}'s turn. How should that time count?"),
            time=time_spent(slept_ns),
            boss=literal(boss, 20),
        ),
        [
            ("p", "pause", _("as a pause: the turn goes on where it was")),
            ("t", "turn", _("as time that passed in the turn")),
        ],
    )


def long_pause_question(boss: str, paused_ns: int) -> Question:
    return Question(
        fill(
            _("You paused for {time}. Go on with {boss}'s turn, or end the session?"),
            time=time_spent(paused_ns),
            boss=literal(boss, 20),
        ),
        [
            ("g", "go_on", _("go on")),
            ("e", "end", _("end the session, keeping the times so far")),
        ],
    )
