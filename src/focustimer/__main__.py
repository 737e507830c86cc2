"""``python -m focustimer``: the same as the ``focustimer`` command."""

from .cli.main import main

raise SystemExit(main())
