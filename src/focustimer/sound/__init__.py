"""The chime: the sounds, the players that can play them here, and playing them safely.

Nothing here blocks the app or reaches its terminal: each sound plays in a child process
(``player``), and when no sound can be played the app rings the terminal bell instead.
"""
