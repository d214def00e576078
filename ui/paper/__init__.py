"""Paper: the one printing path, the printed plan and the therapy packet."""
