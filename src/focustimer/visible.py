"""Show text people typed exactly as typed: control characters as visible escapes (pure).

Names and arguments reach the screen, the log table and error messages; a stray escape
sequence or newline must neither drive the terminal nor break a one-line message.
"""

from __future__ import annotations

import unicodedata

_INVISIBLE = ("Cc", "Cf", "Zl", "Zp", "Cs")


def _escape(ch: str) -> str:
    if ch == "\u200d" or unicodedata.category(ch) not in _INVISIBLE:  # ZWJ joins emoji
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, limit: int | None = None) -> str:
    """``text`` with every control character written as an escape such as ``\\x1b``."""
    out = "".join(map(_escape, text))
    if limit is not None and len(out) > limit:
        return out[: limit - 1] + "…"
    return out
