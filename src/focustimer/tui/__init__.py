"""The Textual app, its screens and widgets: the engine's state drawn, keys turned into actions."""
