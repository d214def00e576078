"""The documents the client prints or saves as PDF: the action plan, the therapy packet and
the recovery sheet, built as HTML for ``QTextDocument`` (``ui.paper.printing`` lays them out).

Pure Python, no Qt. Every piece of the client's text is escaped; Markdown goes only through
``app.documents.render.markdown_to_html``, so nothing in a document can load or run anything. Items
the client marked private never reach a document: the builders leave them out and say how
many they left out.
"""

from __future__ import annotations

from app.documents.packet import SessionChoice, checkin_when, left_out_sentence, therapy_packet
from app.documents.page import (
    FIRST_NAME_META,
    KEEP_END,
    KEEP_START,
    OWN_WORDS_META,
    PACKET_FOOTER,
    PACKET_TITLE,
    PLAN_TITLE,
    Document,
    long_date,
    recovery_sheet,
    session_heading,
    short_date,
)
from app.documents.plan import BOX_PX, action_plan

__all__ = [
    "BOX_PX",
    "FIRST_NAME_META",
    "KEEP_END",
    "KEEP_START",
    "OWN_WORDS_META",
    "PACKET_FOOTER",
    "PACKET_TITLE",
    "PLAN_TITLE",
    "Document",
    "SessionChoice",
    "action_plan",
    "checkin_when",
    "left_out_sentence",
    "long_date",
    "recovery_sheet",
    "session_heading",
    "short_date",
    "therapy_packet",
]
