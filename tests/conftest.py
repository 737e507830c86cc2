"""Seal every test from the developer's own machine: no real data, config or sound."""

from __future__ import annotations

import pytest
from hypothesis import settings

# No deadline: how long one example takes is the machine's load, not the code's behaviour (a
# 200 ms deadline failed a pure engine property on a loaded CI machine); speed is measured in
# benchmarks/. .ci/run's later passes (other Pythons, the oldest libraries) run each property
# on that set-up with a tenth of the examples the first pass searches with; tests that set
# max_examples themselves ask tests/budget.py, which scales it alike.
settings.register_profile("focustimer", deadline=None)
settings.register_profile("other-setups", settings.get_profile("focustimer"), max_examples=10)
settings.load_profile("focustimer")


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FOCUSTIMER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("FOCUSTIMER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("FOCUSTIMER_SOUND", "off")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    from focustimer import i18n

    i18n.set_language("en")
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A snapshot is one Textual version's drawing: other versions draw a cell differently,
    # so `-m "not snapshot"` leaves them out where the oldest Textual allowed is tested.
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)


@pytest.fixture
def snap_compare(snap_compare):
    """pytest-textual-snapshot's snap_compare, with every text field's cursor held still.

    A focused Input blinks its cursor every half second: a snapshot taken a moment later on
    a busy machine caught it hidden and failed (the finished screen's note, 40x12, in CI).
    Held still it is shown, as in the saved drawings.
    """

    def compare(app, *args, run_before=None, **kwargs):
        from textual.widgets import Input

        async def still(pilot):
            if run_before is not None:
                await run_before(pilot)
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()

        return snap_compare(app, *args, run_before=still, **kwargs)

    return compare
