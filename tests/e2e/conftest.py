from __future__ import annotations

import shutil

import pytest

from .tmux import Tmux


@pytest.fixture
def tmux():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: .ci/run installs it (apt-get install tmux)")
    terminal = Tmux()
    yield terminal
    terminal.close()
