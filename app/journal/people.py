"""People in the client's support system: who they are, how they help, how to reach them,
and the actions shared with them ("with whom")."""

from __future__ import annotations

from app.journal.actions import ACTION_COLUMNS, action_from_row
from app.journal.base import JournalBase, Row
from app.journal.model import Action, Person

_PERSON = "SELECT name, note, id, reach, when_hard FROM people"


def _person(row: Row) -> Person:
    name, note, pid, reach, when_hard = row
    return Person(name, note, pid, reach, bool(when_hard))


class PeopleRecords(JournalBase):
    def save_person(self, person: Person) -> Person:
        values = (person.name, person.note, person.reach, int(person.when_hard))
        with self.transaction() as c:
            if person.id:
                c.execute(
                    "UPDATE people SET name = ?, note = ?, reach = ?, when_hard = ? WHERE id = ?",
                    (*values, person.id),
                )
            else:
                cur = c.execute(
                    "INSERT INTO people (name, note, reach, when_hard) VALUES (?, ?, ?, ?)",
                    values,
                )
                person.id = int(cur.lastrowid or 0)
        return person

    def delete_person(self, person_id: int) -> None:
        """The person goes; actions shared with them stay, with their words (the link
        empties by ON DELETE SET NULL)."""
        with self.transaction() as c:
            c.execute("DELETE FROM people WHERE id = ?", (person_id,))

    def people(self) -> list[Person]:
        rows = self._all(f"{_PERSON} ORDER BY name COLLATE NOCASE, id")
        return [_person(r) for r in rows]

    def person(self, person_id: int) -> Person | None:
        rows = self._all(f"{_PERSON} WHERE id = ?", (person_id,))
        return _person(rows[0]) if rows else None

    def hard_day_contacts(self) -> list[Person]:
        """The people the client chose to see on the "When it's hard" page."""
        rows = self._all(f"{_PERSON} WHERE when_hard = 1 ORDER BY name COLLATE NOCASE, id")
        return [_person(r) for r in rows]

    def actions_with_person(self, person_id: int) -> list[Action]:
        """Actions linked to this person, newest session first."""
        columns = "a." + ACTION_COLUMNS.replace(", ", ", a.")
        rows = self._all(
            f"SELECT {columns}, a.id FROM actions a JOIN sessions s ON s.id = a.session_id "
            "WHERE a.person_id = ? ORDER BY s.held_on DESC, s.number DESC, a.position, a.id",
            (person_id,),
        )
        return [action_from_row(r) for r in rows]
