"""Finding things: search, themes across sessions, every answer to a question."""
