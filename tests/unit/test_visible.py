from __future__ import annotations

from focustimer.visible import visible


def test_control_characters_are_shown_as_escapes():
    assert visible("Ann\x1b[31m\n") == "Ann\\x1b[31m\\x0a"
    assert visible("a\u202eb") == "a\\u202eb"


def test_markup_and_emoji_stay_as_typed():
    assert visible("[bold]Ann[/]") == "[bold]Ann[/]"
    assert visible("👩‍👩‍👧") == "👩‍👩‍👧"


def test_long_text_is_cut_with_an_ellipsis():
    assert visible("x" * 100, 10) == "x" * 9 + "…"
