"""jrnl's JSON export (``jrnl --format json``).

The format, from jrnl's own exporter (jrnl-org/jrnl, ``jrnl/plugins/json_exporter.py``)::

    {"tags": {"@tag": count, …},
     "entries": [{"title": …, "body": …, "date": "YYYY-MM-DD", "time": "HH:MM",
                  "tags": ["@tag", …], "starred": true/false}, …]}

jrnl's title is the entry's first sentence and the body the rest; both belong to the text,
so the narrative is the title followed by the body, and the session's title is the title.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.transfer.importing.common import (
    MAX_JSON_BYTES,
    MAX_TITLE_CHARS,
    Entry,
    ImportProblem,
    clean_tags,
    clean_text,
    parse_entries,
    read_file,
)


def parse(data: bytes, what: str = "This file") -> list[Entry]:
    return parse_entries(data, what, "a jrnl JSON export", _entry)


def _entry(item: object, n: int) -> Entry:
    label = f"Entry {n}"
    if not isinstance(item, dict):
        raise ImportProblem(f"{label} is not an entry (an object with a title and a date).")
    date = item.get("date")
    if date is None or date == "":
        raise ImportProblem(f"{label} has no date.")
    if not isinstance(date, str):
        raise ImportProblem(f"{label}'s date should be text like 2024-05-31.")
    try:
        day = dt.date.fromisoformat(date.strip()[:10])
    except ValueError:
        raise ImportProblem(
            f"{label}'s date ({date[:40]!r}) isn't a date like 2024-05-31."
        ) from None
    title = clean_text(item.get("title"), f"{label}'s title", MAX_TITLE_CHARS).strip()
    body = clean_text(item.get("body"), f"{label}'s text").strip("\n")
    clean_text(item.get("time"), f"{label}'s time", 20)
    text = f"{title}\n\n{body}" if title and body else (title or body)
    return Entry(day, " ".join(title.split()), text, clean_tags(item.get("tags"), label))


def read(path: Path) -> list[Entry]:
    return parse(read_file(path, MAX_JSON_BYTES, path.name), path.name)
