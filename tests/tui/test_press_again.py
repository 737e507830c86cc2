"""The "press again" line on its own: one question, answered by the same press about the same
thing, and forgotten after a while, when cancelled, or when another question is asked."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from focustimer.tui.widgets.press_again import ANSWER_S, PressAgain


class OneLine(App[None]):
    def __init__(self, answer_s: float = ANSWER_S) -> None:
        super().__init__()
        self.answer_s = answer_s

    def compose(self) -> ComposeResult:
        yield PressAgain(answer_s=self.answer_s, id="notice")


def shown(app: App[None]) -> str:
    return str(app.query_one(PressAgain).render())


async def test_the_second_press_about_the_same_thing_answers_and_clears_the_line():
    app = OneLine()
    async with app.run_test():
        line = app.query_one(PressAgain)
        assert not line.confirms("quit")  # a first press: nothing was asked
        line.ask("quit", Text("Press q again to quit"))
        assert shown(app) == "Press q again to quit"
        assert line.asking("quit") and not line.asking("end_early")
        assert not line.confirms("end_early")  # another action does not answer it
        assert line.asking("quit")
        assert line.confirms("quit")
        assert shown(app) == "" and not line.asking("quit")
        assert not line.confirms("quit")  # answered once: the next press asks again


async def test_a_question_about_one_turn_is_not_answered_by_a_press_in_another():
    app = OneLine()
    async with app.run_test():
        line = app.query_one(PressAgain)
        line.ask("end_early", Text("Press n again to end Ann's turn"), about=0)
        assert not line.confirms("end_early", about=1)
        assert line.asking("end_early") and line.about == 0
        assert line.confirms("end_early", about=0)


async def test_a_new_question_replaces_the_old_one():
    app = OneLine()
    async with app.run_test():
        line = app.query_one(PressAgain)
        line.ask("end_early", Text("Press n again"), about=0)
        line.ask("quit", Text("Press q again"))
        assert shown(app) == "Press q again"
        assert not line.confirms("end_early", about=0)
        assert line.confirms("quit")


async def test_cancel_forgets_the_question():
    app = OneLine()
    async with app.run_test():
        line = app.query_one(PressAgain)
        line.ask("quit", Text("Press q again"))
        line.cancel()
        assert shown(app) == "" and not line.confirms("quit")


async def test_unanswered_the_question_goes_after_its_time():
    app = OneLine(answer_s=0.05)
    async with app.run_test() as pilot:
        line = app.query_one(PressAgain)
        line.ask("quit", Text("Press q again"))
        await pilot.pause(0.2)
        assert shown(app) == ""
        assert not line.confirms("quit")  # too late: the press asks again
        line.ask("quit", Text("Press q again"))
        await pilot.pause(0.01)  # well within its time: still asking
        assert line.confirms("quit")
