"""The therapy packet's own sections around the sessions: what the client would like to
talk about (first), the themes and where they appear, and the follow-through week by week.

Only what the packet already shows is pointed at: a theme's place in a private answer, or
in a section the client left out, is not named. The follow-through shows the days ticked,
never a count or a score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.documents.page import _text, session_heading, short_date
from app.documents.render import escape, markdown_to_html
from app.follow.weekly import split_review, week_start
from app.journal import Journal
from app.journal.model import RevisitNote, Session
from app.journal.themes import theme_counts, theme_places

if TYPE_CHECKING:
    from app.documents.packet import SessionChoice

TALK_TITLE = "What I'd like to talk about"
THEMES_TITLE = "Themes"
FOLLOW_TITLE = "Follow-through"


@dataclass(frozen=True)
class Extras:
    """The packet's optional sections beyond the sessions themselves."""

    talk_about: str = ""
    themes: bool = False
    follow_through: bool = False
    first_weekday: int = 1  # ISO, as the weekly view counts weeks (its notes are keyed so)
    feelings: bool = False  # the feeling families chosen, week by week, as a picture


def talk_about_html(text: str, *, after_cover: bool = False) -> str:
    if not text.strip():
        return ""
    style = " style='page-break-before: always'" if after_cover else ""
    return f"<h2{style}>{escape(TALK_TITLE)}</h2>{markdown_to_html(text)}"


def revisits_html(notes: Sequence[RevisitNote]) -> str:
    """Coming back to the session later: each dated reflection (private ones are out)."""
    written = [n for n in notes if n.body.strip()]
    if not written:
        return ""
    out = ["<h3>Coming back to it</h3>"]
    for note in written:
        out.append(f"<h4>{escape(short_date(note.written_on))}</h4>{markdown_to_html(note.body)}")
    return "".join(out)


def _shown_places(
    journal: Journal, chosen: Sequence[tuple[Session, SessionChoice]]
) -> set[tuple[str, int]]:
    """The (kind, id) of every story part, answer and insight the packet shows."""
    shown: set[tuple[str, int]] = set()
    for session, choice in chosen:
        if choice.narrative:
            shown |= {("narrative", p.id) for p in journal.narrative(session.id) if p.body.strip()}
        if choice.answers:
            shown |= {
                ("answer", a.id)
                for a in journal.answers(session.id)
                if not a.private
                and a.body.strip()
                and (choice.answer_ids is None or a.id in choice.answer_ids)
            }
        if choice.actions:
            shown |= {("insight", i.id) for i in journal.insights(session.id)}
    return shown


def themes_html(journal: Journal, chosen: Sequence[tuple[Session, SessionChoice]]) -> str:
    shown = _shown_places(journal, chosen)
    out: list[str] = []
    for count in theme_counts(journal):
        places = [
            p for p in theme_places(journal, count.theme.id) if (p.kind, p.target_id) in shown
        ]
        if not places:
            continue
        out.append(f"<h4>{escape(count.theme.name)}</h4><ul>")
        for place in places:
            where = {
                "narrative": "in the story",
                "answer": f"in the answer to “{place.where}”",
                "insight": "in an insight",
            }[place.kind]
            out.append(f"<li>{escape(session_heading(place.session))}: {_text(where)}</li>")
        out.append("</ul>")
    if not out:
        return ""
    return f"<h2 style='page-break-before: always'>{escape(THEMES_TITLE)}</h2>" + "".join(out)


def follow_through_html(
    journal: Journal,
    chosen: Sequence[tuple[Session, SessionChoice]],
    today: dt.date,
    first_weekday: int = 1,
) -> str:
    """Each week from the first chosen session to this one: the days each of those
    sessions' actions was ticked, the week's note and its review answers."""
    if not chosen:
        return ""
    actions = [a for session, _ in chosen for a in journal.actions_for_session(session.id)]
    out: list[str] = []
    first = week_start(min(s.held_on for s, _ in chosen), first_weekday)
    # One read of each action's ticks for the whole span, sorted into weeks below.
    ticks = {a.id: sorted(journal.ticks(a.id, first, today)) for a in actions}
    start = first
    while start <= today:
        end = start + dt.timedelta(days=6)
        lines = []
        for action in actions:
            days = [d for d in ticks[action.id] if start <= d <= end]
            if days:
                what = action.what.strip() or "(a step not yet named)"
                ticked = ", ".join(f"{d:%a}" for d in days)
                lines.append(f"<li>{_text(what)}: ticked {escape(ticked)}</li>")
        review = split_review(journal.week_note(start).body)
        week = []
        if lines:
            week.append("<ul>" + "".join(lines) + "</ul>")
        for label, body in (
            ("Note", review.note),
            ("What went well", review.went_well),
            ("What got in the way", review.in_the_way),
        ):
            if body.strip():
                week.append(f"<p class='small'>{escape(label)}</p>{markdown_to_html(body)}")
        if week:
            out.append(f"<h4>Week of {escape(short_date(start))} – {escape(short_date(end))}</h4>")
            out.extend(week)
        start += dt.timedelta(days=7)
    if not out:
        return ""
    return f"<h2 style='page-break-before: always'>{escape(FOLLOW_TITLE)}</h2>" + "".join(out)
