"""The action plan: every active action (or one session's), with boxes to tick for a week."""

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
    short_date,
)
from app.documents.render import escape
from app.journal import Journal
from app.journal.model import Action, Insight

BOX: Final = "\u2610"  # ☐, a ballot box, in every common serif and sans font


def _ticks(today: dt.date) -> str:
    """Seven boxes to tick, one for each of the next seven days, labelled."""
    days = [today + dt.timedelta(days=n) for n in range(7)]
    cells = "&nbsp;&nbsp;&nbsp;&nbsp; ".join(
        f"<span class='box'>{BOX}</span>&nbsp;{day:%a}&nbsp;{day.day}" for day in days
    )
    return f"<p class='ticks' style='{_KEEP_END}'>{cells}</p>"


def _action_html(action: Action, today: dt.date, names: dict[int, str]) -> str:
    what = action.what.strip() or "(a step not yet named)"
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

    names = people_names(journal)
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
            parts.append(_action_html(action, today, names))
    subtitle = f"{PLAN_TITLE} · {short_date(today)}"
    return Document(_page("".join(parts)), title=subtitle)


# -- the therapy packet --------------------------------------------------------------------
