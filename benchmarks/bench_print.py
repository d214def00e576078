"""How fast documents print: the action plan and a therapy packet, each to a PDF in memory.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_print.py --journal DIR --out FILE.json

``--journal DIR`` is a journal folder (or a folder holding ``journal/``, as made by
``bench_journal.py --keep``); it is opened read-only in spirit (nothing is written), but the
vault takes the folder's lock, so benchmark a copy. Figures are medians of repeated runs:

* ``plan_pdf_ms`` — every active action of the journal (``app.documents.action_plan``) laid
  out and painted to a PDF in memory (``ui.paper.printing.pdf_bytes``); target ≤ 300 ms.
* ``plan_one_session_pdf_ms`` — the plan most people print: the active actions of the
  newest session that has any.
* ``packet_100_pdf_ms`` — a therapy packet of the newest sessions holding at least 100
  entries (narrative parts and reflection answers), every section chosen; target ≤ 2 s.
* ``packet_100_extras_pdf_ms`` — the same packet with "What I'd like to talk about",
  themes and where they appear, and the follow-through week by week.

Build (reading the journal, making the HTML) and PDF (layout and painting) are reported on
their own too, with page counts. This is a report, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from app import documents, vault
from app.documents.packet_more import Extras
from benchmarks.bench_journal import PASSPHRASE
from ui.paper import printing


def _median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    samples = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples), 1), result


def _page_count(pdf: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _journal_folder(path: Path) -> Path:
    return path / "journal" if (path / "journal" / "journal.keys").exists() else path


def _packet_choices(journal: Any, entries: int) -> tuple[list[documents.SessionChoice], int]:
    choices, total = [], 0
    for session in journal.sessions():
        choices.append(documents.SessionChoice(session.id))
        total += len(journal.narrative(session.id)) + len(journal.answers(session.id))
        if total >= entries:
            break
    return choices, total


def run(folder: Path, runs: int) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    v = vault.unlock(_journal_folder(folder), PASSPHRASE)
    try:
        j = v.journal
        paper = printing.A4
        printing.pdf_bytes(documents.recovery_sheet("WARM-UP"), paper)  # fonts, once

        def plan() -> bytes:
            return printing.pdf_bytes(documents.action_plan(j), paper)

        plan_build_ms, plan_doc = _median_ms(lambda: documents.action_plan(j), runs)
        plan_pdf_only_ms, _ = _median_ms(lambda: printing.pdf_bytes(plan_doc, paper), runs)
        plan_ms, plan_pdf = _median_ms(plan, runs)

        newest = next(
            s.id for s in j.sessions() if any(a.status.active for a in j.actions_for_session(s.id))
        )
        one_ms, one_pdf = _median_ms(
            lambda: printing.pdf_bytes(documents.action_plan(j, session_id=newest), paper), runs
        )

        choices, entries = _packet_choices(j, 100)

        def packet() -> bytes:
            return printing.pdf_bytes(documents.therapy_packet(j, choices, cover=True), paper)

        packet_build_ms, _ = _median_ms(
            lambda: documents.therapy_packet(j, choices, cover=True), runs
        )
        packet_ms, packet_pdf = _median_ms(packet, runs)
        extras = Extras("A few words to start with.", themes=True, follow_through=True)
        extras_ms, extras_pdf = _median_ms(
            lambda: printing.pdf_bytes(
                documents.therapy_packet(j, choices, cover=True, extras=extras), paper
            ),
            runs,
        )

        return {
            "plan_pdf_ms": plan_ms,
            "plan_build_ms": plan_build_ms,
            "plan_layout_and_paint_ms": plan_pdf_only_ms,
            "plan_actions": len(j.active_actions()),
            "plan_pages": _page_count(plan_pdf),
            "plan_pdf_kib": round(len(plan_pdf) / 1024, 1),
            "plan_ms_per_page": round(plan_ms / _page_count(plan_pdf), 2),
            "plan_one_session_pdf_ms": one_ms,
            "plan_one_session_pages": _page_count(one_pdf),
            "packet_100_pdf_ms": packet_ms,
            "packet_build_ms": packet_build_ms,
            "packet_sessions": len(choices),
            "packet_entries": entries,
            "packet_pages": _page_count(packet_pdf),
            "packet_pdf_kib": round(len(packet_pdf) / 1024, 1),
            "packet_100_extras_pdf_ms": extras_ms,
            "packet_extras_pages": _page_count(extras_pdf),
            "runs": runs,
        }
    finally:
        v.lock()
        del app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    report = run(args.journal, args.runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
