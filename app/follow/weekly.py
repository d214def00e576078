"""The week: which days it holds, and the weekly review kept inside the week's note.

The review's two answers live in the same encrypted week note as the client's own words,
under headings the client can read and edit like any other text::

    a note for the week …

    ## What went well
    …

    ## What got in the way
    …
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WENT_WELL = "## What went well"
IN_THE_WAY = "## What got in the way"


def week_start(day: dt.date, first_weekday: int = 1) -> dt.date:
    """The first day of ``day``'s week; ``first_weekday`` is ISO (1 Monday … 7 Sunday)."""
    return day - dt.timedelta(days=(day.isoweekday() - first_weekday) % 7)


def week_days(start: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(7)]


@dataclass
class Review:
    note: str = ""  # the rest of the week's note, as the client wrote it
    went_well: str = ""
    in_the_way: str = ""


def split_review(body: str) -> Review:
    """The week note's own words and the two review answers, wherever the headings are."""
    sections = {"": [], WENT_WELL: [], IN_THE_WAY: []}  # type: dict[str, list[str]]
    current = ""
    for line in body.split("\n"):
        if line.strip() in (WENT_WELL, IN_THE_WAY):
            current = line.strip()
            continue
        sections[current].append(line)
    return Review(*("\n".join(sections[k]).strip() for k in ("", WENT_WELL, IN_THE_WAY)))


def join_review(review: Review) -> str:
    parts = [review.note.strip()] if review.note.strip() else []
    if review.went_well.strip():
        parts.append(f"{WENT_WELL}\n{review.went_well.strip()}")
    if review.in_the_way.strip():
        parts.append(f"{IN_THE_WAY}\n{review.in_the_way.strip()}")
    return "\n\n".join(parts)
