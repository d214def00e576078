"""Export the journal (all of it, or the sessions in a date range) as Markdown, HTML or JSON.

Everything is read with a handful of bulk queries (one per table) and grouped in Python,
so exporting ten thousand entries costs a few hundred milliseconds, not ten thousand
queries. Every export is written atomically: a file goes to a temporary name in the target
folder and is renamed into place; the Markdown folder is built under a temporary name next
to the target and renamed as a whole. A failed export leaves nothing behind, and an
existing, non-empty target is only replaced when the caller says so.

The JSON format is described in ``docs/export-format.md``. Exported files are not
encrypted: the UI says so before calling anything here. No Qt, no network.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from app.errors import JournalError
from app.files import FOLDER_MODE, atomic_file, fsync_folder, why_not_written
from app.journal import Journal, snapshot_rows

FORMAT = "integration-journal-export"
VERSION = 1
FORMATS = ("markdown", "html", "json")

Record = dict[str, Any]


class ExportProblem(JournalError):
    """The export could not be written; nothing was left behind."""


# -- reading everything, in bulk --------------------------------------------------------------


@dataclass
class Snapshot:
    """The exported part of the journal, grouped by session, ready for any format."""

    sessions: list[Record]
    checkins_without_session: list[Record]
    week_notes: list[Record]
    people: list[Record]
    custom_questions: list[Record]
    hidden_questions: list[str]
    themes: list[Record]
    meta: dict[str, str]
    start: dt.date | None = None
    end: dt.date | None = None
    exported_at: str = field(default_factory=lambda: _now())

    def header(self) -> Record:
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": self.exported_at,
            "range": {
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
            },
            "journal": self.meta,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _in_range(day: str, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or day[:10] >= start.isoformat()) and (
        end is None or day[:10] <= end.isoformat()
    )


def collect(journal: Journal, start: dt.date | None = None, end: dt.date | None = None) -> Snapshot:
    """Read the journal (sessions held between ``start`` and ``end``, both included)."""
    sessions = list(snapshot_rows.sessions(journal, start, end))
    by_id = {s["id"]: s for s in sessions}
    for s in sessions:
        s.update(narrative=[], answers=[], checkins=[], insights=[])
    # Theme links first: each themed row gets its theme names as it is read.
    theme_names = {r["id"]: r["name"] for r in snapshot_rows.whole(journal, "themes")}
    links: dict[tuple[str, int], list[str]] = defaultdict(list)
    uses: dict[int, list[Record]] = defaultdict(list)
    for r in snapshot_rows.whole(journal, "theme_links"):
        links[(r["kind"], r["target_id"])].append(theme_names[r["theme_id"]])
        uses[r["theme_id"]].append({"kind": r["kind"], "id": r["target_id"]})
    used_here: set[tuple[str, int]] = set()

    def themed(kind: str, record: Record) -> Record:
        names = sorted(links.get((kind, record["id"]), ()), key=str.casefold)
        record["themes"] = names
        if names:
            used_here.add((kind, record["id"]))
        return record

    for r in snapshot_rows.under_sessions(journal, "narrative_parts", start, end):
        by_id[r.pop("session_id")]["narrative"].append(themed("narrative", r))
    for r in snapshot_rows.under_sessions(journal, "answers", start, end):
        r["private"] = bool(r["private"])
        by_id[r.pop("session_id")]["answers"].append(themed("answer", r))
    loose: list[Record] = []
    for r in snapshot_rows.whole(journal, "checkins"):
        r["emotions"] = json.loads(r["emotions"])
        r["private"] = bool(r["private"])
        owner = r.pop("session_id")
        if owner is None:
            if _in_range(r["checked_at"], start, end):
                loose.append(r)
        elif owner in by_id:
            by_id[owner]["checkins"].append(r)
    insights: dict[int, Record] = {}
    for r in snapshot_rows.under_sessions(journal, "insights", start, end):
        r["actions"] = []
        insights[r["id"]] = r
        by_id[r.pop("session_id")]["insights"].append(themed("insight", r))
    ticks: dict[int, list[str]] = defaultdict(list)
    for tick in snapshot_rows.whole(journal, "action_ticks"):
        ticks[tick["action_id"]].append(tick["day"])
    for r in snapshot_rows.under_sessions(journal, "actions", start, end):
        r["ticks"] = ticks.get(r["id"], [])
        insights[r.pop("insight_id")]["actions"].append(r)

    week_notes = [
        r
        for r in snapshot_rows.whole(journal, "week_notes")
        if _in_range(r["week_start"], start, end)
    ]
    whole = start is None and end is None
    themes = [
        {
            "id": theme_id,
            "name": name,
            "used_in": [
                u for u in uses.get(theme_id, []) if whole or (u["kind"], u["id"]) in used_here
            ],
        }
        for theme_id, name in theme_names.items()
    ]
    return Snapshot(
        sessions=sessions,
        checkins_without_session=loose,
        week_notes=week_notes,
        people=list(snapshot_rows.whole(journal, "people")),
        custom_questions=[
            {
                "id": f"own.{r['id']}",
                "group_id": r["group_id"],
                "text": r["text"],
                "created_at": r["created_at"],
            }
            for r in snapshot_rows.whole(journal, "custom_questions")
        ],
        hidden_questions=sorted(
            r["question_id"] for r in snapshot_rows.whole(journal, "hidden_questions")
        ),
        themes=[t for t in themes if whole or t["used_in"]],
        meta={r["key"]: r["value"] for r in snapshot_rows.whole(journal, "meta")},
        start=start,
        end=end,
    )


# -- writing safely -----------------------------------------------------------------------


def _check_target(target: Path, overwrite: bool) -> None:
    if not target.parent.is_dir():
        raise ExportProblem(f"The folder {target.parent} doesn't exist.")
    if target.is_symlink():
        raise ExportProblem(f"{target} is a link; please choose another place.")
    non_empty = target.is_file() and target.stat().st_size > 0
    non_empty = non_empty or (target.is_dir() and any(target.iterdir()))
    if non_empty and not overwrite:
        raise ExportProblem(
            f"{target.name} already exists and has something in it; it was left as it was. "
            "Please choose another name."
        )


@contextlib.contextmanager
def _file_in_place(target: Path, overwrite: bool) -> Iterator[BinaryIO]:
    _check_target(target, overwrite)
    if target.is_dir():
        raise ExportProblem(f"{target} is a folder; please choose a file name.")
    try:
        with atomic_file(target) as handle:
            yield handle
    except OSError as error:
        raise ExportProblem(
            f"The export couldn't be written ({why_not_written(error)}). Nothing was saved."
        ) from None


# -- JSON -----------------------------------------------------------------------------------


def iter_json(snapshot: Snapshot) -> Iterator[str]:
    """The export as JSON text, in chunks (each session encoded on its own)."""
    encode = json.JSONEncoder(ensure_ascii=False, indent=None, separators=(",", ":")).encode
    head = snapshot.header()
    yield "{\n"
    for key, value in head.items():
        yield f"{encode(key)}:{encode(value)},\n"
    yield '"sessions":[\n'
    for index, session in enumerate(snapshot.sessions):
        yield ("," if index else "") + encode(session) + "\n"
    yield "],\n"
    rest = {
        "checkins_without_session": snapshot.checkins_without_session,
        "week_notes": snapshot.week_notes,
        "people": snapshot.people,
        "custom_questions": snapshot.custom_questions,
        "hidden_questions": snapshot.hidden_questions,
        "themes": snapshot.themes,
    }
    last = len(rest) - 1
    for index, (key, value) in enumerate(rest.items()):
        yield f"{encode(key)}:{encode(value)}" + ("\n" if index == last else ",\n")
    yield "}\n"


def export_json(
    journal: Journal,
    target: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    overwrite: bool = False,
) -> int:
    """Write the JSON export to ``target``; returns the number of sessions exported."""
    _check_target(target, overwrite)
    return write_json(collect(journal, start, end), target, overwrite)


def write_json(snapshot: Snapshot, target: Path, overwrite: bool = False) -> int:
    with _file_in_place(target, overwrite) as handle:
        buffer: list[str] = []
        size = 0
        for chunk in iter_json(snapshot):
            buffer.append(chunk)
            size += len(chunk)
            if size > 1 << 20:
                handle.write("".join(buffer).encode("utf-8"))
                buffer, size = [], 0
        handle.write("".join(buffer).encode("utf-8"))
    return len(snapshot.sessions)


# -- Markdown --------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w\- ]+", re.UNICODE)


def safe_name(session: Record) -> str:
    """A file name that is safe everywhere: date, number, then the title's letters."""
    title = unicodedata.normalize("NFKC", str(session.get("title") or ""))
    slug = _UNSAFE.sub(" ", title)
    slug = "-".join(slug.split()).strip("-_.")[:60].strip("-_.").lower()
    base = f"{session['held_on'][:10]}-session-{int(session['number']):03d}"
    return f"{base}-{slug}.md" if slug else f"{base}.md"


