"""Over time, in pictures: drawn with QPainter, rendered to a PDF and read back."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.follow import over_time
from app.journal.measure_results import MeasureResult
from app.journal.model import CheckIn
from app.vault import Vault
from ui.follow.charts import ChartView, charts_pdf

TODAY = dt.date(2024, 3, 15)  # a Friday


def test_feeling_families_are_counted_per_week(opened: Vault) -> None:
    j = opened.journal
    j.save_checkin(CheckIn(dt.datetime(2024, 3, 12, 9), emotions=("calm", "sad", "fizzy")))
    j.save_checkin(CheckIn(dt.datetime(2024, 3, 13, 9), emotions=("peaceful",)))
    j.save_checkin(CheckIn(dt.datetime(2024, 3, 4, 9), emotions=("tired",)))
    weeks = over_time.feeling_weeks(j, weeks=3, today=TODAY)
    assert [w.start for w in weeks] == [
        dt.date(2024, 2, 26),
        dt.date(2024, 3, 4),
        TODAY.replace(day=11),
    ]
    assert dict(weeks[2].families) == {"calm": 2, "sadness": 1, "own": 1}
    assert dict(weeks[1].families) == {"tiredness": 1}
    assert not weeks[0].families


def test_the_pictures_render_into_a_pdf_that_reads_back(qtbot: QtBot, opened: Vault) -> None:
    j = opened.journal
    j.save_checkin(CheckIn(dt.datetime(2024, 3, 12, 9), emotions=("calm", "tender")))
    j.save_measure(MeasureResult("phq9", dt.datetime(2024, 3, 1, 9), (1,) * 9))
    j.save_measure(MeasureResult("gad7", dt.datetime(2024, 3, 14, 9), (2,) * 7))
    weeks = over_time.feeling_weeks(j, weeks=4, today=TODAY)
    pdf = charts_pdf(weeks, j.measures(), "Over time")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())  # pypdf reads spaces as tabs
    for label in ("Over time", "Feelings chosen", "Calm", "Tenderness", "PHQ-9", "GAD-7", "11 Mar"):
        assert label in text, label
    for never in ("mild", "moderate", "severe", "score"):
        assert never not in text.lower()


def test_without_the_questionnaires_only_feelings_are_drawn(opened: Vault) -> None:
    weeks = over_time.feeling_weeks(opened.journal, weeks=2, today=TODAY)
    page = PdfReader(io.BytesIO(charts_pdf(weeks, None, "Over time"))).pages[0]
    text = " ".join(page.extract_text().split())
    assert "No feelings chosen" in text
    assert "PHQ-9" not in text


def test_the_chart_on_screen_describes_itself(qtbot: QtBot, opened: Vault) -> None:
    opened.journal.save_checkin(CheckIn(dt.datetime(2024, 3, 12, 9), emotions=("calm",)))
    view = ChartView()
    qtbot.addWidget(view)
    view.show_data(over_time.feeling_weeks(opened.journal, weeks=2, today=TODAY), None)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    assert view.grab().width() == 500  # paints without error
    assert view.accessibleDescription() == "1 feeling words chosen over 2 weeks"
