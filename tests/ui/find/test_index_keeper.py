"""At a quiet moment the search index catches up in the background, on its own connection;
locking stops it first."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from tests.ui.shell.test_app_flow import add_session, first_run, make_app
from ui.find.index_keeper import IndexKeeper

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace


def _threads_running(monkeypatch: pytest.MonkeyPatch, step: str) -> list[threading.Thread]:
    """The threads that run the journal's ``step`` from now on."""
    from app.journal import search_index

    threads: list[threading.Thread] = []
    real_step = getattr(search_index.SearchIndexRecords, step)

    def noted(self):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_step(self)

    monkeypatch.setattr(search_index.SearchIndexRecords, step, noted)
    return threads


def _story_saved(qtbot, make_app):  # type: ignore[no-untyped-def]
    """A new journal with one session whose story was typed and autosaved."""
    controller = make_app()
    main = first_run(qtbot, controller)
    add_session(qtbot, main, dt.date(2026, 11, 3))
    with qtbot.waitSignal(main.autosaver.saved, timeout=5000):
        qtbot.keyClicks(main.narrative.editors[0], "The ptarmigan by the window.")
    return controller, main


def test_a_quiet_moment_catches_the_index_up_off_the_gui_thread(
    qtbot, make_app, monkeypatch
) -> None:
    monkeypatch.setattr(IndexKeeper, "quiet_ms", 50)
    threads = _threads_running(monkeypatch, "index_upkeep_step")
    controller, main = _story_saved(qtbot, make_app)
    keeper = controller.index_keeper
    qtbot.waitUntil(lambda: main.journal.pending_index_count() == 0, timeout=10000)
    assert threads and threading.main_thread() not in threads
    qtbot.waitUntil(lambda: not keeper.running(), timeout=10000)
    assert [h.session_id for h in main.journal.search("ptarmigan")] == [main.session.id]


def test_locking_stops_the_keeper_before_the_journal_closes(qtbot, make_app, monkeypatch) -> None:
    from app.journal import search_index

    monkeypatch.setattr(IndexKeeper, "quiet_ms", 50)
    gate, started = threading.Event(), threading.Event()

    def held(self):  # type: ignore[no-untyped-def]
        started.set()
        assert gate.wait(10)
        return False

    monkeypatch.setattr(search_index.SearchIndexRecords, "index_upkeep_step", held)
    controller = make_app()
    main = first_run(qtbot, controller)
    keeper = controller.index_keeper
    qtbot.waitUntil(started.is_set, timeout=10000)
    assert keeper.running()
    threading.Thread(target=gate.set).start()  # the step under way ends while lock waits
    assert controller.lock()
    assert not keeper.running()
    assert main.journal is None
    started.clear()
    keeper._run()  # a quiet moment after the lock: nothing starts
    assert not keeper.running() and not started.is_set()


def test_a_write_is_caught_up_at_once_without_waiting_for_quiet(
    qtbot, make_app, monkeypatch
) -> None:
    """No quiet moment comes (the person keeps busy): each write that queues rows still
    has them caught up on a worker, so the search typed next has nothing to catch up."""

    monkeypatch.setattr(IndexKeeper, "quiet_ms", 10**8)
    threads = _threads_running(monkeypatch, "index_catch_up_step")
    controller, main = _story_saved(qtbot, make_app)
    qtbot.waitUntil(lambda: main.journal.pending_index_count() == 0, timeout=10000)
    assert threads and threading.main_thread() not in threads
    caught_up = controller.index_keeper.steps
    assert caught_up >= 1
    # a second write while nothing is running is caught up too
    qtbot.waitUntil(lambda: not controller.index_keeper.running(), timeout=10000)
    main.journal.add_insight(main.session.id, "The ptarmigan stays.")
    qtbot.waitUntil(lambda: main.journal.pending_index_count() == 0, timeout=10000)
    assert controller.index_keeper.steps > caught_up
    assert len(main.journal.search("ptarmigan")) == 2
