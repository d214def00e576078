"""A theme carried by many entries: the Themes window reads its places a page at a time,
more as the list is scrolled; the order is the same as read all at once."""

from __future__ import annotations

import datetime as dt

from app.journal import themes as theme_core
from tests.ui.shell.test_app_flow import first_run, make_app
from ui.common import dialogs
from ui.find import themes_window

__all__ = ["make_app"]  # the fixture, found by pytest through this module's namespace


def _carry(journal, n: int) -> int:  # type: ignore[no-untyped-def]
    for day in range(n):
        session = journal.add_session(dt.date(2020, 1, 1) + dt.timedelta(days=day))
        part = journal.narrative(session.id)[0]
        journal.save_narrative_part(part.id, f"walking, day {day}")
        theme = journal.add_theme_to("narrative", part.id, "walking")
    return theme.id


def test_places_come_in_pages_in_the_same_order(opened) -> None:
    journal = opened.journal
    theme_id = _carry(journal, 7)
    whole = theme_core.theme_places(journal, theme_id)
    pages = [theme_core.theme_places(journal, theme_id, 3, at) for at in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [p.target_id for page in pages for p in page] == [p.target_id for p in whole]
    assert whole[0].excerpt == "walking, day 0"


def test_the_window_shows_a_page_then_more_as_it_scrolls(qtbot, make_app, monkeypatch) -> None:
    monkeypatch.setattr(themes_window, "PAGE", 5)
    main = first_run(qtbot, make_app())
    _carry(main.journal, 12)
    main.across.themes_action.trigger()
    window = main.across.themes_window
    assert window.theme_texts() == ["walking — 12 places"]
    assert len(window.place_texts()) == 5
    assert window.place_texts()[0].endswith("walking, day 0")
    window.resize(400, 200)
    bar = window.places.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # scrolled to the end: the next page is read
    assert len(window.place_texts()) == 10
    window.show_more()
    window.show_more()
    assert len(window.place_texts()) == 12
    assert window.place_texts()[-1].endswith("walking, day 11")
    dialogs.answer_next(False)  # "Keep it"
    window.remove()
    assert "off 12 places" in dialogs.shown[-1]
