"""After a PDF is written: one short line that says where it went, with a button to show
the folder (to print it from there, or delete it later). A line in the window, not a
message box: nothing more to dismiss."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.common import dialogs


def tell_where_saved(parent: QWidget | None, path: Path) -> None:
    """The same words as a message, for windows without room for a notice."""
    if dialogs.confirm(parent, "Saved", saved_text(path), "Show the folder", "OK"):
        dialogs.show_folder(str(path.parent))


def saved_text(path: Path) -> str:
    return f"Saved as “{path.name}” in {path.parent}."


class SavedNotice(QWidget):
    """Hidden until something is saved; then the line and "Show the folder"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = ""
        self.text = QLabel("", self)
        self.text.setObjectName("hint")
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Where the PDF was saved")
        self.show_button = QPushButton("Show the folder", self)
        self.show_button.setAccessibleName("Show the folder")
        self.show_button.setAutoDefault(False)
        self.show_button.clicked.connect(lambda: dialogs.show_folder(self.folder))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_button)
        self.hide()

    def show_saved(self, path: Path) -> None:
        self.folder = str(path.parent)
        self.text.setText(saved_text(path))
        self.show()

    def clear(self) -> None:
        self.folder = ""
        self.text.clear()
        self.hide()
