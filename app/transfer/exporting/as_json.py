"""The JSON export (described in ``docs/export-format.md``), written in chunks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from app.transfer.exporting.safety import file_in_place
from app.transfer.exporting.snapshot import Progress, Snapshot


def iter_json(snapshot: Snapshot, progress: Progress = None) -> Iterator[str]:
    """The export as JSON text, in chunks (each session encoded on its own)."""
    encode = json.JSONEncoder(ensure_ascii=False, indent=None, separators=(",", ":")).encode
    head = snapshot.header()
    yield "{\n"
    for key, value in head.items():
        yield f"{encode(key)}:{encode(value)},\n"
    yield '"sessions":[\n'
    for index, session in enumerate(snapshot.sessions):
        yield ("," if index else "") + encode(session) + "\n"
        if progress is not None:
            progress(index + 1)
    yield "],\n"
    rest = {
        "checkins_without_session": snapshot.checkins_without_session,
        "week_notes": snapshot.week_notes,
        "people": snapshot.people,
        "custom_questions": snapshot.custom_questions,
        "hidden_questions": snapshot.hidden_questions,
        "themes": snapshot.themes,
        "own_words": snapshot.own_words,
        "measures": snapshot.measures,
    }
    last = len(rest) - 1
    for index, (key, value) in enumerate(rest.items()):
        yield f"{encode(key)}:{encode(value)}" + ("\n" if index == last else ",\n")
    yield "}\n"


def write_json(
    snapshot: Snapshot, target: Path, overwrite: bool = False, progress: Progress = None
) -> int:
    with file_in_place(target, overwrite) as handle:
        buffer: list[str] = []
        size = 0
        for chunk in iter_json(snapshot, progress):
            buffer.append(chunk)
            size += len(chunk)
            if size > 1 << 20:
                handle.write("".join(buffer).encode("utf-8"))
                buffer, size = [], 0
        handle.write("".join(buffer).encode("utf-8"))
    return len(snapshot.sessions)
