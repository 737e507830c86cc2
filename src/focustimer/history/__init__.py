"""Looking back: what the log's sessions become in tables, JSON, the rhythm and the balance."""
