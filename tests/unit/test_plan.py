from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focustimer.engine.plan import Plan, person_key


def test_default_is_two_partners():
    assert Plan(60).names == ("Partner A", "Partner B")


@pytest.mark.parametrize(
    "names",
    [
        ("Ann",),
        tuple("abcdefghi"),
        ("Ann", "Ann"),
        ("Ann", ""),
        ("Ann", "ANN"),
        ("Åsa", "A\u030asa"),
    ],
)
def test_bad_partner_lists_are_refused(names):
    with pytest.raises(ValueError):
        Plan(60, names)


def test_starting_with_keeps_the_circle():
    assert Plan(60, ("A", "B", "C", "D")).starting_with("C").names == ("C", "D", "A", "B")


def test_starting_with_finds_the_person_in_any_case_and_keeps_names_as_typed():
    assert Plan(60, ("ann", "Bob", "CAS")).starting_with("cas").names == ("CAS", "ann", "Bob")


@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=8))
def test_names_are_one_person_exactly_when_their_keys_agree(names):
    keys = [person_key(n) for n in names]
    if len(set(keys)) < len(keys):
        with pytest.raises(ValueError):
            Plan(60, tuple(names))
        return
    plan = Plan(60, tuple(names))
    assert plan.names == tuple(names)  # shown exactly as typed
    for name in names:
        assert plan.starting_with(name).names[0] == name
        if person_key(name.swapcase()) == person_key(name):  # not so for a dotless i
            assert plan.starting_with(name.swapcase()).names[0] == name


@pytest.mark.parametrize(
    ("typed", "other_case"),
    [("\u1fd7", "\u0399\u0308\u0342"), ("Åsa", "A\u030aSA"), ("Straße", "STRASSE")],
)
def test_a_name_in_the_other_case_is_the_same_person_even_where_casefolding_decomposes(
    typed, other_case
):
    """Casefolding U+1FD7 gives three code points; the other case, composed, gave two: the
    key is normalized after casefolding too (Unicode's canonical caseless match)."""
    assert person_key(typed) == person_key(other_case)
