"""The pictures a therapy packet can hold: feelings over time and questionnaire totals.

A document is HTML, and its ``QTextDocument`` loads nothing (no image can be fetched), so a
picture is a marked, empty paragraph here: ``ui.paper`` puts the chart there as a text
object and paints it with QPainter, in vectors, with the page. The data travel beside the
HTML in ``Document.pictures``. The anchor name cannot come from the client's words: their
Markdown loses every attribute but a safe ``href``, and plain text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from app.documents.page import short_date
from app.documents.render import escape
from app.follow.over_time import FeelingWeek
from app.journal.measure_results import MeasureResult

FEELINGS: Final = "feelings"
MEASURES: Final = "measures"
ANCHOR_PREFIX: Final = "ij-picture-"
FEELINGS_TITLE: Final = "Feelings over time"


@dataclass(frozen=True)
class Picture:
    """One chart: which kind, and the counts or totals it draws (never private ones)."""

    kind: str  # FEELINGS or MEASURES
    weeks: tuple[FeelingWeek, ...] = ()
    results: tuple[MeasureResult, ...] = ()


def picture_html(index: int, caption: str) -> str:
    """The place of picture ``index`` and its caption. Each picture comes right under its
    section's heading, which starts a page, so the two stay together without keep-together
    marks (those are measured without page breaks, which the packet has)."""
    return (
        f"<p style='margin-top: 6px'><a name='{ANCHOR_PREFIX}{index}'>&nbsp;</a></p>"
        f"<p class='small'>{escape(caption)}</p>"
    )


def span_words(first: dt.date, last: dt.date) -> str:
    if first == last:
        return short_date(first)
    return f"{short_date(first)} to {short_date(last)}"


def measures_caption(results: Sequence[MeasureResult]) -> str:
    first = min(r.taken_at for r in results).date()
    last = max(r.taken_at for r in results).date()
    return (
        f"The totals below as a picture, {span_words(first, last)}. PHQ-9 (0 to 27, left "
        "scale): solid line, round dots. GAD-7 (0 to 21, right scale): dashed line, "
        "square dots."
    )


def feelings_caption(weeks: Sequence[FeelingWeek]) -> str:
    end = weeks[-1].start + dt.timedelta(days=6)
    return (
        f"How many times words from each family were chosen in check-ins, week by week, "
        f"{span_words(weeks[0].start, end)}. Counts only; check-ins marked private are "
        "not counted."
    )


def feelings_html(weeks: Sequence[FeelingWeek], index: int, page_break: bool) -> str:
    style = " style='page-break-before: always'" if page_break else ""
    return f"<h2{style}>{escape(FEELINGS_TITLE)}</h2>" + picture_html(
        index, feelings_caption(weeks)
    )
