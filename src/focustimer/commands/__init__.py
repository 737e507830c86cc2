"""Subcommands: one module each, with ``run(argv) -> int``; imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

SUBCOMMANDS = {
    "log": "log",
    "stats": "stats",
    "sound-check": "sound_check",
    "config": "config",
}


def run(name: str, argv: Sequence[str]) -> int:
    module = importlib.import_module(f"{__name__}.{SUBCOMMANDS[name]}")
    code: int = module.run(list(argv))
    return code
