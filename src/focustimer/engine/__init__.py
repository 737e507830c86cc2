"""The pure core: the clock, the plan, the turns, the events and the state machine.

It keeps equal turns on an injected clock, imports nothing else of focustimer and no UI, sound
or storage library (tests/unit/test_purity.py proves it).
"""
