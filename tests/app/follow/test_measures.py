"""PHQ-9 and GAD-7 score exactly as published; results are kept in the journal."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from app.follow import measures
from app.follow.measures import GAD7, PHQ9
from app.journal.measure_results import MeasureResult
from app.transfer import exporting
from app.vault import Vault

# (answers, total, published band): the edges of every band and a few mixed sheets.
PHQ9_CASES = [
    ((0, 0, 0, 0, 0, 0, 0, 0, 0), 0, "minimal"),
    ((1, 1, 1, 1, 0, 0, 0, 0, 0), 4, "minimal"),
    ((1, 1, 1, 1, 1, 0, 0, 0, 0), 5, "mild"),
    ((3, 3, 3, 0, 0, 0, 0, 0, 0), 9, "mild"),
    ((2, 2, 2, 2, 2, 0, 0, 0, 0), 10, "moderate"),
    ((3, 2, 1, 0, 1, 2, 3, 2, 0), 14, "moderate"),
    ((2, 2, 2, 2, 2, 2, 2, 1, 0), 15, "moderately severe"),
    ((3, 3, 3, 3, 3, 2, 1, 1, 0), 19, "moderately severe"),
    ((3, 3, 3, 3, 2, 2, 2, 1, 1), 20, "severe"),
    ((3, 3, 3, 3, 3, 3, 3, 3, 3), 27, "severe"),
]
GAD7_CASES = [
    ((0, 0, 0, 0, 0, 0, 0), 0, "minimal"),
    ((1, 1, 1, 1, 0, 0, 0), 4, "minimal"),
    ((1, 1, 1, 1, 1, 0, 0), 5, "mild"),
    ((3, 3, 3, 0, 0, 0, 0), 9, "mild"),
    ((2, 2, 2, 2, 2, 0, 0), 10, "moderate"),
    ((2, 2, 2, 2, 2, 2, 2), 14, "moderate"),
    ((3, 3, 3, 3, 3, 0, 0), 15, "severe"),
    ((3, 3, 3, 3, 3, 3, 3), 21, "severe"),
]


@pytest.mark.parametrize(("answers", "total", "band"), PHQ9_CASES)
def test_phq9_totals_and_bands_are_the_published_ones(answers, total, band) -> None:
    assert PHQ9.total(answers) == total
    assert PHQ9.band(total) == band


@pytest.mark.parametrize(("answers", "total", "band"), GAD7_CASES)
def test_gad7_totals_and_bands_are_the_published_ones(answers, total, band) -> None:
    assert GAD7.total(answers) == total
    assert GAD7.band(total) == band


@pytest.mark.parametrize("measure", [PHQ9, GAD7])
def test_every_total_has_exactly_one_band(measure: measures.Measure) -> None:
    for total in range(measure.highest + 1):
        assert sum(low <= total <= high for low, high, _ in measure.bands) == 1
    # every combination of the first three items, the rest at "several days"
    for head in itertools.product(range(4), repeat=3):
        answers = (*head, *([1] * (len(measure.items) - 3)))
        assert measure.total(answers) == sum(head) + len(measure.items) - 3


def test_published_shape() -> None:
    assert len(PHQ9.items) == 9 and PHQ9.highest == 27
    assert len(GAD7.items) == 7 and GAD7.highest == 21
    assert measures.OPTIONS == (
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    )


@pytest.mark.parametrize("bad", [(0,) * 8, (0,) * 10, (0, 0, 0, 0, 0, 0, 0, 0, 4), (-1,) * 9])
def test_a_wrong_sheet_is_refused(bad: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        PHQ9.total(bad)


def test_item_nine_above_not_at_all_asks_for_the_care_note() -> None:
    assert not measures.needs_care_note("phq9", (3,) * 8 + (0,))
    for answer in (1, 2, 3):
        assert measures.needs_care_note("phq9", (0,) * 8 + (answer,))
    assert not measures.needs_care_note("gad7", (3,) * 7)


def test_an_offer_only_after_two_weeks() -> None:
    now = dt.datetime(2024, 3, 15, 9)
    assert measures.offer_due(None, now)
    assert not measures.offer_due(now - dt.timedelta(days=13), now)
    assert measures.offer_due(now - dt.timedelta(days=14), now)


def test_results_are_kept_and_exported(opened: Vault, tmp_path: Path) -> None:
    j = opened.journal
    taken = dt.datetime(2024, 3, 1, 9, 30)
    j.save_measure(MeasureResult("phq9", taken, (1,) * 9))
    j.save_measure(MeasureResult("gad7", taken + dt.timedelta(days=14), (2,) * 7))
    assert [(r.measure, r.total) for r in j.measures()] == [("phq9", 9), ("gad7", 14)]
    assert [r.total for r in j.measures("gad7")] == [14]
    with pytest.raises(ValueError):
        j.save_measure(MeasureResult("gad7", taken, (1,) * 9))
    target = tmp_path / "journal.json"
    exporting.export(j, "json", target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [(m["measure"], m["answers"]) for m in data["measures"]] == [
        ("phq9", [1] * 9),
        ("gad7", [2] * 7),
    ]


def test_the_packet_page_shows_bands_for_the_therapist_only_when_asked(opened: Vault) -> None:
    from app.documents.packet import therapy_packet

    j = opened.journal
    j.save_measure(MeasureResult("phq9", dt.datetime(2024, 3, 1, 9), (2,) * 8 + (1,)))
    j.save_measure(MeasureResult("gad7", dt.datetime(2024, 3, 2, 9), (1,) * 7))
    without = therapy_packet(j, []).html
    assert "PHQ-9" not in without
    page = therapy_packet(j, [], measures=True).html
    assert measures.NOT_A_DIAGNOSIS in page
    assert "17 of 27" in page and "moderately severe" in page
    assert "7 of 21" in page and "mild" in page
    assert "item 9" in page
