"""The therapy packet: the sessions the client chose, without anything marked private."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from app.documents.measures_section import measures_html
from app.documents.names import people_names, with_whom
from app.documents.packet_more import (
    Extras,
    follow_through_html,
    revisits_html,
    talk_about_html,
    themes_html,
)
from app.documents.page import (
    PACKET_FOOTER,
    PACKET_TITLE,
    Document,
    _fields,
    _page,
    _text,
    session_heading,
    short_date,
)
from app.documents.pictures import FEELINGS, MEASURES, Picture, feelings_html
from app.documents.render import escape, markdown_to_html
from app.follow.over_time import feeling_weeks, weeks_since
from app.journal import Journal
from app.journal.feelings import with_amount
from app.journal.model import Action, Answer, CheckIn, NarrativePart, Session


@dataclass(frozen=True)
class SessionChoice:
    """What of one session goes into the therapy packet.

    ``answer_ids`` None means every answer that is not private; a set means only those
    (private ones are still left out, whatever the set says).
    """

    session_id: int
    narrative: bool = True
    answers: bool = True
    answer_ids: frozenset[int] | None = None
    checkins: bool = True
    actions: bool = True


def _narrative_html(session: Session, parts: Sequence[NarrativePart]) -> str:
    out = []
    if session.intention.strip():
        out.append(f"<h4>Intention</h4><p>{_text(session.intention)}</p>")
    written = [p for p in parts if p.body.strip()]
    if written:
        out.append("<h3>The story</h3>")
        for index, part in enumerate(written):
            if index:
                out.append(f"<p class='small'>Added on {escape(short_date(part.written_on))}</p>")
            out.append(_demote_headings(markdown_to_html(part.body)))
    return "".join(out)


_DEMOTED: Final = {1: 4, 2: 5, 3: 6, 4: 6, 5: 6, 6: 6}


def _demote_headings(fragment: str) -> str:
    """The story's own headings sit below the packet's (its h1 becomes h4, and so on).

    ``markdown_to_html`` leaves heading tags bare and escapes every "<" in the text, so a
    plain replacement touches only real tags.
    """
    for level in range(1, 7):
        new = _DEMOTED[level]
        fragment = fragment.replace(f"<h{level}>", f"<h{new}>").replace(
            f"</h{level}>", f"</h{new}>"
        )
    return fragment


def _answers_html(answers: Sequence[Answer]) -> str:
    if not answers:
        return ""
    out = ["<h3>Reflection</h3>"]
    for answer in answers:
        out.append(f"<h4>{_text(answer.question_text)}</h4><p>{_text(answer.body)}</p>")
    return "".join(out)


def checkin_when(moment: dt.datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}"


def _checkins_html(checkins: Sequence[CheckIn]) -> str:
    if not checkins:
        return ""
    out = ["<h3>Check-ins</h3>"]
    for ci in checkins:
        out.append(f"<h4>{escape(checkin_when(ci.checked_at))}</h4>")
        out.append(
            _fields(
                (
                    (
                        "Feelings",
                        ", ".join(with_amount(w, ci.amounts.get(w, "")) for w in ci.emotions),
                    ),
                    ("Other words", ci.emotion_words),
                    ("In the body", ci.body_sensations),
                    ("Thoughts", ci.thoughts),
                    ("Colour", ci.colour),
                    ("Sound", ci.sound),
                    ("Texture", ci.texture),
                    ("Felt sense", ci.felt_sense),
                )
            )
        )
    return "".join(out)


def _packet_actions_html(journal: Journal, session_id: int) -> str:
    actions = journal.actions_for_session(session_id)
    insights = journal.insights(session_id)
    names = people_names(journal)
    if not insights:
        return ""
    out = ["<h3>Action plan</h3>"]
    by_insight: dict[int, list[Action]] = {}
    for action in actions:
        by_insight.setdefault(action.insight_id, []).append(action)
    for insight in insights:
        if not insight.body.strip() and not by_insight.get(insight.id):
            continue
        out.append(f"<h4>{_text(insight.body) or 'An insight'}</h4>")
        for action in by_insight.get(insight.id, []):
            what = action.what.strip() or "(a step not yet named)"
            out.append(
                f"<p style='margin-bottom: 2pt'>{_text(what)} "
                f"<span class='small'>— {escape(action.status.label.lower())}</span></p>"
            )
            out.append(
                _fields(
                    (
                        ("When", action.cue),
                        ("How often", action.how_often),
                        ("With whom", with_whom(action, names)),
                        ("First small step", action.first_step),
                    )
                )
            )
    return "".join(out)


def _date_range(sessions: Sequence[Session]) -> str:
    first = min(s.held_on for s in sessions)
    last = max(s.held_on for s in sessions)
    if first == last:
        return short_date(first)
    return f"{short_date(first)} – {short_date(last)}"


def therapy_packet(
    journal: Journal,
    choices: Sequence[SessionChoice],
    *,
    cover: bool = False,
    cover_title: str = "",
    today: dt.date | None = None,
    measures: bool = False,
    extras: Extras | None = None,
) -> Document:
    """The chosen sessions (oldest first) with their chosen sections; private items out.
    ``extras``: what the client would like to talk about (first), themes, follow-through."""
    extras = extras or Extras()
    today = today or dt.date.today()
    title = cover_title.strip() or PACKET_TITLE
    chosen: list[tuple[Session, SessionChoice]] = []
    for choice in choices:
        session = journal.session(choice.session_id)
        if session is not None:
            chosen.append((session, choice))
    chosen.sort(key=lambda pair: (pair[0].held_on, pair[0].number))

    left_out = 0
    parts: list[str] = []
    if cover and chosen:
        parts.append(
            "<p style='font-size: 72pt'>&nbsp;</p>"  # the first block's top margin is ignored
            f"<p class='cover'>{escape(title)}</p>"
            f"<p class='meta'>{escape(_date_range([s for s, _ in chosen]))}<br>"
            f"{len(chosen)} session{'s' if len(chosen) != 1 else ''} · "
            f"prepared on {escape(short_date(today))}</p>"
        )
    talk = talk_about_html(extras.talk_about, after_cover=bool(cover and chosen))
    parts.append(talk)
    for index, (session, choice) in enumerate(chosen):
        style = "; page-break-before: always" if index or cover or talk else ""
        parts.append(
            f"<p style='font-size: 17pt; margin-bottom: 10px{style}'>"
            f"{escape(session_heading(session))}</p>"
        )
        if choice.narrative:
            parts.append(_narrative_html(session, journal.narrative(session.id)))
        if choice.answers:
            answers = journal.answers(session.id)
            left_out += sum(1 for a in answers if a.private)
            picked = [
                a
                for a in answers
                if not a.private
                and a.body.strip()
                and (choice.answer_ids is None or a.id in choice.answer_ids)
            ]
            parts.append(_answers_html(picked))
            notes = journal.revisit_notes(session.id)
            left_out += sum(1 for n in notes if n.private)
            parts.append(revisits_html([n for n in notes if not n.private]))
        if choice.checkins:
            checkins = journal.checkins(session.id)
            left_out += sum(1 for c in checkins if c.private)
            parts.append(_checkins_html([c for c in checkins if not c.private]))
        if choice.actions:
            parts.append(_packet_actions_html(journal, session.id))
    if not chosen:
        parts.append("<p>No sessions chosen yet.</p>")
    if extras.themes:
        parts.append(themes_html(journal, chosen))
    if extras.follow_through:
        parts.append(follow_through_html(journal, chosen, today, extras.first_weekday))
    pictures: list[Picture] = []
    if extras.feelings:  # from the first chosen session's week, else the window's 12 weeks
        first = min((s.held_on for s, _ in chosen), default=today - dt.timedelta(weeks=11))
        count = weeks_since(first, today, extras.first_weekday)
        weeks = feeling_weeks(journal, count, today, extras.first_weekday, private=False)
        parts.append(feelings_html(weeks, len(pictures), page_break=bool(chosen or talk)))
        pictures.append(Picture(FEELINGS, weeks=tuple(weeks)))
    if measures:  # only when the client ticks it: the questionnaires' page, at the end
        results = journal.measures()
        chart = len(pictures) if results else None
        broken = bool(chosen or extras.feelings)
        parts.append(measures_html(results, page_break=broken, picture=chart))
        if results:
            pictures.append(Picture(MEASURES, results=tuple(results)))
    return Document(
        _page("".join(parts)),
        title=title,
        footer=PACKET_FOOTER,
        left_out=left_out,
        pictures=tuple(pictures),
    )


def left_out_sentence(count: int) -> str:
    """Plain words for the preview: how many private items stay out of the packet."""
    if count == 0:
        return "Nothing here is marked private, so nothing is left out."
    if count == 1:
        return "1 item you marked private is left out."
    return f"{count} items you marked private are left out."


def _felt(checkin: CheckIn) -> str:
    return ", ".join(with_amount(w, checkin.amounts.get(w, "")) for w in checkin.emotions)
