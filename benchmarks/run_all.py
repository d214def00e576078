"""``make bench``: run every benchmark, print one table, write one JSON report.

    python benchmarks/run_all.py [--journal DIR] [--out benchmarks/out/report.json]

Each script writes its own JSON; this reads them back and lines every figure up beside
its target. Figures are the scripts' own medians of repeated runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"

# (script's JSON, key, label, target text, target number or None, lower is better)
ROWS = [
    ("gui", "start_to_unlock_window_ms", "Process start → unlock window", "≤ 350 ms", 350),
    ("journal", "unlock_kdf_ms", "Unlock: Argon2id (deliberate)", "0.5–1 s", None),
    ("journal", "unlock_rest_ms", "Unlock: the rest (core)", "≤ 100 ms", 100),
    ("gui", "unlock_rest_ms", "Unlock → main window usable, minus KDF", "≤ 150 ms", 150),
    ("journal", "save_p50_ms", "Autosave commit p50", "≤ 5 ms", 5),
    ("journal", "save_p99_ms", "Autosave commit p99", "—", None),
    ("journal", "search_rare_ms", "Search, rare word", "≤ 20 ms", 20),
    ("journal", "search_common_ms", "Search, most common word", "≤ 20 ms", 20),
    (
        "search_filters",
        "search_filtered_worst_median_ms",
        "Search with filters, slowest case",
        "≤ 20 ms",
        20,
    ),
    ("journal", "list_newest_20_ms", "Newest 20 sessions", "—", None),
    ("journal", "daily_backup_ms", "Daily backup (worker thread, not waited on)", "—", None),
    ("journal", "peak_rss_mib", "Peak RSS, core, 10k journal open", "≤ 150 MiB", 150),
    ("gui", "peak_rss_mib", "Peak RSS, GUI, 10k journal open", "≤ 150 MiB", 150),
    ("gui", "typing_longest_stall_ms", "Longest GUI stall while typing (20k words)", "≤ 16 ms", 16),
    ("gui", "typing_with_preview_longest_stall_ms", "… with the preview shown", "≤ 16 ms", 16),
    ("timeline", "timeline_open_ms", "Opening the timeline (newest 50 sessions)", "≤ 200 ms", 200),
    ("timeline", "timeline_open_all_ms", "… with all 500 sessions loaded", "—", None),
    ("print", "plan_one_session_pdf_ms", "Action plan to PDF (one session)", "≤ 300 ms", 300),
    ("print", "plan_pdf_ms", "… every active action in the journal", "≤ 300 ms", 300),
    ("print", "packet_100_pdf_ms", "100-entry therapy packet to PDF", "≤ 2 s", 2000),
    ("export", "json_export_ms", "JSON export of the 10k journal", "≤ 1 s", 1000),
    ("export", "markdown_export_ms", "Markdown export of the 10k journal", "—", None),
    ("export", "html_export_ms", "HTML export (worker thread)", "—", None),
    (
        "startup_x11",
        "start_to_unlock_window_mapped_ms",
        "Process start → unlock window mapped (Xvfb)",
        "≤ 300 ms",
        300,
    ),
]
SCRIPTS = ("journal", "gui", "search_filters", "timeline", "print", "export")


def run(script: str, *args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journal", type=Path, default=OUT / "journal-10k")
    parser.add_argument("--out", type=Path, default=OUT / "report.json")
    parser.add_argument("--reuse", action="store_true", help="only re-read the scripts' JSON")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    folder = args.journal / "journal"
    if not args.reuse:
        run("bench_journal.py", "--keep", str(args.journal), "--out", str(OUT / "journal.json"))
        run("bench_gui.py", "--journal", str(args.journal), "--out", str(OUT / "gui.json"))
        # These open the journal itself (the vault locks it while they run, one at a time).
        for name in SCRIPTS[2:]:
            run(f"bench_{name}.py", "--journal", str(folder), "--out", str(OUT / f"{name}.json"))
        run("bench_startup_x11.py", "--out", str(OUT / "startup_x11.json"))  # needs Xvfb
    results = {name: json.loads((OUT / f"{name}.json").read_text()) for name in SCRIPTS}
    x11 = OUT / "startup_x11.json"  # absent where Xvfb isn't installed
    results["startup_x11"] = json.loads(x11.read_text()) if x11.exists() else {}

    rows: list[dict[str, Any]] = []
    for source, key, label, target_text, target in ROWS:
        value = results[source].get(key)
        met = None if target is None or value is None else value <= target
        rows.append(
            {
                "figure": label,
                "value": value,
                "target": target_text,
                "met": met,
                "source": f"{source}.{key}",
            }
        )
    unit = {"rss": "MiB"}
    print(f"{'Figure':<46} {'Measured':>12}  {'Target':<10} Met")
    for row in rows:
        suffix = unit["rss"] if "RSS" in row["figure"] else "ms"
        value = "—" if row["value"] is None else f"{row['value']:.1f} {suffix}"
        met = {True: "yes", False: "NO", None: ""}[row["met"]]
        print(f"{row['figure']:<46} {value:>12}  {row['target']:<10} {met}")
    report = {
        "rows": rows,
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
