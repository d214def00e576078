"""Two published screening questionnaires, PHQ-9 and GAD-7, and how they are scored.

Both are free to reproduce, translate and distribute (Pfizer's PHQ Screeners, developed by
Drs Spitzer, Williams, Kroenke and colleagues). The items, the answer options and the
scoring are exactly as published. The severity bands are the published ones too, and the
app shows them only in the therapy packet, for the therapist, next to the words
"screening questions, not a diagnosis": inside the app nobody is given a label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

OPTIONS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
NOT_A_DIAGNOSIS = "These are screening questions, not a diagnosis."
OFFER_EVERY = dt.timedelta(days=14)


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    stem: str
    items: tuple[str, ...]
    bands: tuple[tuple[int, int, str], ...]  # (lowest total, highest total, published band)

    @property
    def highest(self) -> int:
        return 3 * len(self.items)

    def total(self, answers: tuple[int, ...]) -> int:
        if len(answers) != len(self.items) or any(a not in (0, 1, 2, 3) for a in answers):
            raise ValueError(f"{self.name} takes {len(self.items)} answers from 0 to 3")
        return sum(answers)

    def band(self, total: int) -> str:
        """The published severity band (for the therapist's packet only)."""
        return next(name for low, high, name in self.bands if low <= total <= high)


PHQ9 = Measure(
    key="phq9",
    name="PHQ-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ),
)
GAD7 = Measure(
    key="gad7",
    name="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    bands=((0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")),
)
MEASURES = {m.key: m for m in (PHQ9, GAD7)}
SAFETY_ITEM = 8  # PHQ-9 item 9 (0-based): any answer above "Not at all" brings a calm note


def needs_care_note(key: str, answers: tuple[int, ...]) -> bool:
    return key == PHQ9.key and len(answers) > SAFETY_ITEM and answers[SAFETY_ITEM] > 0


def offer_due(last_taken: dt.datetime | None, now: dt.datetime) -> bool:
    """Only for clients who asked to be offered: two weeks since the last time."""
    return last_taken is None or now - last_taken >= OFFER_EVERY


# "Not now" means "not today", not "not this fortnight": the questions look back over two
# weeks, so answers given a few days later still describe nearly the same stretch. Three
# days keeps the offer rare (at most twice a week for someone who keeps declining) without
# letting a whole fortnight slip; the reminder itself can be turned off in Settings.
SNOOZE = dt.timedelta(days=3)


def offer_due_on(
    today: dt.date,
    *,
    turned_on: bool,
    reminder: bool,
    last_taken: dt.date | None,
    snoozed_until: dt.date | None = None,
) -> bool:
    """The main window's gentle offer: only with the questionnaires and the reminder both
    on, two weeks (by calendar day) after the last answers or when there are none yet,
    and not while a "Not now" lasts. A snooze further away than ``SNOOZE`` can only come
    from a clock that was wrong when it was set; it is ignored rather than hiding the offer
    for good."""
    if not (turned_on and reminder):
        return False
    if last_taken is not None and today - last_taken < OFFER_EVERY:
        return False
    return snoozed_until is None or not today < snoozed_until <= today + SNOOZE


def snoozed_until(today: dt.date) -> dt.date:
    """The day a "Not now" given today ends: the offer may come back from then on."""
    return today + SNOOZE
