"""``python -m focustimer``: the same as the ``focustimer`` command."""

from .cli import main

raise SystemExit(main())
