"""The Markdown export: a folder with ``index.md`` and one ``.md`` file per session, built
under a temporary name and renamed into place as a whole."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import unicodedata
from pathlib import Path

from app.files import FOLDER_MODE, fsync_folder, why_not_written
from app.journal.feelings import with_amount
from app.transfer.exporting.safety import check_place
from app.transfer.exporting.snapshot import ExportProblem, Progress, Record, Snapshot
from app.transfer.exporting.stream import headings

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
        amounts = checkin.get("emotion_amounts", {})
        words = [with_amount(w, amounts.get(w, "")) for w in checkin["emotions"]]
        lines.append(f"- Emotions: {', '.join(words)}")
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
    if session["revisits"]:
        lines += ["## Coming back to it", ""]
        for note in session["revisits"]:
            lines += [f"### {_date_words(note['written_on'])}", ""]
            if note["private"]:
                lines += ["*(kept private)*", ""]
            lines += [note["body"], ""]
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
    for session in headings(snapshot.sessions):
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
            f"- {p['name']}" + "".join(f" · {p[k]}" for k in ("note", "reach") if p[k])
            for p in snapshot.people
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


def write_markdown(
    snapshot: Snapshot, target: Path, overwrite: bool = False, progress: Progress = None
) -> int:
    check_place(target, overwrite)
    if target.exists() and not target.is_dir():
        raise ExportProblem(f"{target.name} is a file; please choose a folder name.")
    building = target.with_name(f".{target.name}.export-{secrets.token_hex(4)}")
    aside: Path | None = None
    try:
        building.mkdir(mode=FOLDER_MODE)
        names: dict[int, str] = {}
        taken: set[str] = set()
        for done, session in enumerate(snapshot.sessions, 1):
            name = safe_name(session)
            stem, n = name[:-3], 2
            while name.casefold() in taken:
                name, n = f"{stem}-{n}.md", n + 1
            taken.add(name.casefold())
            names[session["id"]] = name
            _write_private(building / name, session_markdown(session))
            if progress is not None:
                progress(done)
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
    except BaseException:  # cancelled (or a failed read): the half-built folder goes
        shutil.rmtree(building, ignore_errors=True)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return len(snapshot.sessions)
