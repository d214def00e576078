"""Revisit offsets as typed in Settings, read without the journal (preferences are read
before the unlock window shows, and nothing of the journal's code need load for that)."""

from __future__ import annotations


def parse_offsets(text: str) -> tuple[int, ...]:
    """ "1, 7, 30" -> (1, 7, 30); anything that isn't a day count from 1 to 365 is left out."""
    days = set()
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if part.strip().isdigit() and 1 <= int(part) <= 365:
            days.add(int(part))
    return tuple(sorted(days))
