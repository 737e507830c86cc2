from __future__ import annotations

import pytest

from focustimer.plan import Plan


def test_default_is_two_partners():
    assert Plan(60).names == ("Partner A", "Partner B")


@pytest.mark.parametrize("names", [("Ann",), tuple("abcdefghi"), ("Ann", "Ann"), ("Ann", "")])
def test_bad_partner_lists_are_refused(names):
    with pytest.raises(ValueError):
        Plan(60, names)


def test_starting_with_keeps_the_circle():
    assert Plan(60, ("A", "B", "C", "D")).starting_with("C").names == ("C", "D", "A", "B")
