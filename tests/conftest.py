"""Seal every test from the developer's own machine: no real data, config or sound."""

from __future__ import annotations

import pytest
from hypothesis import settings

# .ci/run's later passes (other Pythons, the oldest libraries): each property runs on that
# set-up with 10 examples; the first pass searches with Hypothesis's default 100. Tests that
# set max_examples themselves keep their count everywhere.
settings.register_profile("other-setups", max_examples=10)


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
