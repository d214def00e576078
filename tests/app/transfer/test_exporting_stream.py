"""A streamed export (read a batch at a time, on a worker's own connection) writes exactly
what the bulk one does; cancelling it midway leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import re
import threading
from pathlib import Path

import pytest

from app.errors import JournalLocked
from app.transfer import exporting
from app.transfer.exporting import stream
from tests.app.transfer.test_exporting import CANARY, populate


def _on_a_worker(opened, kind: str, target: Path, progress=None, **range_) -> int:
    open_reader = opened.journal.reader_opener()  # asked on the calling thread
    result: list[object] = []

    def work() -> None:
        try:
            with open_reader() as reader:
                assert reader.conn is not opened.journal.conn
                snapshot = exporting.open_snapshot(reader, **range_)
                result.append(exporting.write(kind, snapshot, target, False, progress))
        except Exception as error:
            result.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    if isinstance(result[0], Exception):
        raise result[0]
    return int(result[0])  # type: ignore[call-overload]


@pytest.mark.parametrize("kind", ["json", "html", "markdown"])
def test_streamed_export_matches_the_bulk_one(opened, tmp_path: Path, monkeypatch, kind) -> None:
    populate(opened.journal)
    for day in range(1, 6):
        opened.journal.add_session(dt.date(2025, 3, day), f"more {day}")
    # Several batches of two, and a short last one.
    monkeypatch.setattr(stream.SessionStream.__init__, "__defaults__", (2,))
    bulk, streamed = tmp_path / f"bulk.{kind}", tmp_path / f"streamed.{kind}"
    snapshot = exporting.collect(opened.journal)
    exporting.write(kind, snapshot, bulk)
    seen: list[int] = []
    assert _on_a_worker(opened, kind, streamed, seen.append) == 7
    assert seen == list(range(1, 8))

    def text(path: Path) -> str:
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        return "".join(f.read_text(encoding="utf-8") for f in files)

    def plain(path: Path) -> str:  # the two were made a moment apart
        return re.sub(r"\d{4}-\d\d-\d\dT[\d:]+\+00:00", "", text(path))

    assert CANARY in plain(streamed)
    assert plain(bulk) == plain(streamed)


@pytest.mark.parametrize("kind", ["json", "html", "markdown"])
def test_cancelling_midway_leaves_nothing(opened, tmp_path: Path, kind) -> None:
    populate(opened.journal)
    out = tmp_path / "out"
    out.mkdir()

    def cancel(done: int) -> None:
        raise exporting.ExportCancelled("Export cancelled.")

    with pytest.raises(exporting.ExportCancelled):
        _on_a_worker(opened, kind, out / f"export.{kind}", cancel)
    assert list(out.iterdir()) == []


def test_a_locked_journal_opens_no_reader(opened) -> None:
    journal = opened.journal
    opened.lock()
    with pytest.raises(JournalLocked):
        journal.reader_opener()
