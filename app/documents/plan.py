"""The action plan: a page for the fridge. Every active action (or one session's) with
when / how often / with whom / first step, a row of drawn boxes for the next seven days,
the insights that have no step listed as they are, and room for notes."""

from __future__ import annotations

import datetime as dt
from typing import Final

from app.documents.names import people_names, with_whom
from app.documents.page import (
    _KEEP_END,
    _KEEP_START,
    PLAN_TITLE,
    Document,
    _fields,
    _page,
    _text,
    long_date,
    session_heading,
)
from app.documents.render import escape
from app.journal import Journal
from app.journal.model import Action, Insight

# A box a pen can tick: drawn as a bordered table cell (a line on paper, not a font glyph
# that may be missing or print pale). CSS pixels; 26 px is about 7 mm on the page.
BOX_PX: Final = 28
NOTE_LINES: Final = 5


def _ticks(today: dt.date) -> str:
    """Seven drawn boxes, one for each of the next seven days, each labelled."""
    days = [today + dt.timedelta(days=n) for n in range(7)]
    cells = "".join(
        f"<td class='day' width='54' align='right'>{day:%a}&nbsp;{day.day}</td>"
        f"<td class='box' width='{BOX_PX}' height='{BOX_PX}'>&nbsp;</td>"
        "<td class='gap' width='8'>&nbsp;</td>"
        for day in days
    )
    return f"<table class='ticks' cellspacing='0' cellpadding='0'><tr>{cells}</tr></table>"


def _action_html(action: Action, today: dt.date, names: dict[int, str]) -> str:
    what = action.what.strip() or "A step, not named yet"
    return (
        f"<p class='what' style='{_KEEP_START}'>{_text(what)}</p>"
        + _fields(
            (
                ("When", action.cue),
                ("How often", action.how_often),
                ("With whom", with_whom(action, names)),
                ("First small step", action.first_step),
            )
        )
        + _ticks(today)
        + f"<p class='after' style='{_KEEP_END}'>&nbsp;</p>"
    )


def _insight_heading(insight: Insight | None) -> str:
    body = insight.body.strip() if insight is not None else ""
    return f"<p class='insight' style='{_KEEP_START}'>{_text(body) or 'What I noticed'}</p>"


def _notes() -> str:
    """Ruled lines for notes by hand, kept together on one page."""
    lines = "".join("<tr><td class='rule'>&nbsp;</td></tr>" for _ in range(NOTE_LINES))
    return (
        f"<p class='section' style='{_KEEP_START}'>Notes</p>"
        f"<table class='notes' width='100%' cellspacing='0' cellpadding='0'>{lines}</table>"
        f"<p class='after' style='{_KEEP_END}'>&nbsp;</p>"
    )


def action_plan(
    journal: Journal,
    *,
    session_id: int | None = None,
    first_name: str = "",
    own_words: str = "",
    today: dt.date | None = None,
) -> Document:
    """The active actions (planned or doing) grouped by insight, with seven days to tick.

    ``session_id`` None: every active action across sessions, grouped by session first.
    ``own_words``: an optional line in the client's words, printed at the top as written.
    Besides the actions only the insights of the same sessions that have no step go in:
    no story, no answers, no notes.
    """
    today = today or dt.date.today()
    if session_id is None:
        actions = journal.active_actions()
    else:
        actions = [a for a in journal.actions_for_session(session_id) if a.status.active]
    actions = [a for a in actions if a.named]
    by_session: dict[int, list[Action]] = {}
    for action in actions:
        by_session.setdefault(action.session_id, []).append(action)
    if session_id is not None:
        by_session.setdefault(session_id, [])

    names = people_names(journal)
    name = first_name.strip()
    parts = [f"<h1>{escape(PLAN_TITLE)}</h1>"]
    if own_words.strip():
        parts.append(f"<p class='own'>{_text(own_words)}</p>")
    meta = ("For " + escape(name) + " · " if name else "") + escape(long_date(today))
    if session_id is not None:
        session = journal.session(session_id)
        if session is not None:
            meta += "<br>" + escape("From " + session_heading(session))
    parts.append(f"<p class='meta'>{meta}</p>")
    if not actions:
        parts.append("<p>No steps are planned here yet.</p>")
    without_step: list[Insight] = []
    for sid, session_actions in by_session.items():
        session = journal.session(sid)
        if session_id is None and session is not None:
            parts.append(f"<h2 style='{_KEEP_START}'>{escape(session_heading(session))}</h2>")
        insights = journal.insights(sid)
        with_step = {a.insight_id for a in session_actions}
        without_step += [i for i in insights if i.id not in with_step and i.body.strip()]
        by_id = {i.id: i for i in insights}
        current: int | None = None
        for action in session_actions:
            if action.insight_id != current:
                current = action.insight_id
                parts.append(_insight_heading(by_id.get(action.insight_id)))
            parts.append(_action_html(action, today, names))
    if without_step:
        parts.append(f"<p class='section' style='{_KEEP_START}'>Noticed, with no step planned</p>")
        parts += [f"<p class='plain'>{_text(i.body)}</p>" for i in without_step]
    parts.append(_notes())
    return Document(_page("".join(parts)), title=PLAN_TITLE + (f" · {name}" if name else ""))
