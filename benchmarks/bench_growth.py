"""How the app grows with the journal: the same figures at 1,000, 10,000 and 100,000 entries.

    python benchmarks/bench_growth.py [--sizes 1000 10000 100000] [--cache DIR]
                                      [--out benchmarks/out/growth.json]

Each synthetic journal (``bench_journal.build``, same seed) is built once into
``~/.cache/integration-journal-bench/journal-<entries>`` and reused; the build time is kept
in its ``build.json`` (100,000 entries: about 15 minutes on 2 busy cores, 1 GB). Every
figure is the median of repeated runs in a fresh process per size, printed with the load
average of the machine beside it: on a shared machine, a figure taken under load is
slower than the app is. Peak memory is the GUI process's own ``ru_maxrss``, read by that
process. The daily backup is not started by these unlocks (it is its own figure in
``bench_journal.py``). A report, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = Path.home() / ".cache" / "integration-journal-bench"
SIZES = (1_000, 10_000, 100_000)
RARE = "quorvelinthe"
MIDDLING = "light"

# (key, label, target at 100k in ms or MiB, or None)
ROWS: list[tuple[str, str, float | None]] = [
    ("unlock_rest_ms", "Unlock → main window usable, minus the KDF", 150),
    ("unlock_longest_gui_step_ms", "… longest single step on the GUI thread", 50),
    (
        "catch_up_on_worker_ms",
        "Catching up one edited long entry (on a worker, at once after the autosave)",
        50,
    ),
    (
        "search_during_catch_up_ms",
        "Search typed at the moment of that autosave (waits for the worker)",
        None,
    ),
    ("search_after_upkeep_ms", "Search typed after the worker is done (caught up)", 50),
    (
        "search_after_save_ms",
        "Search after an edit, catching up on its own (no worker: the old way)",
        None,
    ),
    (
        "upkeep_step_steady_max_ms",
        "… longest background upkeep step then (holds the write lock)",
        None,
    ),
    (
        "upkeep_first_total_s",
        "First upkeep of the index as built (merging; seconds, in steps)",
        None,
    ),
    ("upkeep_step_max_ms", "… its longest step", None),
    (
        "search_typed_after_writing_ms",
        "In the window: story typed, Find, a word typed — that search's step (median of 7)",
        50,
    ),
    ("search_typed_after_writing_max_ms", "… the slowest of the 7", None),
    ("search_middling_ms", f"Search a middling word (“{MIDDLING}”)", 20),
    ("search_filtered_worst_ms", "Filtered search, slowest case", 30),
    ("session_list_first_page_ms", "Session list, first page (100)", None),
    ("revisits_due_ms", "Revisit offers at unlock", None),
    ("timeline_first_page_ms", "Timeline, first screenful (50 sessions)", 300),
    ("every_answer_first_page_ms", "Every answer to a question, first 20", 300),
    ("gui_peak_rss_mib", "Peak memory, GUI unlocked and browsed (own ru_maxrss)", 150),
    ("export_json_ms", "JSON export, streamed on a worker's own connection", None),
    ("export_peak_rss_mib", "… peak memory of that process (own ru_maxrss)", None),
]


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _median_ms(fn: Callable[[], Any], runs: int, setup: Callable[[], Any] | None = None) -> float:
    fn()  # warm the page cache; not counted
    samples = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 2)


def _upkeep(j: Any) -> list[float]:
    """Every upkeep step until none is left; each step's time in ms."""
    steps = []
    while True:
        start = time.perf_counter()
        more = j.index_upkeep_step()
        steps.append((time.perf_counter() - start) * 1000)
        if not more:
            return steps


def _catch_up_at_once(j: Any, part_id: int, bodies: Any) -> dict[str, Any]:
    """As the app does after each write (ui/find/index_keeper.py): the edited entry is
    caught up at once on a worker's own connection. Timed: that catch-up, and a search
    typed at the very moment of the autosave (it waits for the worker's transaction)."""
    import threading

    opener = j.sibling_opener()
    worker_ms: list[float] = []

    def catch_up() -> None:
        with opener() as own:
            start = time.perf_counter()
            while own.index_catch_up_step():
                pass
            worker_ms.append((time.perf_counter() - start) * 1000)

    overlapped: list[float] = []
    for _ in range(9):
        j.save_narrative_part(part_id, next(bodies))
        worker = threading.Thread(target=catch_up)
        worker.start()
        start = time.perf_counter()
        j.search(RARE)
        overlapped.append((time.perf_counter() - start) * 1000)
        worker.join()
    return {
        "catch_up_on_worker_ms": round(statistics.median(worker_ms), 2),
        "search_during_catch_up_ms": round(statistics.median(overlapped), 2),
    }


