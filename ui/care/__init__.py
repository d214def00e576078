"""Care between sessions: the "When it's hard" page and the client's people."""
