"""The ``focustimer`` command: ``main`` and one module per subcommand."""
