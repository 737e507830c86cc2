"""The "press again" line: a key that ends something asks first, and a second press answers."""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Label

ANSWER_S = 3.0  # how long the question waits for its second press


class PressAgain(Label):
    """One question at a time, about one action (and what it is about, such as a turn).

    It shows its question until the second press, another key that acts, or ``ANSWER_S``;
    after that the first press must be made again.
    """

    def __init__(self, *, answer_s: float = ANSWER_S, id: str | None = None) -> None:
        super().__init__(id=id, classes="centre")
        self.answer_s = answer_s
        self.action: str | None = None  # what waits for its second press, if anything
        self.about: object = None  # ... and what it is about: the second press must match
        self._timer: Timer | None = None

    def asking(self, action: str) -> bool:
        return self.action == action

    def confirms(self, action: str, about: object = None) -> bool:
        """This press is the second for ``action`` about the same thing: the question is answered
        (and gone); False when it is a first press, which should ``ask``."""
        answered = self.action == action and self.about == about
        if answered:
            self.cancel()
        return answered

    def ask(self, action: str, question: Text, about: object = None) -> None:
        self.cancel()
        self.action, self.about = action, about
        self.update(question)
        self._timer = self.set_timer(self.answer_s, self.cancel)

    def cancel(self) -> None:
        """No question any more: a first press must ask again."""
        self.action, self.about = None, None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.update("")
