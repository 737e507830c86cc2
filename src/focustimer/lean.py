"""What the timer's own process leaves out, so that a running session stays small.

asyncio (under Textual) imports ssl when it can, and loading OpenSSL costs about 4 MiB of
resident memory, a tenth of a running session. The timer never speaks TLS: nothing leaves
the machine, and a linked session talks to its server from a child process of its own.
"""

from __future__ import annotations

import sys


def leave_out_tls() -> None:
    """Make ``import ssl`` fail in this process (asyncio expects that it may: ssl is optional).

    Call it before Textual is imported; it does nothing once ssl has been loaded.
    """
    sys.modules.setdefault("ssl", None)  # type: ignore[arg-type]
