"""The session list reads a page at a time: more as it is scrolled, or as a session
further down is asked for; a session added meanwhile neither repeats nor hides a row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from app import vault
from app.journal import Journal
from ui.common.session_list import PAGE, SessionListModel

FIRST_DAY = dt.date(2020, 1, 1)


def _journal_with(opened: vault.Vault, sessions: int) -> Journal:
    j = opened.journal
    for n in range(sessions):
        j.add_session(FIRST_DAY + dt.timedelta(days=n))
    return j


def test_only_the_first_page_is_read_until_the_list_is_scrolled(
    qtbot: QtBot, opened: vault.Vault
) -> None:
    j = _journal_with(opened, PAGE * 2 + 5)
    model = SessionListModel()
    model.load(j.sessions_after)
    assert model.rowCount() == PAGE
    assert model.canFetchMore()

    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(3):
        view.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() > PAGE)
    qtbot.waitUntil(lambda: model.rowCount() == PAGE * 2 + 5)
    assert not model.canFetchMore()
    listed = [model.session_at(r) for r in range(model.rowCount())]
    assert [s.id for s in listed if s] == [s.id for s in j.sessions()]


def test_a_session_further_down_is_found_by_reading_on(opened: vault.Vault) -> None:
    j = _journal_with(opened, PAGE + 10)
    oldest = j.sessions()[-1]
    model = SessionListModel()
    model.load(j.sessions_after)
    assert model.rowCount() == PAGE

    assert model.row_of(oldest.id) == PAGE + 9
    assert model.row_of(-1) == -1  # not there: every page read, nothing made up


def test_a_session_added_meanwhile_appears_once(opened: vault.Vault) -> None:
    j = _journal_with(opened, PAGE + 10)
    model = SessionListModel()
    model.load(j.sessions_after)
    newest = j.add_session(FIRST_DAY + dt.timedelta(days=PAGE + 500))
    oldest = j.add_session(FIRST_DAY - dt.timedelta(days=1))

    assert model.insert(newest) == 0
    assert model.insert(oldest) == PAGE + 11
    while model.canFetchMore():
        model.fetchMore()
    ids = [s.id for r in range(model.rowCount()) if (s := model.session_at(r))]
    assert ids == [s.id for s in j.sessions()]


def test_every_listed_session_deleted_then_one_added_reads_on(opened: vault.Vault) -> None:
    j = _journal_with(opened, PAGE + 3)
    model = SessionListModel()
    model.load(j.sessions_after)
    for session in j.sessions(limit=PAGE):  # the whole first page goes
        j.delete_session(session.id)
        model.remove(session.id)
    assert model.rowCount() == 0 and model.canFetchMore()
    added = j.add_session(FIRST_DAY - dt.timedelta(days=1))
    assert model.insert(added) == 3  # after the three older sessions still there
    assert [s.id for r in range(model.rowCount()) if (s := model.session_at(r))] == [
        s.id for s in j.sessions()
    ]
