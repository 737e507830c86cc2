"""pydub, imported without a word on the terminal.

Importing pydub warns when ffmpeg is missing (we need ffmpeg only for sounds that are not
WAV, and say so ourselves); its source has invalid escape sequences, which Python reports
when it compiles them (a SyntaxWarning from 3.12, a DeprecationWarning before); and before
3.13 it imports the deprecated ``audioop``. Those warnings, from pydub only, are silenced.
pydub is imported only when needed, because it takes a moment.
"""

from __future__ import annotations

import shutil
import warnings
from typing import Any

FROM_PYDUB = r".*pydub"  # a module name (pydub.utils) or, for compiler warnings, its path


def audio_segment() -> Any:
    """pydub's ``AudioSegment`` class (pydub has no type hints)."""
    with warnings.catch_warnings():
        for category, message in (
            (RuntimeWarning, r"Couldn't find ff(mpeg|play|probe) or av"),
            (SyntaxWarning, "invalid escape sequence"),
            (DeprecationWarning, "invalid escape sequence"),
            (DeprecationWarning, "'audioop' is deprecated"),
        ):
            warnings.filterwarnings("ignore", message, category, module=FROM_PYDUB)
        from pydub import AudioSegment

    return AudioSegment


def ffmpeg_available() -> bool:
    """Whether pydub can decode formats other than WAV here (it runs ffmpeg and ffprobe)."""
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None
