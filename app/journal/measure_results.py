"""Answers to the optional questionnaires (``app.follow.measures``), one row per time."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.follow.measures import MEASURES
from app.journal.base import JournalBase


@dataclass
class MeasureResult:
    measure: str  # "phq9" or "gad7"
    taken_at: dt.datetime
    answers: tuple[int, ...]
    id: int = 0

    @property
    def total(self) -> int:
        return MEASURES[self.measure].total(self.answers)


class MeasureRecords(JournalBase):
    def save_measure(self, result: MeasureResult) -> MeasureResult:
        MEASURES[result.measure].total(result.answers)  # refuses a wrong number of answers
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO measure_results (measure, taken_at, answers) VALUES (?, ?, ?)",
                (result.measure, result.taken_at.isoformat(), json.dumps(list(result.answers))),
            )
            result.id = int(cur.lastrowid or 0)
        return result

    def delete_measure(self, result_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM measure_results WHERE id = ?", (result_id,))

    def measures(self, measure: str | None = None) -> list[MeasureResult]:
        """Results, oldest first (of one questionnaire, or of both for ``None``)."""
        rows = self._all(
            "SELECT measure, taken_at, answers, id FROM measure_results "
            "WHERE ? IS NULL OR measure = ? ORDER BY taken_at, id",
            (measure, measure),
        )
        return [
            MeasureResult(r[0], dt.datetime.fromisoformat(r[1]), tuple(json.loads(r[2])), r[3])
            for r in rows
        ]
