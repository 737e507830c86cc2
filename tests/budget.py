"""How many examples a property tries: pass 1 of CI searches, the later passes check.

CI's later passes run each property on another Python or other library versions with the
profile ``other-setups`` (tests/conftest.py), whose default is a tenth of Hypothesis's 100;
a test that sets its own count asks for it through ``examples`` and is scaled alike.
"""

from __future__ import annotations

from hypothesis import settings


def examples(wanted: int) -> int:
    """``wanted`` under Hypothesis's default profile; under another, scaled as its default
    is (at least 1: each property still runs)."""
    return max(1, wanted * settings.default.max_examples // 100)
