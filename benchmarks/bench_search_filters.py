"""Search with filters (section, date range, theme) at 10,000 entries.

    python benchmarks/bench_search_filters.py --journal DIR --out FILE.json [--runs 30]

``DIR`` is a journal folder (holding ``journal.keys``) or a folder holding one called
``journal``, such as the synthetic journal ``bench_journal.py --keep`` builds. The journal
is copied into a temporary folder first, so the one given is never changed or locked. If
the copy carries no themes, a fixed sample of its story parts, answers and insights (about
one in seven) gets one of 30 themes, as a client tagging now and then would.

Each figure is the median of ``--runs`` calls of ``Journal.search`` (limit 50) for a rare
word, a word found almost everywhere, and a middling word, without filters and with each
filter and all of them together. Writes a flat JSON dict of milliseconds. A report, not a
test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import vault  # noqa: E402
from app.journal import Journal  # noqa: E402
from app.journal.search import SearchFilters  # noqa: E402
from benchmarks.bench_journal import PASSPHRASE, RARE_WORD  # noqa: E402

TARGET_MS = 20.0
LIMIT = 50
THEMES = 30
TAG_SHARE = 7  # one entry in this many gets a theme
SEED = 20261121


def journal_folder(given: Path) -> Path:
    if (given / "journal.keys").exists():
        return given
    if (given / "journal" / "journal.keys").exists():
        return given / "journal"
    raise SystemExit(f"no journal in {given}")


def tag_sample(j: Journal) -> int:
    """Theme about one entry in TAG_SHARE, the same ones on every run."""
    rng = random.Random(SEED)
    names = [f"theme {n:02d}" for n in range(THEMES)]
    targets: list[tuple[str, int]] = []
    for session in j.sessions():
        targets += [("narrative", p.id) for p in j.narrative(session.id)]
        targets += [("answer", a.id) for a in j.answers(session.id)]
        targets += [("insight", i.id) for i in j.insights(session.id)]
    tagged = 0
    for kind, target_id in targets:
        if rng.randrange(TAG_SHARE) == 0:
            # A few themes much more often than the rest, as in a real journal.
            j.add_theme_to(kind, target_id, names[min(int(rng.paretovariate(1.2)) - 1, 29)])
            tagged += 1
    return tagged


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = fn()  # the first call warms the page cache; it is not counted
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 3), result


def measure(j: Journal, runs: int) -> dict[str, Any]:
    sessions = sorted(j.sessions(), key=lambda s: s.held_on)
    middle = sessions[len(sessions) // 2].held_on
    since, until = middle - dt.timedelta(days=45), middle + dt.timedelta(days=45)
    uses = {t.id: len(j.theme_uses(t.id)) for t in j.themes()}
    theme_id = max(uses, key=lambda t: uses[t])
    filters = {
        "none": SearchFilters(),
        "section": SearchFilters(section="answer"),
        "dates": SearchFilters(since=since, until=until),
        "theme": SearchFilters(theme_id=theme_id),
        "all": SearchFilters(section="answer", since=since, until=until, theme_id=theme_id),
    }
    words = {"rare": RARE_WORD, "common": "the", "middling": "light"}
    report: dict[str, Any] = {}
    for word_name, word in words.items():
        for filter_name, chosen in filters.items():
            ms, hits = median_ms(lambda w=word, f=chosen: j.search(w, LIMIT, f), runs)
            report[f"search_{word_name}_{filter_name}_ms"] = ms
            report[f"hits_{word_name}_{filter_name}"] = len(hits)
    # While typing, the last word is a prefix.
    for filter_name in ("none", "all"):
        ms, hits = median_ms(lambda f=filters[filter_name]: j.search("li*", LIMIT, f), runs)
        report[f"search_prefix_{filter_name}_ms"] = ms
    filtered = [v for k, v in report.items() if k.startswith("search_") and "_none_" not in k]
    report["search_filtered_worst_median_ms"] = max(filtered)
    report["search_filtered_worst_median_ms_target"] = TARGET_MS
    report["theme_links_of_chosen_theme"] = uses[theme_id]
    return report


def run(given: Path, runs: int) -> dict[str, Any]:
    source = journal_folder(given)
    with tempfile.TemporaryDirectory(prefix="bench-filters-") as tmp:
        copy = Path(tmp) / "journal"
        shutil.copytree(source, copy)
        opened = vault.unlock(copy, PASSPHRASE)
        try:
            j = opened.journal
            report: dict[str, Any] = {"themed_entries_added": 0}
            if not j.themes():
                report["themed_entries_added"] = tag_sample(j)
            j.refresh_index()
            report.update(measure(j, runs))
        finally:
            opened.lock()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    report = run(args.journal, args.runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
