"""Opening the integration timeline on a large journal.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_timeline.py --journal DIR --out FILE.json

``DIR`` is a journal folder (or a folder holding ``journal/``, as ``bench_journal.py --keep``
makes). Work on a copy: the vault locks the folder. Figures (medians, ms):

- ``timeline_open_ms``: what opening the Timeline window costs — ``build_timeline`` for the
  newest 50 sessions (the window's first page; the journal holds all 10,000 entries) plus
  filling the view (``TimelineView.show_timelines``) and painting it once offscreen.
- ``timeline_open_all_ms``: the same with every session loaded ("Show earlier sessions"
  pressed until none are left).
- ``timeline_data_ms``: ``build_timeline`` alone, every session.
- ``timeline_data_50_ms``: ``build_timeline(limit=50)``, the newest 50 sessions.

This is a report, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import vault  # noqa: E402
from app.follow.timeline import build_timeline  # noqa: E402
from benchmarks.bench_journal import PASSPHRASE  # noqa: E402

RUNS = 15


def _median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm-up: the page cache and SQLCipher's decrypted pages
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    folder = args.journal
    if (folder / "journal").is_dir():
        folder = folder / "journal"

    from PySide6.QtWidgets import QApplication

    from ui.follow.timeline_view import PAGE, TimelineView

    app = QApplication.instance() or QApplication([])
    opened = vault.unlock(folder, PASSPHRASE)
    try:
        journal = opened.journal
        timelines = build_timeline(journal)
        view = TimelineView()
        view.resize(1000, 700)

        def open_view(limit: int) -> None:
            view.show_timelines(build_timeline(journal, limit=limit))
            view.grab()  # one full paint, offscreen

        report = {
            "sessions": len(timelines),
            "checkins_placed": sum(len(t.checkins) for t in timelines),
            "marks": sum(len(t.marks) for t in timelines),
            "timeline_open_ms": _median_ms(lambda: open_view(PAGE)),
            "timeline_open_all_ms": _median_ms(lambda: open_view(-1)),
            "timeline_data_ms": _median_ms(lambda: build_timeline(journal)),
            "timeline_data_50_ms": _median_ms(lambda: build_timeline(journal, limit=PAGE)),
        }
        view.clear()
        view.deleteLater()
    finally:
        opened.lock()
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
