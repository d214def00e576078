import datetime as dt
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QAbstractButton, QLineEdit
from tests.ui.shell.test_app_flow import make_app as make_app, first_run, add_session

def name(w):
    n = w.accessibleName() or (w.text() if hasattr(w, "text") and callable(w.text) else "")
    return f"{type(w).__name__}:{n!r}"

def walk(qtbot, window, n=60, key=Qt.Key.Key_Tab):
    out = []
    for _ in range(n):
        w = QApplication.focusWidget()
        out.append(name(w) if w else None)
        qtbot.keyClick(w or window, key)
    return out

def test_probe(qtbot, make_app):
    main = first_run(qtbot, make_app())
    add_session(qtbot, main, dt.date(2026, 11, 1))
    add_session(qtbot, main, dt.date(2026, 11, 20))
    main.resize(1280, 720)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    print("ACTIVE", QApplication.activeWindow())
    print("MAIN", walk(qtbot, main, 40))
    main.follow.show_timeline()
    qtbot.waitUntil(lambda: main.follow.timeline.isActiveWindow())
    print("TIMELINE", walk(qtbot, main.follow.timeline, 8))
    main.follow.show_week()
    qtbot.waitUntil(lambda: main.follow.weekly.isActiveWindow())
    print("WEEK", walk(qtbot, main.follow.weekly, 20))
