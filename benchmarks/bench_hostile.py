"""Timings that used to be wall-clock limits in tests (issue 13): hostile text and the KDF.

    python benchmarks/bench_hostile.py [--out FILE.json]

* ``render_20k_words_ms`` — a 20,000-word story to safe HTML (target ≤ 200 ms);
* ``pathological_<name>_ms`` — the Markdown inputs that once backtracked (target ≤ 1 s each);
* ``markdown_heading_200k_spaces_ms`` — "# a" + 200,000 spaces + "b" read by the Markdown
  folder importer (the old pattern needed 57 s for 2,000 spaces; now linear);
* ``calibrated_unlock_ms`` — calibrate(), then one derivation with what it chose (0.5–1 s
  on a quiet machine; never fewer than kdf.MIN_ITERATIONS passes when busy).

A report, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.documents.render import markdown_to_html
from app.transfer.importing import markdown_folder
from app.vault import kdf

PATHOLOGICAL = {
    "open": "[" * 20_000,
    "images": "![" * 10_000,
    "open-links": "[a](" * 5_000,
    "nested": "[" * 5_000 + "]" * 5_000,
    "lines": "[\n" * 10_000,
    "escaped": "\\\\[" * 10_000,
    "deep-list": "".join("  " * i + "- x\n" for i in range(800)),
}


def best_ms(fn: object, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/hostile.json"))
    args = parser.parse_args()
    words = " ".join(f"word{i % 500} *em* **strong**" for i in range(7_000))
    report: dict[str, float | int] = {
        "render_20k_words_ms": best_ms(lambda: markdown_to_html(words)),
    }
    for name, source in PATHOLOGICAL.items():
        report[f"pathological_{name}_ms"] = best_ms(lambda s=source: markdown_to_html(s), 1)
    heading = "# a" + " " * 200_000 + "b\n"
    report["markdown_heading_200k_spaces_ms"] = best_ms(lambda: markdown_folder._heading(heading))
    params = kdf.calibrate()
    report["calibrated_iterations"] = params.iterations
    report["calibrated_unlock_ms"] = best_ms(
        lambda: kdf.derive_key("benchmark", bytes(kdf.SALT_BYTES), params), 1
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    for key, value in report.items():
        print(f"{key:40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
