"""The optional questionnaires' page of the therapy packet, for the therapist.

Only here do the published severity bands appear, each beside the words "screening
questions, not a diagnosis". The app itself shows totals only.
"""

from __future__ import annotations

from app.documents.page import short_date
from app.documents.pictures import measures_caption, picture_html
from app.documents.render import escape
from app.follow.measures import MEASURES, NOT_A_DIAGNOSIS
from app.journal.measure_results import MeasureResult


def measures_html(
    results: list[MeasureResult], page_break: bool, picture: int | None = None
) -> str:
    """The table of answers; with ``picture``, the index of their chart, drawn above it."""
    style = " style='page-break-before: always'" if page_break else ""
    out = [f"<h2{style}>Questionnaires (PHQ-9, GAD-7)</h2>", f"<p>{escape(NOT_A_DIAGNOSIS)}</p>"]
    if not results:
        out.append("<p>No answers yet.</p>")
        return "".join(out)
    if picture is not None:
        out.append(picture_html(picture, measures_caption(results)))
    out.append(
        "<table cellpadding='4'><tr><th align='left'>Date</th><th align='left'>Questionnaire"
        "</th><th align='left'>Total</th><th align='left'>Published severity band</th></tr>"
    )
    for result in results:
        measure = MEASURES[result.measure]
        item9 = ""
        if result.measure == "phq9" and result.answers[8] > 0:
            item9 = " (item 9 answered above “Not at all”)"
        out.append(
            f"<tr><td>{escape(short_date(result.taken_at.date()))}</td>"
            f"<td>{escape(measure.name)}</td>"
            f"<td>{result.total} of {measure.highest}</td>"
            f"<td>{escape(measure.band(result.total))}{escape(item9)}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)
