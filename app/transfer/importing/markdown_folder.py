"""A folder of Markdown files (``.md``, ``.markdown``), one entry per file, subfolders too.

There is no standard here, so the reader follows what such folders usually hold (Obsidian,
iA Writer, exports from other journals): an optional front matter block between ``---``
lines at the top, or plain ``key: value`` lines at the very top, may give ``date:``,
``title:`` and ``tags:``. Otherwise the date is a ``YYYY-MM-DD`` in the file name, and
failing that the day the file was last changed; the title is the first ``# heading``, or
else the file name. Links are never followed out of the folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from app.transfer.importing.common import (
    MAX_FOLDER_BYTES,
    MAX_MARKDOWN_FILE_BYTES,
    MAX_MARKDOWN_FILES,
    MAX_TITLE_CHARS,
    Entry,
    ImportProblem,
    clean_tags,
    clean_text,
    decode_text,
    megabytes,
    read_file,
)

SUFFIXES = (".md", ".markdown")
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Both patterns run in linear time on any line: the key is bounded, and nothing after
# the colon can fail (".*$" always matches the rest of a line that has no newline).
_KEY_LINE = re.compile(r"^([A-Za-z][\w -]{0,30}):\s*(.*)$")


def _heading(body: str) -> str | None:
    """The first ``# heading``'s text, found without a regular expression.

    ``^#\\s+(.+?)\\s*#*\\s*$`` backtracked quadratically on "# a" + spaces + "b" (57 s for
    2,000 spaces, on the GUI thread); string methods are linear.
    """
    for line in body.split("\n"):
        if len(line) > 1 and line[0] == "#" and line[1] in " \t":
            text = line[1:].strip().rstrip("#").strip()
            if text:
                return text
    return None


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ImportProblem(f"{folder.name} isn't a folder that can be read.")
    found: list[Path] = []
    try:
        for root, dirs, names in os.walk(folder, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                path = Path(root) / name
                if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                    continue
                if path.is_symlink():
                    continue  # a link could point anywhere on the computer
                found.append(path)
                if len(found) > MAX_MARKDOWN_FILES:
                    raise ImportProblem(
                        f"{folder.name} holds more than {MAX_MARKDOWN_FILES:,} Markdown files."
                    )
    except OSError as error:
        raise ImportProblem(
            f"{folder.name} couldn't be read ({error.strerror or error})."
        ) from None
    return found


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Keys from a ``---`` block or from ``key: value`` lines at the top, and the rest."""
    lines = text.split("\n")
    keys: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 200)):
            if lines[end].strip() in ("---", "..."):
                last = ""
                for line in lines[1:end]:
                    m = _KEY_LINE.match(line.strip())
                    if m:
                        last = m.group(1).strip().lower()
                        keys.setdefault(last, m.group(2).strip())
                    elif line.strip().startswith("- ") and last == "tags":
                        # a YAML list under "tags:", one "- name" per line
                        keys[last] = f"{keys[last]},{line.strip()[2:]}".strip(",")
                return keys, "\n".join(lines[end + 1 :])
        return {}, text
    index = 0
    while index < min(len(lines), 10):
        m = _KEY_LINE.match(lines[index].strip())
        if not m or m.group(1).strip().lower() not in ("date", "title", "tags"):
            break
        keys.setdefault(m.group(1).strip().lower(), m.group(2).strip())
        index += 1
    if "date" not in keys:
        return {}, text
    return keys, "\n".join(lines[index:])


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _tags(value: str) -> list[str]:
    value = value.strip().strip("[]")
    parts = value.split(",") if "," in value else value.split()
    return [_unquote(t) for t in parts if _unquote(t)]


def _day(keys: dict[str, str], path: Path, label: str) -> dt.date:
    if "date" in keys:
        value = _unquote(keys["date"])
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            raise ImportProblem(
                f"{label} has a date line that isn't a date ({value[:40]!r})."
            ) from None
    m = _DATE_IN_NAME.search(path.name)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    except (ValueError, OverflowError, OSError):  # a file time far outside any calendar
        raise ImportProblem(
            f"{label} has no date line, no date in its name, and its file date "
            "isn't a real date. Add a line such as “date: 2024-05-31” at its top."
        ) from None


def read(folder: Path) -> list[Entry]:
    entries: list[Entry] = []
    total = 0
    for path in _files(folder):
        label = str(path.relative_to(folder))
        data = read_file(path, MAX_MARKDOWN_FILE_BYTES, label)
        total += len(data)
        if total > MAX_FOLDER_BYTES:
            raise ImportProblem(
                f"The Markdown files add up to more than {megabytes(MAX_FOLDER_BYTES)}."
            )
        text = clean_text(decode_text(data, label), label).replace("\r", "\n")
        keys, body = _front_matter(text)
        try:
            day = _day(keys, path, label)
        except OSError as error:
            raise ImportProblem(f"{label} couldn't be read ({error.strerror or error}).") from None
        body = body.strip("\n")
        title = _unquote(keys.get("title", ""))
        if not title:
            title = _heading(body) or path.stem.replace("_", " ")
        title = clean_text(" ".join(title.split()), f"{label}'s title", MAX_TITLE_CHARS)
        tags = clean_tags(_tags(keys.get("tags", "")), label)
        entries.append(Entry(day, title, body, tags))
    if not entries:
        raise ImportProblem(f"{folder.name} holds no Markdown files (.md or .markdown).")
    return entries
