"""How long the therapy packet's own sections take: a year of follow-through and themes.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_packet_extras.py --out FILE.json

Builds a throw-away journal in a temporary folder (cheap key derivation: the figure is about
documents, not unlocking): 12 sessions a month apart, 5 actions each ticked on four days of
every week for a year, a week note with review answers for every week, and 10 themes on 60
entries. Reported (medians): the packet of every session with and without "What I'd like to
talk about", themes and follow-through, built and painted to a PDF in memory. A report, not
a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from app import documents, vault
from app.documents.packet_more import Extras
from app.follow.weekly import IN_THE_WAY, WENT_WELL, week_start
from app.journal.model import Action, WeekNote
from app.vault.kdf import KdfParams
from ui.paper import printing

START = dt.date(2025, 1, 6)
TODAY = START + dt.timedelta(days=364)


def _median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    samples, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(samples), 1), result


def _fill(journal: Any) -> list[documents.SessionChoice]:
    choices = []
    for month in range(12):
        session = journal.add_session(START + dt.timedelta(days=30 * month))
        story = journal.narrative(session.id)[0]
        journal.save_narrative_part(story.id, f"Story of month {month}.")
        insight = journal.add_insight(session.id, f"Insight {month}")
        for n in range(5):
            action = journal.add_action(Action(insight.id, session.id, f"Step {month}.{n}"))
            day = session.held_on
            while day <= TODAY:
                if day.weekday() in (0, 2, 4, 6):
                    journal.set_tick(action.id, day, True)
                day += dt.timedelta(days=1)
        for theme in range(5):
            journal.add_theme_to("narrative", story.id, f"theme {(month + theme) % 10}")
        choices.append(documents.SessionChoice(session.id))
    week = week_start(START)
    while week <= TODAY:
        body = f"A note.\n\n{WENT_WELL}\nWalks\n\n{IN_THE_WAY}\nRain"
        journal.save_week_note(WeekNote(week, body))
        week += dt.timedelta(days=7)
    return choices


def run(runs: int) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "journal"
        vault.create(folder, "bench passphrase", kdf=KdfParams.insecure_for_tests())
        v = vault.unlock(folder, "bench passphrase")
        try:
            j = v.journal
            choices = _fill(j)
            extras = Extras("A few words to start with.", themes=True, follow_through=True)
            printing.pdf_bytes(documents.recovery_sheet("WARM-UP"), printing.A4)

            def packet(more: Extras | None) -> bytes:
                document = documents.therapy_packet(j, choices, today=TODAY, extras=more)
                return printing.pdf_bytes(document, printing.A4)

            plain_ms, _ = _median_ms(lambda: packet(None), runs)
            build_ms, _ = _median_ms(
                lambda: documents.therapy_packet(j, choices, today=TODAY, extras=extras), runs
            )
            extras_ms, pdf = _median_ms(lambda: packet(extras), runs)
        finally:
            v.lock()
    del app
    import io

    import pypdf

    return {
        "packet_12_sessions_pdf_ms": plain_ms,
        "packet_12_sessions_with_extras_pdf_ms": extras_ms,
        "packet_with_extras_build_ms": build_ms,
        "packet_with_extras_pages": len(pypdf.PdfReader(io.BytesIO(pdf)).pages),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = run(args.runs)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
