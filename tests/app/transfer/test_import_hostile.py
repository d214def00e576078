"""Hostile files for every importer: only ``ImportProblem`` ever comes out, naming what was
wrong, and no pattern backtracks on untrusted text."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.transfer import importing
from app.transfer.importing import ImportProblem, markdown_folder

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _read_or_problem(kind: str, path: Path) -> None:
    try:
        importing.read(kind, path)
    except ImportProblem as problem:
        assert str(problem).strip(), "a problem always says what was wrong"


def test_a_heading_with_many_spaces_is_read_in_one_pass(tmp_path: Path) -> None:
    # The old pattern took 57 s on 2,000 spaces, growing with the square of the length;
    # 200,000 would take days. This test finishing is the proof (timings: benchmarks/).
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2024-05-01 note.md").write_text("# a" + " " * 200_000 + "b\n\ntext")
    _, entries = importing.read("markdown", folder)
    assert entries[0].title == "a b"


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("# The lake ##\n", "The lake"),
        ("#\tTabbed\n", "Tabbed"),
        ("#not a heading\n# Real one\n", "Real one"),
        ("# \n#   ###\n# Third\n", "Third"),
        ("no heading at all\n", None),
    ],
)
def test_headings_read_as_before(body: str, title: str | None) -> None:
    assert markdown_folder._heading(body) == title


EDGE_DATES = st.sampled_from(
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:30:00+00:00",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:00:00-05:00",
        "2024-02-30T10:00:00Z",
        "2024-05-01T10:00:00Z",
    ]
)
ZONES = st.sampled_from(
    ["Pacific/Kiritimati", "Etc/GMT+12", "America/New_York", "../../etc/passwd", "", "UTC"]
)


@SETTINGS
@given(created=st.one_of(EDGE_DATES, st.text(max_size=40)), zone=st.one_of(ZONES, st.text()))
@example(created="9999-12-31T23:59:59Z", zone="Pacific/Kiritimati")
@example(created="0001-01-01T00:00:00Z", zone="Etc/GMT+12")
def test_day_one_dates_at_the_edges_of_the_calendar(
    tmp_path: Path, created: str, zone: str
) -> None:
    path = tmp_path / "Journal.json"
    document = {"entries": [{"creationDate": created, "timeZone": zone, "text": "words"}]}
    path.write_text(json.dumps(document))
    _read_or_problem("dayone", path)


def _zip_with_damage(path: Path, method: int, offset: int, junk: bytes) -> None:
    document = {"entries": [{"creationDate": "2024-05-01T10:00:00Z", "text": "w " * 2000}]}
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        archive.writestr("Journal.json", json.dumps(document))
    data = bytearray(path.read_bytes())
    start = 30 + len("Journal.json")  # the member's compressed data, after its local header
    end = data.find(b"PK\x01\x02")
    where = start + offset % max(end - start, 1)
    data[where : where + len(junk)] = junk
    path.write_bytes(bytes(data))


@SETTINGS
@given(
    method=st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2]),
    offset=st.integers(min_value=0, max_value=10_000),
    junk=st.binary(min_size=1, max_size=16),
)
@example(method=zipfile.ZIP_DEFLATED, offset=2, junk=b"\xff\xff\xff\xff")
@example(method=zipfile.ZIP_LZMA, offset=0, junk=b"\x00\x00\x00\x00\x00")
def test_damaged_compressed_members(tmp_path: Path, method: int, offset: int, junk: bytes) -> None:
    path = tmp_path / "export.zip"
    _zip_with_damage(path, method, offset, junk)
    _read_or_problem("dayone", path)


@SETTINGS
@given(
    seconds=st.sampled_from([-(2**62), 2**62, -62_135_600_000, 253_402_400_000, 0]),
    text=st.text(max_size=300),
)
def test_markdown_files_with_impossible_file_times(tmp_path: Path, seconds: int, text: str) -> None:
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    path = folder / "note.md"
    path.write_text(text.replace("\x00", ""), errors="surrogatepass")
    try:
        os.utime(path, ns=(seconds * 10**9, seconds * 10**9))
    except (OverflowError, OSError, ValueError):
        return  # this file system can't hold that time
    _read_or_problem("markdown", folder)


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_in_any_importer(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "any.json"
    path.write_bytes(raw)
    for kind in ("jrnl", "dayone"):
        _read_or_problem(kind, path)


@pytest.mark.parametrize("mtime", [1e20, -1e20, 253_402_400_000.0, float("nan")])
def test_a_file_time_outside_the_calendar_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mtime: float
) -> None:
    # Many file systems clamp such times on write, so the stat result is made up here.
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "note.md").write_text("words without a date")
    real_stat = Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(self, *args, **kwargs)  # type: ignore[arg-type]
        if self.name != "note.md":
            return result
        fields = (*tuple(result[:8]), 0, result[9])
        return os.stat_result(fields, {"st_mtime": mtime})

    monkeypatch.setattr(Path, "stat", stat)
    with pytest.raises(ImportProblem, match="file date"):
        importing.read("markdown", folder)
