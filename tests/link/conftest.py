from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from .relay import Relay


@pytest.fixture(autouse=True)
async def no_link_left():
    """A test that fails half-way leaves no link process behind."""
    from .watch import Watch

    yield
    await Watch.close_all()


@pytest.fixture
def relay(tmp_path):
    """A mailbox server of this test's own on 127.0.0.1, always stopped afterwards."""
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else None) as directory:
        server = Relay(tmp_path, Path(directory) / "relay.sqlite")
        server.start()
        yield server
        server.stop()
