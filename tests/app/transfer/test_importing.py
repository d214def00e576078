"""Importing from jrnl, Day One and Markdown folders: previews, sessions, themes, hostile files.

The well-formed fixtures in tests/fixtures/import/ are written from each format's public
description (see the README there). Every hostile file must give an ImportProblem that says
what was wrong, and leave the journal exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.journal import Journal
from app.transfer import exporting, importing
from app.transfer.importing import ImportProblem, dayone, jrnl
from app.transfer.importing.common import Entry

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "import"


def state(journal: Journal) -> str:
    """Everything in the journal, as text (the export without its timestamp)."""
    snapshot = exporting.collect(journal)
    snapshot.exported_at = ""
    return "".join(exporting.iter_json(snapshot))


def narrative_text(journal: Journal, session_id: int) -> str:
    return journal.narrative(session_id)[0].body


def themes_of_session(journal: Journal, session_id: int) -> list[str]:
    part = journal.narrative(session_id)[0]
    return [t.name for t in journal.themes_of("narrative", part.id)]


def dayone_zip(tmp_path: Path, members: dict[str, bytes], name: str = "export.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


# -- well-formed files ---------------------------------------------------------------------


def test_jrnl_export_previews_and_imports_one_session_per_entry(opened) -> None:
    journal = opened.journal
    preview, entries = importing.read("jrnl", FIXTURES / "jrnl.json")
    assert preview.count == 3
    assert (preview.first_day, preview.last_day) == (dt.date(2021, 3, 4), dt.date(2021, 3, 9))
    assert preview.titles[:2] == ("Walked by the river after the session.", "Called my sister.")
    assert preview.tag_count == 2

    ids = importing.import_entries(journal, entries)
    sessions = {s.id: s for s in journal.sessions()}
    assert len(sessions) == 3
    first = sessions[ids[0]]
    assert first.held_on == dt.date(2021, 3, 4)
    assert first.title == "Walked by the river after the session."
    assert "I want to remember the heron." in narrative_text(journal, first.id)
    assert narrative_text(journal, first.id).startswith("Walked by the river")
    assert themes_of_session(journal, first.id) == ["gratitude", "walk"]
    assert themes_of_session(journal, ids[1]) == ["gratitude"]
    assert [s.number for s in sorted(sessions.values(), key=lambda s: s.held_on)] == [1, 2, 3]
    # HTML and script are kept as the text they are (and render escaped anyway).
    assert sessions[ids[2]].title == "Notes <script>alert('x')</script> & more"
    assert "<b>markup</b>" in narrative_text(journal, ids[2])


def test_imported_sessions_are_numbered_after_the_existing_ones(opened) -> None:
    journal = opened.journal
    journal.add_session(dt.date(2025, 1, 1), "mine")
    _, entries = importing.read("jrnl", FIXTURES / "jrnl.json")
    importing.import_entries(journal, entries)
    assert sorted(s.number for s in journal.sessions()) == [1, 2, 3, 4]
    assert journal.sessions()[0].title == "mine"


def test_day_one_json_uses_the_local_date_and_the_first_line_as_title(opened) -> None:
    preview, entries = importing.read("dayone", FIXTURES / "dayone-Journal.json")
    assert preview.count == 2
    # 23:30 UTC on the 14th is the morning of the 15th in Tokyo.
    assert [e.day for e in entries] == [dt.date(2016, 6, 13), dt.date(2016, 6, 15)]
    assert preview.titles == ("A quiet morning", "Late train home")
    assert preview.tag_count == 2  # "City" and "city" are one theme
    ids = importing.import_entries(opened.journal, entries)
    assert themes_of_session(opened.journal, ids[0]) == ["City", "Morning"]
    assert themes_of_session(opened.journal, ids[1]) == ["City"]
    assert "Coffee on the balcony" in narrative_text(opened.journal, ids[0])


def test_day_one_zip_is_read_in_memory(opened, tmp_path: Path) -> None:
    data = (FIXTURES / "dayone-Journal.json").read_bytes()
    archive = dayone_zip(tmp_path, {"Journal.json": data, "photos/abc.jpeg": b"\xff\xd8"})
    before = sorted(p.name for p in tmp_path.iterdir())
    preview, entries = importing.read("dayone", archive)
    assert preview.count == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing extracted
    importing.import_entries(opened.journal, entries)
    assert opened.journal.session_count() == 2


def test_markdown_folder_dates_titles_and_tags(opened, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    shutil.copytree(FIXTURES / "markdown", folder)
    undated = folder / "undated.markdown"
    stamp = dt.datetime(2020, 2, 2, 12, 0).timestamp()
    os.utime(undated, (stamp, stamp))
    preview, entries = importing.read("markdown", folder)
    assert preview.count == 3  # ignored.txt is not Markdown
    by_title = {e.title: e for e in entries}
    assert by_title["First walk in the woods"].day == dt.date(2021, 5, 2)
    assert by_title["Evening notes"].day == dt.date(2021, 6, 10)
    assert by_title["Evening notes"].tags == ("rest", "family")
    assert by_title["Evening notes"].text == "Read for an hour and slept early."
    assert by_title["undated"].day == dt.date(2020, 2, 2)
    assert (preview.first_day, preview.last_day) == (dt.date(2020, 2, 2), dt.date(2021, 6, 10))
    ids = importing.import_entries(opened.journal, entries)
    assert len(ids) == 3
    assert sorted(t.name for t in opened.journal.themes()) == ["family", "rest"]


def test_an_import_is_all_or_nothing(opened) -> None:
    journal = opened.journal
    before = state(journal)
    good = Entry(dt.date(2022, 1, 1), "fine", "fine text", ("kept",))
    broken = Entry(dt.date(2022, 1, 2), "broken", "bad \ud800 text")  # can't be stored
    with pytest.raises(UnicodeEncodeError):
        importing.import_entries(journal, [good, broken])
    assert journal.session_count() == 0
    assert state(journal) == before


# -- hostile files ----------------------------------------------------------------------------


def _jrnl(entries: Any) -> bytes:
    return json.dumps({"tags": {}, "entries": entries}).encode()


HOSTILE_JRNL: dict[str, tuple[bytes, str]] = {
    "not json": (b'{"entries": [\n  {"date": "2020-01-01",\n  oops}]}', "not valid JSON (line 3"),
    "entries not a list": (b'{"entries": {"a": 1}}', 'no list of "entries"'),
    "top level a list": (b"[1, 2, 3]", 'no list of "entries"'),
    "entry a string": (_jrnl(["hello"]), "Entry 1 is not an entry"),
    "no date": (
        _jrnl([{"title": "a", "date": "2020-01-01"}, {"title": "b"}]),
        "Entry 2 has no date",
    ),
    "date a number": (_jrnl([{"title": "a", "date": 20200101}]), "Entry 1's date should be text"),
    "date nonsense": (_jrnl([{"title": "a", "date": "yesterday"}]), "isn't a date"),
    "title a list": (_jrnl([{"title": ["x"], "date": "2020-01-01"}]), "title should be text"),
    "body an object": (_jrnl([{"body": {}, "date": "2020-01-01"}]), "text should be text"),
    "tags a string": (_jrnl([{"tags": "@a", "date": "2020-01-01"}]), "tags should be a list"),
    "tag a number": (_jrnl([{"tags": [1], "date": "2020-01-01"}]), "tag of entry 1"),
    "NUL escaped": (_jrnl([{"body": "a\u0000b", "date": "2020-01-01"}]), "NUL character"),
    "NUL raw": (b'{"entries": []}\x00', "NUL character"),
    "invalid UTF-8": (
        b'{"entries": [{"body": "caf\xe9", "date": "2020-01-01"}]}',
        "not valid UTF-8",
    ),
    "lone surrogate": (
        b'{"entries": [{"body": "\\ud800", "date": "2020-01-01"}]}',
        "aren't valid Unicode",
    ),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "huge number": (b'{"entries": [' + b"1" * 5000 + b"]}", "can't be read"),
    "too many entries": (_jrnl([{}] * 100_001), "more than 100,000 entries"),
    "50 MB string": (
        _jrnl([{"body": "x" * (50 * 1024 * 1024), "date": "2020-01-01"}]),
        "longer than the 5,242,880 characters",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_JRNL))
def test_hostile_jrnl_files_are_refused_clearly_and_change_nothing(
    case: str, opened, tmp_path: Path
) -> None:
    data, message = HOSTILE_JRNL[case]
    path = tmp_path / "hostile.json"
    path.write_bytes(data)
    journal = opened.journal
    journal.add_session(dt.date(2024, 1, 1), "already here")
    before = state(journal)
    with pytest.raises(ImportProblem) as caught:
        importing.read("jrnl", path)
    assert message in str(caught.value)
    assert state(journal) == before
    assert [s.title for s in journal.sessions()] == ["already here"]


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ImportProblem, match="larger than 100 MB"):
        importing.read("jrnl", path)


def test_script_in_text_is_stored_as_text_and_exports_escaped(opened, tmp_path: Path) -> None:
    path = tmp_path / "script.json"
    payload = "<script>alert(1)</script><img src=http://example.com/x.png>"
    path.write_bytes(_jrnl([{"title": "t", "body": payload, "date": "2020-01-01"}]))
    _, entries = importing.read("jrnl", path)
    ids = importing.import_entries(opened.journal, entries)
    assert payload in narrative_text(opened.journal, ids[0])
    html = exporting.html_document(exporting.collect(opened.journal))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_day_one_zip_bomb_is_refused(tmp_path: Path) -> None:
    # 110 MB of spaces compress to about 100 KB: refused by its declared size, unread.
    archive = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z,
        z.open("Journal.json", "w", force_zip64=True) as member,
    ):
        chunk = b" " * (1 << 20)
        for _ in range(110):
            member.write(chunk)
    assert archive.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ImportProblem, match="larger than 100 MB"):
        importing.read("dayone", archive)


def test_day_one_zip_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    archive = dayone_zip(tmp_path, {"Journal.json": b'{"entries": []}' + b" " * 5000})
    raw = bytearray(archive.read_bytes())
    # Declare 10 bytes in both headers (local and central) while 5015 are stored.
    real = (5015).to_bytes(4, "little")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.index(signature) + offset
        assert raw[at : at + 4] == real
        raw[at : at + 4] = (10).to_bytes(4, "little")
    archive.write_bytes(bytes(raw))
    with pytest.raises(ImportProblem):
        importing.read("dayone", archive)


@pytest.mark.parametrize("name", ["../evil.json", "/etc/evil.json", "a/../../evil.json"])
def test_day_one_zip_with_path_tricks_is_refused(tmp_path: Path, name: str) -> None:
    info = zipfile.ZipInfo(name)
    archive = tmp_path / "tricks.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(info, b'{"entries": []}')
    with pytest.raises(ImportProblem, match="unsafe name"):
        importing.read("dayone", archive)
    assert not (tmp_path.parent / "evil.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "not valid JSON"),
        (b"PK\x03\x04" + b"\x00" * 40, "not a readable zip"),
    ],
)
def test_day_one_damaged_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(content)
    with pytest.raises(ImportProblem, match=message):
        importing.read("dayone", path)


def test_day_one_zip_without_json(tmp_path: Path) -> None:
    archive = dayone_zip(tmp_path, {"photos/a.jpeg": b"\xff\xd8"})
    with pytest.raises(ImportProblem, match=re.escape("no .json file")):
        importing.read("dayone", archive)


def test_day_one_entry_without_date(tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    path.write_text(
        json.dumps(
            {"entries": [{"text": "a", "creationDate": "2020-01-01T00:00:00Z"}, {"text": "b"}]}
        )
    )
    with pytest.raises(ImportProblem, match="Entry 2 has no date"):
        importing.read("dayone", path)


def test_day_one_unknown_time_zone_falls_back_to_utc(tmp_path: Path) -> None:
    path = tmp_path / "Journal.json"
    entry = {"text": "a", "creationDate": "2020-01-01T23:00:00Z", "timeZone": "../../etc/passwd"}
    path.write_text(json.dumps({"entries": [entry]}))
    _, entries = importing.read("dayone", path)
    assert entries[0].day == dt.date(2020, 1, 1)


def test_markdown_folder_hostile_files(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2020-01-01.md").write_bytes(b"fine")
    (folder / "bad.md").write_bytes(b"caf\xe9")
    with pytest.raises(ImportProblem, match=re.escape("bad.md is not valid UTF-8")):
        importing.read("markdown", folder)
    (folder / "bad.md").write_bytes(b"a\x00b")
    with pytest.raises(ImportProblem, match=re.escape("bad.md contains a NUL character")):
        importing.read("markdown", folder)
    (folder / "bad.md").write_bytes(b"date: someday\n\ntext")
    with pytest.raises(ImportProblem, match=re.escape("bad.md has a date line that isn't a date")):
        importing.read("markdown", folder)


def test_markdown_front_matter_tags_as_a_yaml_list(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\ndate: '2022-02-02'\ntags:\n  - sleep\n  - \"long walks\"\n---\n# Rest\nBody"
    )
    _, entries = importing.read("markdown", folder)
    assert entries == [Entry(dt.date(2022, 2, 2), "Rest", "# Rest\nBody", ("sleep", "long walks"))]


def test_markdown_folder_never_follows_links_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# Secret elsewhere")
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2020-01-01-in.md").write_text("# Inside")
    (folder / "link.md").symlink_to(outside)
    _, entries = importing.read("markdown", folder)
    assert [e.title for e in entries] == ["Inside"]


def test_an_empty_markdown_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="holds no Markdown files"):
        importing.read("markdown", tmp_path)


# -- generated malformed structures ---------------------------------------------------------

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
_json_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_field = st.sampled_from(
    ["title", "body", "date", "time", "tags", "starred", "text", "creationDate", "timeZone"]
)
_plausible = st.one_of(
    _json_values,
    st.sampled_from(["2021-03-04", "2016-06-13T15:46:05Z", "Europe/Paris", "", "\x00", "@a"]),
    st.lists(st.text(max_size=5), max_size=3),
)
_entries = st.lists(st.dictionaries(_field, _plausible, max_size=6) | _json_values, max_size=5)
_documents = st.one_of(
    _json_values,
    st.fixed_dictionaries({"entries": _entries}),
    st.fixed_dictionaries({"metadata": _json_values, "entries": _entries, "tags": _json_values}),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_documents, mangle=st.sampled_from(["none", "cut", "byte"]))
def test_generated_documents_give_entries_or_an_import_problem(document: Any, mangle: str) -> None:
    data = json.dumps(document).encode()
    if mangle == "cut":
        data = data[: len(data) // 2]
    elif mangle == "byte":
        data = data + b"\xff"
    for parse in (jrnl.parse, dayone.parse):
        try:
            entries = parse(data)
        except ImportProblem as problem:
            assert str(problem)
            continue
        assert all(isinstance(e, Entry) and isinstance(e.day, dt.date) for e in entries)
        assert all(isinstance(e.text, str) and "\x00" not in e.text for e in entries)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=_documents, kind=st.sampled_from(["jrnl", "dayone"]))
def test_generated_files_import_whole_or_leave_the_journal_unchanged(
    document: Any, kind: str, opened, tmp_path: Path
) -> None:
    journal = opened.journal
    path = tmp_path / "generated.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = state(journal)
    count = journal.session_count()
    try:
        _, entries = importing.read(kind, path)
    except ImportProblem as problem:
        assert str(problem)
        assert state(journal) == before
        return
    ids = importing.import_entries(journal, entries)
    assert journal.session_count() == count + len(entries) == count + len(ids)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes_give_entries_or_an_import_problem(data: bytes) -> None:
    for parse in (jrnl.parse, dayone.parse):
        with contextlib.suppress(ImportProblem):
            parse(data)


def test_random_bytes_as_a_zip(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("Journal.json", b'{"entries": [{"creationDate": 5}]}')
    path = tmp_path / "x.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportProblem, match="Entry 1's date should be text"):
        importing.read("dayone", path)
