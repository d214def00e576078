"""Following through over time: the timeline around sessions, revisit offers, weekly check-offs."""
