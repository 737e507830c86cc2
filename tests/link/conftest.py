from __future__ import annotations

from collections.abc import Iterator

import pytest

from .relay import Relay, running_relay


@pytest.fixture(autouse=True)
async def no_link_left():
    """A test that fails half-way leaves no link process behind."""
    from .watch import Watch

    yield
    await Watch.close_all()


@pytest.fixture(scope="session")
def _shared_relay(tmp_path_factory) -> Iterator[Relay]:
    with running_relay(tmp_path_factory.mktemp("relay")) as server:
        yield server


@pytest.fixture
def relay(_shared_relay) -> Relay:
    """A mailbox server on 127.0.0.1 that the tests of one test process share, as partners
    share a public one: each code's mailbox is its own. Twisted takes a second or two to
    start; a test that stops or freezes the server has ``own_relay``."""
    assert _shared_relay.process is not None and _shared_relay.process.poll() is None
    return _shared_relay


@pytest.fixture
def own_relay(tmp_path) -> Iterator[Relay]:
    """A mailbox server of this test's own on 127.0.0.1, always stopped afterwards."""
    with running_relay(tmp_path) as server:
        yield server
