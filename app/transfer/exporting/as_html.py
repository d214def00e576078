"""The HTML export: one self-contained file (inline style, loads nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.journal.feelings import with_amount
from app.transfer.exporting.as_markdown import (
    _ACTION_FIELDS,
    _CHECKIN_FIELDS,
    _STATUS,
    _date_words,
    _heading,
)
from app.transfer.exporting.safety import check_place, file_in_place
from app.transfer.exporting.snapshot import Progress, Record, Snapshot
from app.transfer.exporting.stream import headings


def _felt(checkin: Record) -> list[str]:
    amounts = checkin.get("emotion_amounts", {})
    return [with_amount(w, amounts.get(w, "")) for w in checkin["emotions"]]


def _html_sessions(snapshot: Snapshot, progress: Progress = None) -> Iterable[str]:
    from app.documents.render import escape, markdown_to_html

    yield f"<h1>Integration Journal</h1>\n<p>Exported on {escape(snapshot.exported_at[:10])}.</p>"
    yield "<h2>Sessions</h2>\n<ul>"
    for s in headings(snapshot.sessions):
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

    for done, s in enumerate(snapshot.sessions, 1):
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
        if s["revisits"]:
            yield "<h3>Coming back to it</h3>"
            for r in s["revisits"]:
                private = "<p><em>(kept private)</em></p>" if r["private"] else ""
                yield (
                    f"<h4>{escape(_date_words(r['written_on']))}</h4>{private}"
                    f"{markdown_to_html(r['body'])}"
                )
        if s["checkins"]:
            yield "<h3>Check-ins</h3>"
            for c in s["checkins"]:
                emotions = (
                    f"<li>Emotions: {escape(', '.join(_felt(c)))}</li>" if c["emotions"] else ""
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
        if progress is not None:
            progress(done)
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
            extra = "".join(f" · {escape(p[k])}" for k in ("note", "reach") if p[k])
            yield f"<li>{escape(p['name'])}{extra}</li>"
        yield "</ul>"


def html_document(snapshot: Snapshot) -> str:
    from app.documents.render import document_html

    return document_html("\n".join(_html_sessions(snapshot)), title="Integration Journal")


def write_html(
    snapshot: Snapshot, target: Path, overwrite: bool = False, progress: Progress = None
) -> int:
    from app.documents.render import document_html

    check_place(target, overwrite)
    # The page is written a part at a time: the whole of it is never held in memory.
    head, tail = document_html("\0", title="Integration Journal").split("\0")
    with file_in_place(target, overwrite) as handle:
        handle.write(head.encode("utf-8"))
        buffer: list[str] = []
        size = 0
        for index, part in enumerate(_html_sessions(snapshot, progress)):
            buffer.append(("\n" if index else "") + part)
            size += len(part)
            if size > 1 << 20:
                handle.write("".join(buffer).encode("utf-8"))
                buffer, size = [], 0
        buffer.append(tail)
        handle.write("".join(buffer).encode("utf-8"))
    return len(snapshot.sessions)
