"""Writing a checked export (``own_json.OwnExport``) into a journal, in one transaction.

Every session becomes a new session, numbered after the ones already here: nothing is
merged into or overwrites what exists, so importing the same file twice gives two copies
(the client sees both and can delete one; silently guessing which is "the same" could lose
writing). People are matched by exact name, questions of one's own by exact text, themes
by name (as the app always does); a week note for a week that already has one is added
below it. Everything goes through the ordinary ``Journal`` methods inside one outer
transaction, so a failure or Cancel leaves the journal as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from app.journal import Journal, model
from app.transfer.importing import own_json_records as own_json


def write(
    journal: Journal, export: own_json.OwnExport, progress: Callable[[int], None] | None = None
) -> list[int]:
    """The new sessions' ids, oldest first. ``progress(done)`` is told after each session,
    before the commit; whatever it raises rolls everything back."""
    ids: list[int] = []
    with journal.transaction():
        people = _people(journal, export.people)
        questions = _questions(journal, export.questions)
        for session in export.sessions:
            ids.append(_session(journal, session, people, questions))
            if progress is not None:
                progress(len(ids))
        for checkin in export.loose_checkins:
            journal.save_checkin(_checkin(checkin, None))
        for note in export.week_notes:
            here = journal.week_note(note.week_start).body
            if note.body and note.body != here:
                body = f"{here}\n\n{note.body}" if here.strip() else note.body
                journal.save_week_note(model.WeekNote(note.week_start, body))
    return ids


def _people(journal: Journal, people: tuple[own_json.Person, ...]) -> dict[int, int]:
    """The file's person ids -> this journal's, matched by exact name or added."""
    here = {p.name: p.id for p in journal.people()}
    mapped: dict[int, int] = {}
    for p in people:
        if p.name not in here:
            added = journal.save_person(model.Person(p.name, p.note, 0, p.reach, p.when_hard))
            here[p.name] = added.id
        mapped[p.id] = here[p.name]
    return mapped


def _questions(journal: Journal, questions: tuple[own_json.Question, ...]) -> dict[str, str]:
    """The file's own question ids -> this journal's, matched by exact text or added.

    One to one: two of the file's questions with the same words stay two questions, or a
    session answering both would keep only one answer."""
    here = {text: qid for qid, _group, text in journal.custom_questions()}
    mapped: dict[str, str] = {}
    for q in questions:
        if q.text not in here or here[q.text] in mapped.values():
            here[q.text] = journal.add_custom_question(q.group_id, q.text)
        mapped[q.id] = here[q.text]
    return mapped


def _themes(journal: Journal, kind: str, target_id: int, names: tuple[str, ...]) -> None:
    for name in names:
        journal.add_theme_to(kind, target_id, name)


def _checkin(c: own_json.CheckIn, session_id: int | None) -> model.CheckIn:
    return model.CheckIn(
        c.checked_at,
        session_id,
        c.emotions,
        c.emotion_words,
        c.body_sensations,
        c.thoughts,
        c.colour,
        c.sound,
        c.texture,
        c.felt_sense,
        c.private,
        amounts=dict(c.amounts),
    )


def _session(
    journal: Journal, s: own_json.Session, people: dict[int, int], questions: dict[str, str]
) -> int:
    new = journal.add_session(s.held_on, s.title, s.intention, s.setting)
    first = journal.narrative(new.id)[0]  # every session starts with one (empty) part
    for index, part in enumerate(s.parts):
        if index == 0:
            journal.save_narrative_part(first.id, part.body)
            part_id = first.id
        else:
            part_id = journal.add_narrative_part(new.id, part.written_on, part.body).id
        _themes(journal, "narrative", part_id, part.themes)
    for a in s.answers:
        question_id = questions.get(a.question_id, a.question_id)
        saved = journal.save_answer(
            model.Answer(new.id, question_id, a.question_text, a.body, a.private)
        )
        _themes(journal, "answer", saved.id, a.themes)
    for r in s.revisits:
        note = journal.add_revisit_note(new.id, r.written_on, r.body)
        if r.private:
            note.private = True
            journal.save_revisit_note(note)
    for c in s.checkins:
        journal.save_checkin(_checkin(c, new.id))
    for i in s.insights:
        insight = journal.add_insight(new.id, i.body)
        _themes(journal, "insight", insight.id, i.themes)
        for planned in i.actions:
            action = journal.add_action(
                model.Action(
                    insight.id,
                    new.id,
                    planned.what,
                    planned.cue,
                    planned.how_often,
                    planned.with_whom,
                    None if planned.person_id is None else people[planned.person_id],
                    planned.first_step,
                    planned.note,
                    planned.status,
                    planned.look_again,
                )
            )
            for day in planned.ticks:
                journal.set_tick(action.id, day, True)
    return new.id