def _date_words(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B %Y')}"


def _heading(session: Record) -> str:
    title = session["title"].strip()
    return f"Session {session['number']}" + (f" — {title}" if title else "")


def _themes_line(record: Record) -> list[str]:
    return [f"*Themes: {', '.join(record['themes'])}*", ""] if record.get("themes") else []


_CHECKIN_FIELDS = (
    ("emotion_words", "In my own words"),
    ("body_sensations", "In the body"),
    ("thoughts", "Thoughts"),
    ("colour", "Colour"),
    ("sound", "Sound"),
    ("texture", "Texture"),
    ("felt_sense", "Felt sense"),
)
_ACTION_FIELDS = (
    ("cue", "When"),
    ("how_often", "How often"),
    ("with_whom", "With whom"),
    ("first_step", "First small step"),
    ("note", "Note"),
    ("look_again", "Look at it again on"),
)
_STATUS = {"planned": "Planned", "doing": "Doing", "done": "Done", "let_go": "Let go"}


def _checkin_lines(checkin: Record) -> list[str]:
    lines = [f"### Check-in, {_date_words(checkin['checked_at'])} {checkin['checked_at'][11:16]}"]
    lines.append("")
    if checkin["private"]:
        lines += ["*(kept private)*", ""]
    if checkin["emotions"]:
        lines.append(f"- Emotions: {', '.join(checkin['emotions'])}")
    lines += [f"- {label}: {checkin[key]}" for key, label in _CHECKIN_FIELDS if checkin[key]]
    return [*lines, ""]


def session_markdown(session: Record) -> str:
    lines = [f"# {_heading(session)}", "", f"Held on {_date_words(session['held_on'])}.", ""]
    if session["intention"]:
        lines += ["## Intention", "", session["intention"], ""]
    if session["setting"]:
        lines += ["## Setting", "", session["setting"], ""]
    if any(p["body"].strip() for p in session["narrative"]):
        lines += ["## Narrative", ""]
        for index, part in enumerate(session["narrative"]):
            if index:
                lines += [f"### Added on {_date_words(part['written_on'])}", ""]
            lines += [part["body"], "", *_themes_line(part)]
    if session["answers"]:
        lines += ["## Reflection", ""]
        for answer in session["answers"]:
            lines += [f"### {answer['question_text']}", ""]
            if answer["private"]:
                lines += ["*(kept private)*", ""]
            lines += [answer["body"], "", *_themes_line(answer)]
    if session["checkins"]:
        lines += ["## Check-ins", ""]
        for checkin in session["checkins"]:
            lines += _checkin_lines(checkin)
    if session["insights"]:
        lines += ["## Action plan", ""]
        for insight in session["insights"]:
            lines += [f"### {insight['body'] or 'Insight'}", "", *_themes_line(insight)]
            for action in insight["actions"]:
                lines.append(f"- **{action['what'] or 'Action'}** ({_STATUS[action['status']]})")
                lines += [
                    f"  - {label}: {action[key]}" for key, label in _ACTION_FIELDS if action[key]
                ]
                if action["ticks"]:
                    lines.append(f"  - Ticked on: {', '.join(action['ticks'])}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def index_markdown(snapshot: Snapshot, names: dict[int, str]) -> str:
    lines = ["# Integration Journal", "", f"Exported on {snapshot.exported_at[:10]}.", ""]
    if snapshot.start or snapshot.end:
        first = _date_words(snapshot.start.isoformat()) if snapshot.start else "the first"
        last = _date_words(snapshot.end.isoformat()) if snapshot.end else "the latest"
        lines += [f"Sessions from {first} to {last}.", ""]
    lines += ["## Sessions", ""]
    for session in snapshot.sessions:
        name = names[session["id"]]
        lines.append(f"- [{_date_words(session['held_on'])} — {_heading(session)}](<{name}>)")
    if not snapshot.sessions:
        lines.append("No sessions in this export.")
    lines.append("")
    if snapshot.checkins_without_session:
        lines += ["## Check-ins on their own", ""]
        for checkin in snapshot.checkins_without_session:
            lines += _checkin_lines(checkin)
    if snapshot.week_notes:
        lines += ["## Week notes", ""]
        for note in snapshot.week_notes:
            lines += [f"### Week of {_date_words(note['week_start'])}", "", note["body"], ""]
    if snapshot.people:
        lines += ["## People", ""]
        lines += [
            f"- {p['name']}" + (f": {p['note']}" if p["note"] else "") for p in snapshot.people
        ]
        lines.append("")
    if snapshot.custom_questions:
        lines += ["## My own questions", ""]
        lines += [f"- {q['text']}" for q in snapshot.custom_questions]
        lines.append("")
    if snapshot.themes:
        lines += ["## Themes", ""]
        lines += [f"- {t['name']} ({len(t['used_in'])})" for t in snapshot.themes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


def export_markdown(
    journal: Journal,
    target: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    overwrite: bool = False,
) -> int:
    """Write a folder with ``index.md`` and one ``.md`` file per session."""
    _check_target(target, overwrite)
    return write_markdown(collect(journal, start, end), target, overwrite)


def write_markdown(snapshot: Snapshot, target: Path, overwrite: bool = False) -> int:
    _check_target(target, overwrite)
    if target.exists() and not target.is_dir():
        raise ExportProblem(f"{target.name} is a file; please choose a folder name.")
    building = target.with_name(f".{target.name}.export-{secrets.token_hex(4)}")
    aside: Path | None = None
    try:
        building.mkdir(mode=FOLDER_MODE)
        names: dict[int, str] = {}
        taken: set[str] = set()
        for session in snapshot.sessions:
            name = safe_name(session)
            stem, n = name[:-3], 2
            while name.casefold() in taken:
                name, n = f"{stem}-{n}.md", n + 1
            taken.add(name.casefold())
            names[session["id"]] = name
            _write_private(building / name, session_markdown(session))
        _write_private(building / "index.md", index_markdown(snapshot, names))
        fsync_folder(building)
        if target.exists():
            if any(target.iterdir()):
                aside = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
                os.rename(target, aside)
            else:
                target.rmdir()
        os.rename(building, target)
        fsync_folder(target.parent)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        if aside is not None and not target.exists():
            os.rename(aside, target)  # put the old export back as it was
            aside = None
        raise ExportProblem(
            f"The export couldn't be written ({why_not_written(error)}). Nothing was saved."
        ) from None
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return len(snapshot.sessions)


# -- HTML ------------------------------------------------------------------------------------


def _html_sessions(snapshot: Snapshot) -> Iterable[str]:
    from app.documents.render import escape, markdown_to_html

    yield f"<h1>Integration Journal</h1>\n<p>Exported on {escape(snapshot.exported_at[:10])}.</p>"
    yield "<h2>Sessions</h2>\n<ul>"
    for s in snapshot.sessions:
        yield (
            f'<li><a href="#session-{s["id"]}">{escape(_date_words(s["held_on"]))} — '
            f"{escape(_heading(s))}</a></li>"
        )
    yield "</ul>"

    def themes(record: Record) -> str:
        names = record.get("themes") or []
        return f'<p class="themes">Themes: {escape(", ".join(names))}</p>' if names else ""

    def fields(record: Record, labels: tuple[tuple[str, str], ...]) -> str:
        items = "".join(
            f"<li>{escape(label)}: {escape(str(record[key]))}</li>"
            for key, label in labels
            if record[key]
        )
        return f"<ul>{items}</ul>" if items else ""

    for s in snapshot.sessions:
        yield f'<section id="session-{s["id"]}">\n<h2>{escape(_heading(s))}</h2>'
        yield f"<p>Held on {escape(_date_words(s['held_on']))}.</p>"
        if s["intention"]:
            yield f"<h3>Intention</h3>{markdown_to_html(s['intention'])}"
        if s["setting"]:
            yield f"<h3>Setting</h3>{markdown_to_html(s['setting'])}"
        if any(p["body"].strip() for p in s["narrative"]):
            yield "<h3>Narrative</h3>"
            for index, part in enumerate(s["narrative"]):
                if index:
                    yield f"<h4>Added on {escape(_date_words(part['written_on']))}</h4>"
                yield markdown_to_html(part["body"]) + themes(part)
        if s["answers"]:
            yield "<h3>Reflection</h3>"
            for a in s["answers"]:
                private = "<p><em>(kept private)</em></p>" if a["private"] else ""
                yield (
                    f"<h4>{escape(a['question_text'])}</h4>{private}"
                    f"{markdown_to_html(a['body'])}{themes(a)}"
                )
        if s["checkins"]:
            yield "<h3>Check-ins</h3>"
            for c in s["checkins"]:
                emotions = (
                    f"<li>Emotions: {escape(', '.join(c['emotions']))}</li>"
                    if c["emotions"]
                    else ""
                )
                yield (
                    f"<h4>{escape(_date_words(c['checked_at']))} {escape(c['checked_at'][11:16])}"
                    f"</h4><ul>{emotions}</ul>{fields(c, _CHECKIN_FIELDS)}"
                )
        if s["insights"]:
            yield "<h3>Action plan</h3>"
            for i in s["insights"]:
                yield f"<h4>{escape(i['body'] or 'Insight')}</h4>{themes(i)}"
                for a in i["actions"]:
                    yield (
                        f"<p><strong>{escape(a['what'] or 'Action')}</strong> "
                        f"({escape(_STATUS[a['status']])})</p>{fields(a, _ACTION_FIELDS)}"
                    )
        yield "</section>"
    if snapshot.week_notes:
        yield "<h2>Week notes</h2>"
        for note in snapshot.week_notes:
            yield (
                f"<h3>Week of {escape(_date_words(note['week_start']))}</h3>"
                f"{markdown_to_html(note['body'])}"
            )
    if snapshot.people:
        yield "<h2>People</h2><ul>"
        for p in snapshot.people:
            extra = f": {escape(p['note'])}" if p["note"] else ""
            yield f"<li>{escape(p['name'])}{extra}</li>"
        yield "</ul>"


def html_document(snapshot: Snapshot) -> str:
    from app.documents.render import document_html

    return document_html("\n".join(_html_sessions(snapshot)), title="Integration Journal")


def export_html(
    journal: Journal,
    target: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    overwrite: bool = False,
) -> int:
    """Write one self-contained HTML file (inline style, loads nothing)."""
    _check_target(target, overwrite)
    return write_html(collect(journal, start, end), target, overwrite)


def write_html(snapshot: Snapshot, target: Path, overwrite: bool = False) -> int:
    _check_target(target, overwrite)
    document = html_document(snapshot)
    with _file_in_place(target, overwrite) as handle:
        handle.write(document.encode("utf-8"))
    return len(snapshot.sessions)


def export(
    journal: Journal,
    kind: str,
    target: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    overwrite: bool = False,
) -> int:
    """Export in one of ``FORMATS``; returns the number of sessions written."""
    writer = {"markdown": export_markdown, "html": export_html, "json": export_json}[kind]
    return writer(journal, target, start=start, end=end, overwrite=overwrite)


def write(kind: str, snapshot: Snapshot, target: Path, overwrite: bool = False) -> int:
    """Write a snapshot already read (touches no database: safe off the GUI thread)."""
    writer = {"markdown": write_markdown, "html": write_html, "json": write_json}[kind]
    return writer(snapshot, target, overwrite)


def check_target(kind: str, target: Path, overwrite: bool = False) -> None:
    """Raise ``ExportProblem`` now if ``target`` can't be used (before anything is read)."""
    if kind != "markdown" and target.is_dir():
        raise ExportProblem(f"{target.name} already exists and is a folder; please choose a file.")
    if kind == "markdown" and target.exists() and not target.is_dir():
        raise ExportProblem(f"{target.name} already exists and is a file; please choose a folder.")
    _check_target(target, overwrite)
