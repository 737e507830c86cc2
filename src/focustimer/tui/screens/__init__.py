"""The app's screens: ready, session, finished, help, log, stats, and the questions it must ask."""
