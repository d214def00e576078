"""Export the journal (all of it, or the sessions in a date range) as Markdown, HTML or JSON.

Everything is read with a handful of bulk queries per batch of sessions and grouped in
Python; a streamed snapshot (``open_snapshot``) reads a batch at a time while the files
are written, so memory stays bounded however long the journal. Every export is written
atomically: a file goes to a temporary name in the target folder and is renamed into
place; the Markdown folder is built under a temporary name next to the target and renamed
as a whole. A failed or cancelled export leaves nothing behind, and an existing,
non-empty target is only replaced when the caller says so.

The JSON format is described in ``docs/export-format.md``. Exported files are not
encrypted: the UI says so before calling anything here. No Qt, no network.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.journal import Journal
from app.transfer.exporting.as_html import html_document, write_html
from app.transfer.exporting.as_json import iter_json, write_json
from app.transfer.exporting.as_markdown import (
    index_markdown,
    safe_name,
    session_markdown,
    write_markdown,
)
from app.transfer.exporting.safety import check_place
from app.transfer.exporting.snapshot import (
    FORMAT,
    FORMATS,
    VERSION,
    ExportCancelled,
    ExportProblem,
    Progress,
    Record,
    Snapshot,
    collect,
    open_snapshot,
)

__all__ = [
    "FORMAT",
    "FORMATS",
    "VERSION",
    "ExportCancelled",
    "ExportProblem",
    "Progress",
    "Record",
    "Snapshot",
    "check_target",
    "collect",
    "export",
    "html_document",
    "index_markdown",
    "iter_json",
    "open_snapshot",
    "safe_name",
    "session_markdown",
    "write",
    "write_html",
    "write_json",
    "write_markdown",
]


def export(
    journal: Journal,
    kind: str,
    target: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    overwrite: bool = False,
) -> int:
    """Export in one of ``FORMATS``; returns the number of sessions written. The place is
    checked before anything is read."""
    check_target(kind, target, overwrite)
    return write(kind, collect(journal, start, end), target, overwrite)


def write(
    kind: str,
    snapshot: Snapshot,
    target: Path,
    overwrite: bool = False,
    progress: Progress = None,
) -> int:
    """Write a snapshot; a streamed one (``open_snapshot``) reads its journal as it goes,
    so call this on the thread that opened that journal's connection."""
    writer = {"markdown": write_markdown, "html": write_html, "json": write_json}[kind]
    return writer(snapshot, target, overwrite, progress)


def check_target(kind: str, target: Path, overwrite: bool = False) -> None:
    """Raise ``ExportProblem`` now if ``target`` can't be used (before anything is read)."""
    if kind != "markdown" and target.is_dir():
        raise ExportProblem(f"{target.name} already exists and is a folder; please choose a file.")
    if kind == "markdown" and target.exists() and not target.is_dir():
        raise ExportProblem(f"{target.name} already exists and is a file; please choose a folder.")
    check_place(target, overwrite)
