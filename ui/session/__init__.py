"""One session: its header, narrative, reflection and action-plan tabs."""
