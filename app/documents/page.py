"""What every printed document shares: its page style, the keep-together marks the
printer reads, dates and headings in words, and escaped plain text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from app.documents.render import escape
from app.journal.model import Session

if TYPE_CHECKING:
    from app.documents.pictures import Picture

PACKET_FOOTER: Final = "Shared by me, privately"
PLAN_TITLE: Final = "My action plan"
PACKET_TITLE: Final = "From my integration journal"
FIRST_NAME_META: Final = "print.first_name"  # kept in the journal's encrypted meta table
OWN_WORDS_META: Final = "print.own_words"


@dataclass(frozen=True)
class Document:
    """A document ready to lay out: its HTML, the line repeated at the top of every page,
    an optional small footer, how many private items were left out, and the data of the
    pictures its HTML marks a place for (``app.documents.pictures``)."""

    html: str
    title: str
    footer: str = ""
    left_out: int = 0
    pictures: tuple[Picture, ...] = ()


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
.label { color: #555555; font-size: 10pt; }
.small { color: #666666; font-size: 9.5pt; }
.what { font-size: 13pt; font-weight: 600; margin-top: 13px; margin-bottom: 4px; }
p.field { margin-bottom: 2px; margin-left: 14px; }
table.ticks { margin-top: 6px; margin-left: 14px; }
td.day { color: #444444; font-size: 9.5pt; padding-right: 5px; white-space: nowrap;
         vertical-align: middle; }
td.box { border-width: 1.5px; border-style: solid; border-color: #333333; padding-top: 5px;
         padding-bottom: 5px; }
p.after { font-size: 6pt; margin-bottom: 6px; }
p.insight { font-size: 12.5pt; font-style: italic; color: #333333; margin-top: 18px;
            margin-bottom: 2px; }
p.own { font-size: 14pt; font-style: italic; color: #333333; margin-bottom: 10px; }
p.section { font-size: 13pt; color: #333333; margin-top: 24px; margin-bottom: 6px; }
p.plain { margin-left: 14px; margin-bottom: 4px; }
td.rule { height: 30px; border-bottom-width: 1px; border-bottom-style: solid;
          border-bottom-color: #999999; }
blockquote { color: #444444; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 9.5pt; }
.cover { font-size: 26pt; margin-bottom: 13px; }
td.key { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 17pt;
         border-width: 1.5px; border-style: solid; border-color: #333333; }
table.keybox { margin-top: 18px; margin-bottom: 10px; }
td.step { font-size: 12pt; font-weight: 600; color: #444444; padding-right: 8px; }
td.stepline { font-size: 11pt; }
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


def _fields(rows: Iterable[tuple[str, str]]) -> str:
    """Label and value on one line each; paragraphs, not tables: they lay out far faster."""
    return "".join(
        f"<p class='field'><span class='label'>{escape(label)}</span>&nbsp;&nbsp;{_text(value)}</p>"
        for label, value in rows
        if value.strip()
    )


# -- the recovery sheet ----------------------------------------------------------------------


def recovery_sheet(recovery_key: str, today: dt.date | None = None) -> Document:
    """One page that opens the journal if the passphrase is forgotten: the key large and
    boxed, how to use it, and lines to note where the sheet is kept. No journal text, no
    name."""
    today = today or dt.date.today()
    steps = "".join(
        f"<tr><td class='step'>{n}</td><td class='stepline'>{escape(text)}</td></tr>"
        for n, text in enumerate(
            (
                "Open Integration Journal.",
                "Choose “Use recovery key instead”.",
                "Type the key printed above, exactly as it is.",
                "Choose a new passphrase. This key keeps working afterwards.",
            ),
            start=1,
        )
    )
    body = (
        "<h1>Recovery key</h1>"
        f"<p class='meta'>Integration Journal · made {escape(short_date(today))}</p>"
        "<p>This key opens your journal if you forget your passphrase. Anyone who has it "
        "and your computer can read your journal, so keep this sheet somewhere safe and "
        "private — not next to the computer.</p>"
        f"<table class='keybox' width='100%' cellpadding='14' cellspacing='0'>"
        f"<tr><td class='key'>{escape(recovery_key)}</td></tr></table>"
        "<p class='section'>If you ever need it</p>"
        f"<table cellspacing='0' cellpadding='3'>{steps}</table>"
        "<p class='section'>Where I keep this sheet</p>"
        "<table class='notes' width='100%' cellspacing='0' cellpadding='0'>"
        "<tr><td class='rule'>&nbsp;</td></tr><tr><td class='rule'>&nbsp;</td></tr></table>"
    )
    return Document(_page(body), title="Integration Journal — recovery key")
