"""`--link`, `--relay` and `join` refuse what cannot work in one line, exit status 2, before
anything is opened (the relay's own answers are tested end to end: tests/e2e/test_link_in_tmux)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

import pytest

from focustimer.cli.main import main

SOON = (datetime.now() + timedelta(minutes=3)).strftime("%H:%M")


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_wormhole(monkeypatch):
    """magic-wormhole is not installed (the link extra was left out)."""
    monkeypatch.setitem(sys.modules, "wormhole", None)  # find_spec then answers None
    monkeypatch.delitem(sys.modules, "focustimer.link.client", raising=False)
    monkeypatch.delitem(sys.modules, "focustimer.link.opening", raising=False)
    import focustimer.link

    monkeypatch.delattr(focustimer.link, "client", raising=False)
    monkeypatch.delattr(focustimer.link, "opening", raising=False)


@pytest.mark.parametrize(
    "argv", [["30", "--names", "Ann", "Bob", "--link"], ["join", "7-guitarist-revenge"]]
)
def test_without_the_extra_it_says_how_to_install_it(argv, capsys, no_wormhole):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.strip().endswith(
        "Linked sessions need magic-wormhole: pip install 'focustimer[link]'"
    )
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["30", "--relay", "ws://127.0.0.1:4000/v1"], "--relay is for linked sessions"),
        (["30", "--names", "Ann", "Bob", "Cas", "--link"], "--link joins two partners"),
        (["30", "--names", "Ann", "Bob", "--link", "--at", SOON], "--link and --at"),
        (["30", "--link", "--relay", "http://relay.example.org"], "is not a relay address"),
        (["join", "guitarist", "revenge"], "is not a link code"),
        (["join", "7-guitarist-revenge", "--relay", "relay.example.org"], "is not a relay"),
        (["join"], "join"),
    ],
)
def test_what_cannot_link_is_one_line(argv, says, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert says in err and len(err.strip().splitlines()) <= 2, err  # usage and the line


def test_spaces_for_dashes_are_forgiven(monkeypatch):
    from focustimer.cli import linked

    seen = {}

    def fake_session(options, relay, code):
        seen.update(relay=relay, code=code)
        raise SystemExit(0)

    monkeypatch.setattr(
        linked,
        "run_linked",
        lambda base, relay, code: fake_session(base, relay, linked.check_link(relay, code)[1]),
    )
    with pytest.raises(SystemExit):
        main(["join", "7", "Guitarist", "revenge"])
    assert seen["code"] == "7-guitarist-revenge"


@pytest.mark.parametrize("argv", [["join", "7-guitarist-revenge"], ["30", "--link"]])
def test_the_relay_in_config_toml_is_the_one_used(argv, capsys, isolated):
    folder = isolated / "config"
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text('relay = "http://relay.example.org"\n')
    code, _out, err = run(argv, capsys)
    assert code == 2 and "'http://relay.example.org' is not a relay address" in err


def test_a_relay_in_config_toml_that_is_no_text_is_refused(capsys, isolated):
    folder = isolated / "config"
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text("relay = 4000\n")
    code, _out, err = run(["join", "7-guitarist-revenge"], capsys)
    assert code == 2 and "relay" in err and "ws://host:4000/v1" in err
