"""People the client names in actions ("with whom")."""

from __future__ import annotations

from app.journal.base import JournalBase
from app.journal.model import Person


class PeopleRecords(JournalBase):
    def save_person(self, person: Person) -> Person:
        with self.transaction() as c:
            if person.id:
                c.execute(
                    "UPDATE people SET name = ?, note = ? WHERE id = ?",
                    (person.name, person.note, person.id),
                )
            else:
                cur = c.execute(
                    "INSERT INTO people (name, note) VALUES (?, ?)", (person.name, person.note)
                )
                person.id = int(cur.lastrowid or 0)
        return person

    def delete_person(self, person_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM people WHERE id = ?", (person_id,))

    def people(self) -> list[Person]:
        rows = self._all("SELECT name, note, id FROM people ORDER BY name COLLATE NOCASE, id")
        return [Person(*r) for r in rows]
