"""The widgets the screens are made of: the big clock, the status line, the partners, the bottom."""
