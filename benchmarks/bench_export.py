"""How long export and import take on the 10,000-entry journal.

    python benchmarks/bench_export.py --journal DIR --out FILE.json [--runs 5]

``DIR`` is a journal folder (e.g. a copy of benchmarks/out/journal-10k/journal; the vault
locks the folder, so copy it first), opened with ``benchmarks.bench_journal.PASSPHRASE``.
Each figure is the median of ``--runs`` runs, in milliseconds:

- ``json_export_ms`` — the whole JSON export to a file (read + encode + atomic write);
  target ≤ 1000 ms.
- ``collect_ms`` — the bulk read alone (what the GUI thread does before writing off-thread).
- ``markdown_export_ms``, ``html_export_ms`` — the other formats, for information.
- ``jrnl_read_10k_ms``, ``import_10k_ms`` — reading a 10,000-entry jrnl export and importing
  it (into a fresh, throwaway journal), for information.

Exports go to a temporary folder that is removed afterwards. This is a report, not a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import vault  # noqa: E402
from app.transfer import exporting, importing  # noqa: E402
from app.vault.kdf import KdfParams  # noqa: E402
from benchmarks.bench_journal import PASSPHRASE  # noqa: E402


def median_ms(runs: int, work: Callable[[int], object]) -> float:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        work(run)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def jrnl_export(entries: int) -> bytes:
    words = [
        "the",
        "light",
        "on",
        "the",
        "water",
        "felt",
        "close",
        "and",
        "the",
        "heron",
        "stood",
        "still",
    ]
    items = [
        {
            "title": f"Entry {n}.",
            "body": " ".join(words[(n + i) % len(words)] for i in range(300)),
            "date": f"{2000 + n % 25}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "time": "09:00",
            "tags": [f"@tag{n % 40}"],
            "starred": False,
        }
        for n in range(entries)
    ]
    return json.dumps({"tags": {}, "entries": items}).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    figures: dict[str, float] = {}
    opened = vault.unlock(args.journal, PASSPHRASE)
    journal = opened.journal
    scratch = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        figures["sessions"] = journal.session_count()
        figures["collect_ms"] = median_ms(args.runs, lambda _: exporting.collect(journal))
        figures["json_export_ms"] = median_ms(
            args.runs, lambda n: exporting.export(journal, "json", scratch / f"{n}.json")
        )
        figures["json_export_bytes"] = (scratch / "0.json").stat().st_size
        figures["markdown_export_ms"] = median_ms(
            args.runs, lambda n: exporting.export(journal, "markdown", scratch / f"md-{n}")
        )
        figures["html_export_ms"] = median_ms(
            args.runs, lambda n: exporting.export(journal, "html", scratch / f"{n}.html")
        )
    finally:
        opened.lock()

    try:
        source = scratch / "jrnl.json"
        source.write_bytes(jrnl_export(10_000))
        figures["jrnl_read_10k_ms"] = median_ms(args.runs, lambda _: importing.read("jrnl", source))
        _, entries = importing.read("jrnl", source)
        target = vault.create(scratch / "imported", "bench", kdf=KdfParams.insecure_for_tests())
        del target
        fresh = vault.unlock(scratch / "imported", "bench")
        try:
            figures["import_10k_ms"] = median_ms(
                1, lambda _: importing.import_entries(fresh.journal, entries)
            )
        finally:
            fresh.lock()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
