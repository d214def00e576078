"""Tab follows the screen: in each window, the next control is on the same row further
right, lower down, or at the top of the next column to the right — never back up or to
the left of where the eye just was."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.shell.test_app_flow import STRONG, first_run
from tests.ui.shell.test_app_flow import make_app as make_app  # the fixture
from ui.access.first_run import KEY_PAGE, FirstRunWindow
from ui.common import preferences


def chain(window: QWidget) -> list[QWidget]:
    """The focusable, visible controls in Tab order, once round."""
    seen: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in seen:
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.window() is window
        ):
            seen.append(widget)
        widget = widget.nextInFocusChain()
    return seen


def place(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def out_of_order(window: QWidget) -> list[str]:
    wrong = []
    controls = chain(window)
    for a, b in itertools.pairwise(controls):
        ra, rb = place(window, a), place(window, b)
        same_row = rb.top() < ra.bottom() and ra.top() < rb.bottom()
        next_column = rb.left() >= ra.right()
        if not ((same_row and rb.left() >= ra.left()) or rb.top() >= ra.top() + 4 or next_column):
            wrong.append(f"{a.accessibleName() or a!r} → {b.accessibleName() or b!r}")
    return wrong


def test_tab_follows_the_screen_in_the_first_run_and_the_print_dialog(
    qtbot, make_app, tmp_path: Path
) -> None:
    controller = make_app()
    assert controller.start()
    first = controller.window
    assert isinstance(first, FirstRunWindow)
    first.resize(640, 560)
    qtbot.waitExposed(first)
    assert out_of_order(first) == []
    qtbot.keyClicks(first.form.first, STRONG)
    qtbot.keyClicks(first.form.second, STRONG)
    qtbot.keyClick(first.form.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.pages.currentIndex() == KEY_PAGE, timeout=15000)
    assert out_of_order(first) == []
    qtbot.mouseClick(first.continue_button, Qt.MouseButton.LeftButton)

    main = controller.main_window
    assert main is not None
    from ui.shell import paper_windows

    paper_windows.print_plan(main)
    dialog = main.plan_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert chain(dialog)[-4:] == [
        dialog.preview_button,
        dialog.close_button,
        dialog.pdf_button,
        dialog.print_button,
    ]
    assert out_of_order(dialog) == []


def test_tab_follows_the_screen_in_settings(qtbot, make_app, tmp_path: Path) -> None:
    from ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(preferences.Preferences(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert out_of_order(dialog) == []


def test_return_continues_after_the_key_is_kept(qtbot, make_app) -> None:
    controller = make_app()
    assert controller.start()
    first = controller.window
    assert isinstance(first, FirstRunWindow)
    qtbot.keyClicks(first.form.first, STRONG)
    qtbot.keyClicks(first.form.second, STRONG)
    qtbot.keyClick(first.form.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.pages.currentIndex() == KEY_PAGE, timeout=15000)
    qtbot.keyClick(first, Qt.Key.Key_Return)  # the default button: "I have kept it…"
    assert controller.main_window is not None


def test_tab_follows_the_screen_in_prepare_for_therapy(qtbot, make_app) -> None:
    from ui.shell import paper_windows

    main = first_run(qtbot, make_app())
    paper_windows.prepare_for_therapy(main)
    window = main.packet_window
    assert window is not None
    window.resize(1100, 700)
    qtbot.waitExposed(window)
    assert out_of_order(window) == []
