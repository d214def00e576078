"""The daily backup, stage by stage, with the machine's load average beside each run.

    python benchmarks/bench_backup.py [--journal DIR | --entries 1000] [--runs 3] [--slow]
                                      [--out benchmarks/out/backup.json]

``--journal DIR`` times an existing journal (its passphrase is ``bench_journal``'s); or a
journal of ``--entries`` entries is built in a temporary folder (1,000 ≈ 10 MB). Each run is
one ``backup_job`` as the app starts it (a fresh connection), its file removed afterwards.
Stages: ``pin`` (checkpoint, read transaction), ``copy`` (journal.db into the zip, every
page's HMAC checked), ``zip_verify`` (the written file read back, CRCs checked). ``--slow``
also times the checked copy (SQLite's backup API and every integrity check), the fallback.
A report, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import vault  # noqa: E402
from app.vault import backup_files, backups, pinned_copy  # noqa: E402
from benchmarks.bench_journal import PASSPHRASE, build  # noqa: E402


def _load() -> float:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else -1.0


@contextmanager
def _stage_timers(stages: dict[str, float]) -> Iterator[None]:
    """Time the named stages by wrapping the module functions that do them."""
    wrapped = [
        (pinned_copy, "_write_zip", "copy"),
        (backup_files, "_verify_backup_file", "zip_verify"),
        (backup_files, "_write_checked_copy", "checked_copy"),
    ]
    originals = [(module, name, getattr(module, name)) for module, name, _ in wrapped]

    def timed(fn: Callable[..., Any], stage: str) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - start

        return run

    for (module, name, stage), (_, _, fn) in zip(wrapped, originals, strict=True):
        setattr(module, name, timed(fn, stage))
    try:
        yield
    finally:
        for module, name, fn in originals:
            setattr(module, name, fn)


def one_backup(v: vault.Vault, *, slow: bool) -> dict[str, Any]:
    stages: dict[str, float] = {}
    load = _load()
    real_write = pinned_copy.write
    if slow:
        pinned_copy.write = lambda *args: False  # type: ignore[assignment]
    try:
        with _stage_timers(stages):
            start = time.perf_counter()
            made = v.backup_job(backups.next_daily_backup(v.folder))(threading.Event())
            total = time.perf_counter() - start
    finally:
        pinned_copy.write = real_write  # type: ignore[method-assign]
    made.unlink()
    if not slow:
        stages["pin"] = total - stages.get("copy", 0.0) - stages.get("zip_verify", 0.0)
    row = {"total_s": round(total, 2), "load_before": load, "load_after": _load()}
    row.update({f"{k}_s": round(s, 2) for k, s in sorted(stages.items())})
    row["path"] = "checked copy (fallback)" if "checked_copy" in stages else "pinned copy"
    return row


def measure(folder: Path, runs: int, slow: bool) -> dict[str, Any]:
    v = vault.unlock(folder, PASSPHRASE)
    try:
        report: dict[str, Any] = {
            "journal_mib": round((folder / vault.DB_NAME).stat().st_size / 1024**2, 1),
            "cpus": os.cpu_count(),
        }
        for kind in ("fast", "slow") if slow else ("fast",):
            rows = []
            for n in range(runs):
                row = one_backup(v, slow=kind == "slow")
                print(f"{kind} run {n + 1}: {json.dumps(row)}", file=sys.stderr)
                rows.append(row)
            report[kind] = {
                "median_total_s": round(statistics.median(r["total_s"] for r in rows), 2),
                "runs": rows,
            }
        return report
    finally:
        v.lock()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, help="an existing journal folder")
    parser.add_argument("--entries", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow", action="store_true", help="also time the fallback")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/backup.json")
    args = parser.parse_args(argv)

    if args.journal is not None:
        report = measure(args.journal, args.runs, args.slow)
    else:
        work = Path(tempfile.mkdtemp(prefix="bench-backup-"))
        try:
            print(f"building a journal of {args.entries} entries …", file=sys.stderr)
            build(work / "journal", args.entries)
            report = measure(work / "journal", args.runs, args.slow)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(report, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
