"""People's names on paper: an action linked to someone in People shows their name as it is
now (a rename follows); otherwise the words typed in "With whom"."""

from __future__ import annotations

from app.journal import Journal
from app.journal.model import Action


def people_names(journal: Journal) -> dict[int, str]:
    return {p.id: p.name for p in journal.people()}


def with_whom(action: Action, names: dict[int, str]) -> str:
    linked = names.get(action.person_id) if action.person_id else None
    return linked if linked and linked.strip() else action.with_whom
