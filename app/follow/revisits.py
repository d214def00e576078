"""Gentle revisits: an offer to look back at a session a day, a week, a month after it, and
at an action whose look-again date has come.

Pure and clock-free: the caller passes ``today`` (a local date). A session's prompt for
offset *k* is due from day *k* until the next offset's day (the last one for as many days
again), so a client who was away sees only the latest one, never a pile. Once the client
opens it or says "not now", it is handled; that is stored in the journal's encrypted
``meta`` table, never in the settings file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.journal import Journal

DEFAULT_OFFSETS = (1, 7, 30)
_HANDLED_KEY = "revisits.handled"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

SESSION = "session"
ACTION = "action"


@dataclass(frozen=True)
class Revisit:
    kind: str  # SESSION or ACTION
    key: str  # what "handled" remembers
    session_id: int
    held_on: dt.date
    offset: int = 0  # days after the session (SESSION)
    action_id: int = 0  # (ACTION)
    what: str = ""  # the action's words (ACTION)

    def text(self, today: dt.date) -> str:
        when = day_label(self.held_on, today)
        if self.kind == ACTION:
            thing = f"“{self.what}”" if self.what.strip() else "an action"
            return (
                f"You chose to look again around now at {thing}, from your session on "
                f"{when}. Would you like to look at it?"
            )
        return (
            f"It has been {_span(self.offset)} since your session on {when}. "
            "Would you like to look back at it?"
        )


def _span(days: int) -> str:
    return {1: "a day", 7: "a week", 14: "two weeks", 30: "a month"}.get(days, f"{days} days")


def day_label(day: dt.date, today: dt.date) -> str:
    """12 Nov (or 12 Nov 2025 when it isn't this year); never the locale's long form."""
    month = _MONTHS[day.month - 1]
    return f"{day.day} {month}" + ("" if day.year == today.year else f" {day.year}")


def parse_offsets(text: str) -> tuple[int, ...]:
    """ "1, 7, 30" -> (1, 7, 30); anything that isn't a day count from 1 to 365 is left out."""
    days = set()
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if part.strip().isdigit() and 1 <= int(part) <= 365:
            days.add(int(part))
    return tuple(sorted(days))


def handled(journal: Journal) -> set[str]:
    raw = journal.meta(_HANDLED_KEY)
    try:
        return set(json.loads(raw)) if raw else set()
    except ValueError:
        return set()


def mark_handled(journal: Journal, revisit: Revisit) -> None:
    keys = handled(journal) | {revisit.key}
    journal.set_meta(_HANDLED_KEY, json.dumps(sorted(keys)))


def _window(offsets: tuple[int, ...], index: int) -> tuple[int, int]:
    """The days (from, until — exclusive) on which the prompt for ``offsets[index]`` is due."""
    start = offsets[index]
    end = offsets[index + 1] if index + 1 < len(offsets) else 2 * start
    return start, end


def due(
    journal: Journal,
    today: dt.date,
    offsets: tuple[int, ...] = DEFAULT_OFFSETS,
    *,
    include_actions: bool = True,
    actions_at_most: int = -1,
) -> list[Revisit]:
    """What to offer today, the most recent session first, then actions (the first
    ``actions_at_most`` of them; all when negative)."""
    done = handled(journal)
    offsets = tuple(sorted(set(offsets)))
    found: list[Revisit] = []
    if offsets:
        earliest = today - dt.timedelta(days=2 * offsets[-1])
        # Only the sessions young enough to be offered are read, however long the journal,
        # and none still to come (a session planned ahead is offered nothing yet).
        for session in journal.sessions_held_since(earliest, today):
            age = (today - session.held_on).days
            for index, offset in enumerate(offsets):
                start, end = _window(offsets, index)
                if start <= age < end:
                    key = f"session:{session.id}:{offset}"
                    if key not in done:
                        found.append(Revisit(SESSION, key, session.id, session.held_on, offset))
    if include_actions:
        handled_actions = [key for key in done if key.startswith(f"{ACTION}:")]
        rows = journal.actions_to_look_at_again(today, handled_actions, actions_at_most)
        for action_id, what, look_again, session_id, held_on in rows:
            key = f"{ACTION}:{action_id}:{look_again}"
            if key not in done:
                found.append(
                    Revisit(
                        ACTION,
                        key,
                        session_id,
                        dt.date.fromisoformat(held_on),
                        action_id=action_id,
                        what=what,
                    )
                )
    return found
