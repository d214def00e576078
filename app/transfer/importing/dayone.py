"""Day One's JSON export: the ``.zip`` it writes, or the JSON file inside it.

The format, from Day One's guide "Exporting entries"
(https://dayoneapp.com/guides/tips-and-tutorials/exporting-entries/) and the exports it
produces: the zip holds one ``<Journal name>.json`` per journal (plus ``photos/`` and other
media, which are not imported), each shaped like::

    {"metadata": {"version": "1.0"},
     "entries": [{"uuid": "…", "creationDate": "2016-06-13T15:46:05Z",
                  "timeZone": "Europe/Paris", "text": "Markdown text", "tags": ["…"],
                  "starred": false, …}, …]}

Day One has no separate title: the first line of the text is the title. The session's date
is the day the entry was written in the entry's own time zone.

The zip is read in memory, never extracted: member names that try to leave the archive are
refused, and each member's declared and actual size is checked while it is read, so a zip
bomb stops at the limit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import lzma
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.files import NotARegularFile, open_regular
from app.transfer.importing.common import (
    MAX_JSON_BYTES,
    MAX_ZIP_BYTES,
    MAX_ZIP_MEMBERS,
    Entry,
    ImportProblem,
    check_count,
    clean_tags,
    clean_text,
    megabytes,
    parse_entries,
    read_file,
    read_limited,
    title_from_text,
)


def parse(data: bytes, what: str = "This file") -> list[Entry]:
    return parse_entries(data, what, "a Day One JSON export", _entry)


def _entry(item: object, n: int) -> Entry:
    label = f"Entry {n}"
    if not isinstance(item, dict):
        raise ImportProblem(f"{label} is not an entry (an object with a creationDate and text).")
    created = item.get("creationDate")
    if created is None or created == "":
        raise ImportProblem(f"{label} has no date.")
    if not isinstance(created, str) or len(created) > 40:
        raise ImportProblem(f"{label}'s date should be text like 2016-06-13T15:46:05Z.")
    try:
        moment = dt.datetime.fromisoformat(created.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ImportProblem(
            f"{label}'s date ({created!r}) isn't a date like 2016-06-13T15:46:05Z."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    zone_name = item.get("timeZone")
    if isinstance(zone_name, str) and 0 < len(zone_name) <= 64:
        # An unknown zone, or a date at the calendar's edge that no zone can move (year 1
        # or 9999): the date as written (UTC) is close enough.
        with contextlib.suppress(ValueError, ZoneInfoNotFoundError, OSError, OverflowError):
            moment = moment.astimezone(ZoneInfo(zone_name))
    text = clean_text(item.get("text"), f"{label}'s text").strip("\n")
    return Entry(moment.date(), title_from_text(text), text, clean_tags(item.get("tags"), label))


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not (path.is_absolute() or ".." in path.parts or ":" in name)


def parse_zip(path: Path) -> list[Entry]:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportProblem(f"{path.name} couldn't be read ({error.strerror or error}).") from None
    if size > MAX_ZIP_BYTES:
        raise ImportProblem(
            f"{path.name} is larger than {megabytes(MAX_ZIP_BYTES)}, the most that can be imported."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ImportProblem(f"{path.name} holds too many files to be a Day One export.")
            for info in members:
                if not _safe_member(info.filename):
                    raise ImportProblem(
                        f"{path.name} holds a file with an unsafe name ({info.filename[:80]!r}); "
                        "it doesn't look like a Day One export."
                    )
            wanted = [
                i
                for i in members
                if not i.is_dir()
                and i.filename.lower().endswith(".json")
                and not PurePosixPath(i.filename).name.startswith(".")
            ]
            if not wanted:
                raise ImportProblem(f"{path.name} holds no .json file; is it a Day One export?")
            budget = MAX_JSON_BYTES
            entries: list[Entry] = []
            for info in sorted(wanted, key=lambda i: i.filename):
                name = PurePosixPath(info.filename).name
                if info.file_size > budget:
                    raise ImportProblem(
                        f"{name} in {path.name} is larger than {megabytes(MAX_JSON_BYTES)}, the "
                        "most that can be imported."
                    )
                with archive.open(info) as member:
                    data = read_limited(member, budget, f"{name} in {path.name}")
                budget -= len(data)
                entries.extend(parse(data, f"{name} in {path.name}"))
                check_count(len(entries))
            return entries
    except ImportProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise ImportProblem(f"{path.name} is not a readable zip file; it may be damaged.") from None
    except (zlib.error, lzma.LZMAError, ValueError):  # a damaged compressed member
        raise ImportProblem(
            f"{path.name} holds a file whose compressed data is damaged; it can't be read."
        ) from None
    except (NotImplementedError, RuntimeError) as error:  # encrypted or unknown compression
        raise ImportProblem(f"{path.name} can't be opened ({error}).") from None
    except OSError as error:
        raise ImportProblem(f"{path.name} couldn't be read ({error.strerror or error}).") from None


def read(path: Path) -> list[Entry]:
    """The zip Day One writes, or the JSON file inside it."""
    try:
        with open_regular(path, follow_links=True) as handle:  # a pipe would hang open()
            looks_zipped = handle.read(4) == b"PK\x03\x04"
    except NotARegularFile as error:
        raise ImportProblem(f"{path.name} can't be imported: {error.strerror}.") from None
    except OSError as error:
        raise ImportProblem(f"{path.name} couldn't be read ({error.strerror or error}).") from None
    if looks_zipped or zipfile.is_zipfile(path):
        return parse_zip(path)
    return parse(read_file(path, MAX_JSON_BYTES, path.name), path.name)
