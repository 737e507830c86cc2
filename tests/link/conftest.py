from __future__ import annotations

import pytest

from .relay import Relay

pytest.importorskip("wormhole_mailbox_server", reason="pip install -e '.[test]' brings it")


@pytest.fixture
def relay(tmp_path):
    """A mailbox server of this test's own on 127.0.0.1, always stopped afterwards."""
    server = Relay(tmp_path)
    server.start()
    yield server
    server.stop()
