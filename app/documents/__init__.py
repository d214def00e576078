"""The documents the client prints or saves as PDF: the action plan, the therapy packet and
the recovery sheet, built as HTML for ``QTextDocument`` (``ui.paper.printing`` lays them out).

Pure Python, no Qt. Every piece of the client's text is escaped; Markdown goes only through
``app.documents.render.markdown_to_html``, so nothing in a document can load or run anything. Items
the client marked private never reach a document: the builders leave them out and say how
many they left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from app.documents.render import escape, markdown_to_html
from app.journal import Journal
from app.journal.model import Action, Answer, CheckIn, Insight, NarrativePart, Session

__all__ = [
    "PACKET_FOOTER",
    "Document",
    "SessionChoice",
    "action_plan",
    "recovery_sheet",
    "therapy_packet",
]

PACKET_FOOTER: Final = "Private — shared by the author"
PLAN_TITLE: Final = "My action plan"
PACKET_TITLE: Final = "From my integration journal"
FIRST_NAME_META: Final = "print.first_name"  # kept in the journal's encrypted meta table


@dataclass(frozen=True)
class Document:
    """A document ready to lay out: its HTML, the line repeated at the top of every page,
    an optional small footer, and how many private items were left out."""

    html: str
    title: str
    footer: str = ""
    left_out: int = 0


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


# QTextDocument's CSS subset: fonts, colours, margins, padding, borders on table cells.
_STYLE: Final = """
body { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Noto Serif",
       "DejaVu Serif", serif; font-size: 11pt; color: #222222; }
h1 { font-size: 20pt; font-weight: normal; margin-top: 0; margin-bottom: 5px; }
h2 { font-size: 14pt; font-weight: normal; margin-top: 29px; margin-bottom: 8px;
     color: #333333; }
h3 { font-size: 12pt; font-weight: 600; margin-top: 21px; margin-bottom: 3px; }
h4 { font-size: 11pt; font-weight: 600; margin-top: 13px; margin-bottom: 3px; }
h5, h6 { font-size: 11pt; font-weight: normal; font-style: italic; margin-top: 10px;
         margin-bottom: 3px; }

p { margin-top: 0; margin-bottom: 8px; }
.meta { color: #666666; font-size: 10pt; margin-bottom: 19px; }
.label { color: #666666; font-size: 9.5pt; }
.small { color: #666666; font-size: 9.5pt; }
.what { font-size: 12pt; font-weight: 600; margin-top: 13px; margin-bottom: 4px; }
p.field { margin-bottom: 1px; margin-left: 14px; }
p.ticks { margin-top: 5px; margin-bottom: 12px; margin-left: 14px; color: #666666;
          font-size: 9pt; }
.box { font-size: 13pt; color: #555555; }
p.insight { font-size: 12pt; font-style: italic; color: #333333; margin-top: 16px;
            margin-bottom: 2px; }
blockquote { color: #444444; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 9.5pt; }
.cover { font-size: 26pt; margin-bottom: 13px; }
.key { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 18pt;
       margin-top: 27px; margin-bottom: 27px; }
"""


# Blocks from a KEEP_START to the next KEEP_END belong on one page: the printer moves such a
# group to the next page rather than split it (QTextDocument keeps the number as the
# block's user state).
KEEP_START: Final = 1
KEEP_END: Final = 2
_KEEP_START: Final = f"-qt-user-state: {KEEP_START}"
_KEEP_END: Final = f"-qt-user-state: {KEEP_END}"


def _page(body: str) -> str:
    return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"


def long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _text(text: str) -> str:
    """Plain text (not Markdown) as HTML: escaped, line breaks kept."""
    return escape(text.strip()).replace("\n", "<br>")


def session_heading(session: Session) -> str:
    """ "Session 3 · 12 November 2026 · A title" — the words, not yet escaped."""
    parts = [f"Session {session.number}", short_date(session.held_on)]
    if session.title.strip():
        parts.append(session.title.strip())
    return " · ".join(parts)


# -- the action plan ------------------------------------------------------------------------


def _fields(rows: Iterable[tuple[str, str]]) -> str:
    """Label and value on one line each; paragraphs, not tables: they lay out far faster."""
    return "".join(
        f"<p class='field'><span class='label'>{escape(label)}</span>&nbsp;&nbsp;{_text(value)}</p>"
        for label, value in rows
        if value.strip()
    )


BOX: Final = "\u2610"  # ☐, a ballot box, in every common serif and sans font


def _ticks(today: dt.date) -> str:
    """Seven boxes to tick, one for each of the next seven days, labelled."""
    days = [today + dt.timedelta(days=n) for n in range(7)]
    cells = "&nbsp;&nbsp;&nbsp;&nbsp; ".join(
        f"<span class='box'>{BOX}</span>&nbsp;{day:%a}&nbsp;{day.day}" for day in days
    )
    return f"<p class='ticks' style='{_KEEP_END}'>{cells}</p>"


def _action_html(action: Action, today: dt.date) -> str:
    what = action.what.strip() or "(a step not yet named)"
    return (
        f"<p class='what' style='{_KEEP_START}'>{_text(what)}</p>"
        + _fields(
            (
                ("When", action.cue),
                ("How often", action.how_often),
                ("With whom", action.with_whom),
                ("First small step", action.first_step),
            )
        )
        + _ticks(today)
    )


def _insight_heading(insight: Insight | None) -> str:
    body = insight.body.strip() if insight is not None else ""
    return f"<p class='insight' style='{_KEEP_START}'>{_text(body) or 'An insight'}</p>"


def action_plan(
    journal: Journal,
    *,
    session_id: int | None = None,
    first_name: str = "",
    today: dt.date | None = None,
) -> Document:
    """The active actions (planned or doing) grouped by insight, with seven days to tick.

    ``session_id`` None: every active action across sessions, grouped by session first.
    Nothing else from the journal goes in: no story, no answers, no notes.
    """
    today = today or dt.date.today()
    if session_id is None:
        actions = journal.active_actions()
    else:
        actions = [a for a in journal.actions_for_session(session_id) if a.status.active]
    by_session: dict[int, list[Action]] = {}
    for action in actions:
        by_session.setdefault(action.session_id, []).append(action)

    name = first_name.strip()
    meta = ("For " + escape(name) + " · " if name else "") + escape(long_date(today))
    parts = [f"<h1>{escape(PLAN_TITLE)}</h1>"]
    scope = "All my active actions"
    if session_id is not None:
        session = journal.session(session_id)
        scope = "From " + session_heading(session) if session else scope
    parts.append(f"<p class='meta'>{meta}<br>{escape(scope)}</p>")
    if not actions:
        parts.append("<p>There are no planned actions here yet.</p>")
    for sid, session_actions in by_session.items():
        session = journal.session(sid)
        if session_id is None and session is not None:
            parts.append(f"<h2 style='{_KEEP_START}'>{escape(session_heading(session))}</h2>")
        insights = {i.id: i for i in journal.insights(sid)}
        current: int | None = None
        for action in session_actions:
            if action.insight_id != current:
                current = action.insight_id
                parts.append(_insight_heading(insights.get(action.insight_id)))
            parts.append(_action_html(action, today))
    subtitle = f"{PLAN_TITLE} · {short_date(today)}"
    return Document(_page("".join(parts)), title=subtitle)


# -- the therapy packet --------------------------------------------------------------------


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
                    ("Feelings", ", ".join(ci.emotions)),
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
                        ("With whom", action.with_whom),
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
) -> Document:
    """The chosen sessions (oldest first) with their chosen sections; private items out."""
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
    for index, (session, choice) in enumerate(chosen):
        style = "; page-break-before: always" if index or cover else ""
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
        if choice.checkins:
            checkins = journal.checkins(session.id)
            left_out += sum(1 for c in checkins if c.private)
            parts.append(_checkins_html([c for c in checkins if not c.private]))
        if choice.actions:
            parts.append(_packet_actions_html(journal, session.id))
    if not chosen:
        parts.append("<p>No sessions chosen yet.</p>")
    return Document(_page("".join(parts)), title=title, footer=PACKET_FOOTER, left_out=left_out)


def left_out_sentence(count: int) -> str:
    """Plain words for the preview: how many private items stay out of the packet."""
    if count == 0:
        return "Nothing here is marked private, so nothing is left out."
    if count == 1:
        return "1 item you marked private is left out."
    return f"{count} items you marked private are left out."


# -- the recovery sheet ----------------------------------------------------------------------


def recovery_sheet(recovery_key: str) -> Document:
    body = (
        "<h1>Integration Journal — recovery key</h1>"
        "<p>This key opens your journal if you forget your passphrase. Keep this sheet "
        "somewhere safe and private: anyone who has it and your computer can read your "
        "journal.</p>"
        f"<p class='key'>{escape(recovery_key)}</p>"
        "<p>To use it: open Integration Journal, choose “Use recovery key instead”, type the "
        "key, then choose a new passphrase.</p>"
    )
    return Document(_page(body), title="Integration Journal — recovery key")
