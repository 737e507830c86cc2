"""What the user asked for: durations, names, start time, config.toml, themes, where files live."""
