"""focustimer: an equal-turn timer for focusing partnerships."""

__version__ = "0.1.0"
APP_NAME = "focustimer"  # the folder of its settings and of its log, on every platform
