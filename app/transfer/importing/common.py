"""What every reader shares: the plain entry, the preview, the limits and safe JSON loading.

Every file from elsewhere is treated as hostile: sizes are checked before and while reading,
text must be valid UTF-8 without NUL characters, and any problem becomes an ``ImportProblem``
whose message says in plain words what was wrong. Nothing here writes anything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.errors import JournalError
from app.files import NotARegularFile, open_regular

MAX_JSON_BYTES = 100 * 1024 * 1024
MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 100_000
MAX_ENTRY_CHARS = 5 * 1024 * 1024
MAX_TITLE_CHARS = 1_000
MAX_ENTRIES = 100_000
MAX_TAGS_PER_ENTRY = 200
MAX_TAG_CHARS = 200
MAX_MARKDOWN_FILE_BYTES = 5 * 1024 * 1024
MAX_MARKDOWN_FILES = 100_000
MAX_FOLDER_BYTES = 200 * 1024 * 1024
PREVIEW_TITLES = 5


class ImportProblem(JournalError):
    """The file can't be imported; the message names what was wrong. Nothing was imported."""


class ImportCancelled(Exception):
    """The client cancelled (or the journal is locking): raised before the commit, so the
    import's transaction rolls back and nothing was imported."""


@dataclass(frozen=True)
class Entry:
    """One entry from another journal, as it will become a session."""

    day: dt.date
    title: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    count: int
    first_day: dt.date | None
    last_day: dt.date | None
    titles: tuple[str, ...]
    tag_count: int
    note: str = ""  # what else comes in, and what doesn't (shown under the preview)

    @classmethod
    def of(cls, entries: list[Entry]) -> Preview:
        days = [e.day for e in entries]
        tags = {t.casefold() for e in entries for t in e.tags}
        titles = tuple((e.title or "(untitled)") for e in entries[:PREVIEW_TITLES])
        return cls(
            len(entries), min(days, default=None), max(days, default=None), titles, len(tags)
        )


def megabytes(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def read_limited(handle: IO[bytes], limit: int, what: str) -> bytes:
    """Read at most ``limit`` bytes; more than that is refused (counted as they arrive)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise ImportProblem(
                f"{what} is larger than {megabytes(limit)}, the most that can be imported."
            )
        chunks.append(chunk)


def read_file(path: Path, limit: int, what: str) -> bytes:
    try:
        if not path.is_file():
            raise ImportProblem(f"{path.name} isn't a file that can be read.")
        if path.stat().st_size > limit:
            raise ImportProblem(
                f"{what} is larger than {megabytes(limit)}, the most that can be imported."
            )
        with open_regular(path, follow_links=True) as handle:  # a pipe never hangs here
            return read_limited(handle, limit, what)
    except NotARegularFile as error:
        raise ImportProblem(f"{path.name} can't be imported: {error.strerror}.") from None
    except OSError as error:
        raise ImportProblem(f"{path.name} couldn't be read ({error.strerror or error}).") from None


def decode_text(data: bytes, what: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblem(
            f"{what} is not valid UTF-8 text (at byte {error.start}); it may be damaged or in "
            "another format."
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportProblem(f"{what} contains a NUL character (line {line}); it may be damaged.")
    return text


def load_json(data: bytes, what: str) -> Any:
    text = decode_text(data, what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(
            f"{what} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except RecursionError:
        raise ImportProblem(f"{what} is nested too deeply to be a journal export.") from None
    except (ValueError, MemoryError) as error:  # e.g. a number with a million digits
        raise ImportProblem(
            f"{what} holds a value that can't be read ({type(error).__name__})."
        ) from None


def clean_text(value: object, label: str, limit: int = MAX_ENTRY_CHARS) -> str:
    """A string field from a foreign entry, checked; ``None`` counts as empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportProblem(f"{label} should be text but is {_kind(value)}.")
    if len(value) > limit:
        raise ImportProblem(
            f"{label} is longer than the {limit:,} characters that can be imported."
        )
    if "\x00" in value:
        raise ImportProblem(f"{label} contains a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ImportProblem(f"{label} contains characters that aren't valid Unicode.") from None
    return value.replace("\r\n", "\n")


def clean_tags(value: object, label: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ImportProblem(f"{label}'s tags should be a list but are {_kind(value)}.")
    if len(value) > MAX_TAGS_PER_ENTRY:
        raise ImportProblem(f"{label} has more than {MAX_TAGS_PER_ENTRY} tags.")
    tags: list[str] = []
    for tag in value:
        name = " ".join(clean_text(tag, f"A tag of {label.lower()}", MAX_TAG_CHARS).split())
        name = name.lstrip("@#").strip()
        if name and name.casefold() not in {t.casefold() for t in tags}:
            tags.append(name)
    return tuple(tags)


def parse_entries(
    data: bytes, what: str, export_name: str, entry: Callable[[object, int], Entry]
) -> list[Entry]:
    """A JSON export holding a list under "entries" (jrnl and Day One), one entry at a time."""
    document = load_json(data, what)
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportProblem(
            f'{what} doesn\'t look like {export_name}: it has no list of "entries".'
        )
    raw = document["entries"]
    check_count(len(raw))
    return [entry(item, n) for n, item in enumerate(raw, start=1)]


def check_count(count: int) -> None:
    if count > MAX_ENTRIES:
        raise ImportProblem(
            f"There are more than {MAX_ENTRIES:,} entries, more than can be imported at once."
        )


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "something else"


def title_from_text(text: str) -> str:
    """The first non-empty line, without Markdown heading marks, at most 120 characters."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 120 else line[:119].rstrip() + "…"
    return ""