def core(folder: Path) -> dict[str, Any]:
    """Run in a fresh process: the journal-side figures."""
    from app import vault
    from app.follow import revisits
    from app.follow.timeline import build_timeline
    from app.journal.search import SearchFilters
    from benchmarks.bench_journal import PASSPHRASE, save_bodies
    from ui.common.session_list import PAGE

    v = vault.unlock(folder, PASSPHRASE)
    out: dict[str, Any] = {}
    try:
        j = v.journal
        j.refresh_index()
        part = j.narrative(j.sessions(limit=1)[0].id)[0]
        bodies = iter(save_bodies(80))
        out["search_after_save_as_found_ms"] = _median_ms(
            lambda: j.search(RARE), 5, lambda: j.save_narrative_part(part.id, next(bodies))
        )
        # The app's upkeep at quiet moments (ui/find/index_keeper.py), on this connection.
        steps = _upkeep(j)
        out["upkeep_first_steps"] = len(steps)
        out["upkeep_first_total_s"] = round(sum(steps) / 1000, 1)
        out["upkeep_step_max_ms"] = round(max(steps), 1)
        out["search_after_save_ms"] = _median_ms(
            lambda: j.search(RARE), 9, lambda: j.save_narrative_part(part.id, next(bodies))
        )
        steady: list[float] = []

        def save_then_upkeep() -> None:
            j.save_narrative_part(part.id, next(bodies))
            steady.extend(_upkeep(j))

        out["search_after_upkeep_ms"] = _median_ms(lambda: j.search(RARE), 9, save_then_upkeep)
        out["upkeep_step_steady_max_ms"] = round(max(steady), 1)
        out.update(_catch_up_at_once(j, part.id, bodies))
        out["search_after_save_load"] = _load()
        out["search_middling_ms"] = _median_ms(lambda: j.search(MIDDLING), 15)
        ordered = sorted(j.sessions_held_since(dt.date.min), key=lambda s: s.held_on)
        middle = ordered[len(ordered) // 2].held_on
        filters = {
            "section": SearchFilters(section="answer"),
            "dates": SearchFilters(
                since=middle - dt.timedelta(days=45), until=middle + dt.timedelta(days=45)
            ),
        }
        filtered = {
            f"{word}_{name}": _median_ms(lambda w=word, f=chosen: j.search(w, 50, f), 9)
            for word in (MIDDLING, "the", "li*")
            for name, chosen in filters.items()
        }
        out["search_filtered_worst_ms"] = max(filtered.values())
        out["search_filtered"] = filtered
        out["search_load"] = _load()
        out["session_list_first_page_ms"] = _median_ms(lambda: j.sessions_after(None, PAGE), 15)
        today = ordered[-1].held_on + dt.timedelta(days=3)
        out["revisits_due_ms"] = _median_ms(lambda: revisits.due(j, today, actions_at_most=20), 9)
        out["timeline_first_page_ms"] = _median_ms(lambda: build_timeline(j, limit=50), 7)
        out["every_answer_first_page_ms"] = _median_ms(
            lambda: j.answers_to_question("after.1", 20, 0), 9
        )
        from app.journal.themes import theme_counts, theme_places
        from ui.find.themes_window import PAGE as THEME_PAGE

        counts = theme_counts(j)
        if counts:  # the synthetic journals carry none; bench_packet_extras.py adds some
            top = max(counts, key=lambda c: c.places).theme.id
            out["themes_first_page_ms"] = _median_ms(
                lambda: (theme_counts(j), theme_places(j, top, THEME_PAGE, 0)), 7
            )
            out["themes_top_places"] = max(c.places for c in counts)
        out["sessions"] = j.session_count()
        out["reads_load"] = _load()
    finally:
        v.lock()
    return out


def gui(folder: Path, runs: int = 5) -> dict[str, Any]:
    """Run in a fresh process: unlock the real app ``runs`` times; this process's peak."""
    import resource

    from PySide6.QtWidgets import QApplication

    from benchmarks import bench_gui as g

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert app is not None
    g.pyside_refcount_guard()
    from app.vault import backups
    from ui.common import preferences
    from ui.shell import controller as shell

    backups.daily_backup_due = lambda *_: False  # type: ignore[assignment]
    events = g.Events()
    c = shell.JournalApp(folder, preferences.Preferences(auto_lock_minutes=0))
    assert c.start()
    events.drain()
    clock = g.UnlockClock()
    results = []
    with clock.installed():
        for _ in range(runs):
            results.append(g.unlock_once(c, events, clock))
            assert events.run(c.lock)
            events.drain()
        g.unlock_once(c, events, clock)
        written = _write_then_search(c, events)
        assert events.run(c.lock)
        events.drain()
    c.folder_lock.release()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "unlock_rest_ms": round(statistics.median(r["rest_ms"] for r in results), 2),
        "unlock_longest_gui_step_ms": round(
            max(
                max(r["gui_thread_block_building_main_ms"], r["after_first_paint_longest_step_ms"])
                for r in results[1:]
            ),
            2,
        ),
        "unlock_runs_ms": [r["rest_ms"] for r in results],
        "gui_peak_rss_mib": round(peak / 1024**2 if sys.platform == "darwin" else peak / 1024, 1),
        **written,
        "gui_load": _load(),
    }


