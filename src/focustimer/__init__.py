"""focustimer: an equal-turn timer for focusing partnerships."""

__version__ = "0.1.0"
