"""What the "over time" pictures show: feeling families chosen per week, and measure totals.

Counts only — how many times a family's words were chosen in a week. No score for a mood,
no "better" or "worse", no streaks.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from app.follow.weekly import week_start
from app.journal import Journal, timeline_rows
from app.journal.feelings import family_of


@dataclass
class FeelingWeek:
    start: dt.date
    families: Counter[str] = field(default_factory=Counter)


def feeling_weeks(
    journal: Journal,
    weeks: int = 12,
    today: dt.date | None = None,
    first_weekday: int = 1,
    *,
    private: bool = True,
) -> list[FeelingWeek]:
    """The last ``weeks`` weeks (oldest first), each with the families chosen in it;
    ``private=False`` leaves out check-ins marked private (for anything shared)."""
    last = week_start(today or dt.date.today(), first_weekday)
    starts = [last - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    by_start = {s: FeelingWeek(s) for s in starts}
    for row in timeline_rows.checkin_rows(journal):
        if row[10] and not private:
            continue
        day = dt.datetime.fromisoformat(row[2]).date()
        week = by_start.get(week_start(day, first_weekday))
        if week is not None:
            week.families.update(family_of(word) for word in json.loads(row[3]))
    return [by_start[s] for s in starts]


def weeks_since(first: dt.date, today: dt.date, first_weekday: int = 1) -> int:
    """How many weeks, counted as ``feeling_weeks`` does, from ``first``'s to today's."""
    start, last = week_start(first, first_weekday), week_start(today, first_weekday)
    return max(1, (last - start).days // 7 + 1)