def _write_then_search(c: Any, events: Any, runs: int = 7) -> dict[str, Any]:
    """As a person does it: words typed into the story, Find (Ctrl+F), a word typed into
    the search field. Timed: the search step on the GUI thread once the field's pause
    (150 ms) has passed — the autosave on leaving the story and the index keeper's
    catch-up on its worker happen before it, as in the app."""
    from PySide6.QtTest import QTest

    main = c.main_window
    panel = main.search_panel
    taken: list[float] = []
    queued: list[int] = []
    real = panel.run_search

    def timed() -> None:
        queued.append(main.journal.pending_index_count())
        start = time.perf_counter()
        real()
        taken.append((time.perf_counter() - start) * 1000)

    panel.timer.timeout.disconnect()
    panel.timer.timeout.connect(timed)
    original = main.narrative.editors[0].toPlainText()  # put back after: the cache is reused
    for n in range(runs):
        editor = main.narrative.editors[0]
        editor.setFocus()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        QTest.keyClicks(editor, f" A ptarmigan{n} crossed the snow.")
        events.drain()
        events.run(main.find_action.trigger)
        QTest.keyClicks(panel.field, f"ptarmigan{n}")
        events.wait_until(lambda n=n: len(taken) > n, "the search")
        assert panel.count.text() == "1 result", panel.count.text()
        events.run(panel.close_panel)
        events.drain()
    main.narrative.editors[0].setPlainText(original)
    assert events.run(main.autosaver.flush)
    return {
        "search_typed_after_writing_ms": round(statistics.median(taken), 2),
        "search_typed_after_writing_max_ms": round(max(taken), 2),
        "search_typed_after_writing_rows_left_queued": queued,
    }


def export(folder: Path) -> dict[str, Any]:
    """Run in a fresh process: one streamed JSON export, as the Export… worker writes it
    (its own connection, a batch of sessions at a time); the file is removed after."""
    import resource
    import tempfile
    import threading

    from app import vault
    from app.transfer import exporting
    from benchmarks.bench_journal import PASSPHRASE

    v = vault.unlock(folder, PASSPHRASE)
    out: dict[str, Any] = {}
    try:
        open_reader = v.journal.reader_opener()
        with tempfile.TemporaryDirectory() as scratch:
            target = Path(scratch) / "export.json"
            counted: list[int] = []

            def work() -> None:
                with open_reader() as reader:
                    snapshot = exporting.open_snapshot(reader)
                    counted.append(exporting.write("json", snapshot, target))

            start = time.perf_counter()
            worker = threading.Thread(target=work)
            worker.start()
            worker.join()
            out["export_json_ms"] = round((time.perf_counter() - start) * 1000, 1)
            out["export_mib"] = round(target.stat().st_size / 1024**2, 1)
            out["export_sessions"] = counted[0]
    finally:
        v.lock()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["export_peak_rss_mib"] = round(
        peak / 1024**2 if sys.platform == "darwin" else peak / 1024, 1
    )
    out["export_load"] = _load()
    return out


def journal_for(entries: int, cache: Path) -> tuple[Path, float]:
    from benchmarks import bench_journal

    work = cache / f"journal-{entries}"
    info_path = work / bench_journal.BUILD_INFO
    folder = work / bench_journal.JOURNAL_FOLDER
    if not info_path.exists():
        print(f"building {entries} entries in {folder} (once) …", file=sys.stderr, flush=True)
        work.mkdir(parents=True, exist_ok=True)
        info = bench_journal.build(folder, entries)
        info["requested_entries"] = entries
        info_path.write_text(json.dumps(info, indent=2) + "\n")
    return folder, float(json.loads(info_path.read_text())["build_seconds"])


def _child(mode: str, folder: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, str(Path(__file__).resolve()), f"--{mode}", str(folder)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table(report: dict[str, dict[str, Any]]) -> str:
    sizes = list(report)
    head = "| Figure | " + " | ".join(f"{int(s):,}" for s in sizes) + " | Target at 100k |"
    lines = [head, "|---" * (len(sizes) + 2) + "|"]
    for key, label, target in ROWS:
        unit = "MiB" if key.endswith("mib") else "s" if key.endswith("_s") else "ms"
        cells = [
            "—" if report[s].get(key) is None else f"{report[s][key]:,.1f} {unit}" for s in sizes
        ]
        wanted = "—" if target is None else f"≤ {target:g} {unit}"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {wanted} |")
    loads = " / ".join(f"{report[s].get('reads_load', 0):.1f}" for s in sizes)
    lines.append(f"| Load average while measuring | {loads.replace(' / ', ' | ')} | — |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/growth.json")
    parser.add_argument("--core", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--gui", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--export", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=["core", "gui", "export"], nargs="+")
    args = parser.parse_args(argv)
    if args.export is not None:
        print(json.dumps(export(args.export)))
        return 0
    if args.core is not None:
        print(json.dumps(core(args.core)))
        return 0
    if args.gui is not None:
        print(json.dumps(gui(args.gui)))
        return 0
    report: dict[str, dict[str, Any]] = {}
    for entries in args.sizes:
        folder, built = journal_for(entries, args.cache.expanduser())
        print(f"{entries} entries: measuring …", file=sys.stderr, flush=True)
        report[str(entries)] = {"build_seconds": built}
        for mode in args.only or ("core", "gui", "export"):
            report[str(entries)].update(_child(mode, folder))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
