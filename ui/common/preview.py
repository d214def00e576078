"""The Markdown preview: renders through ``app.documents.render`` and never loads anything.

``loadResource`` answers every request (images, style sheets) with nothing, and links
are not followed: a click asks first, then hands the address to the system browser.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from ui.common import dialogs


class SafePreview(QTextBrowser):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._ask_before_opening)
        self.requested_resources: list[str] = []  # for tests: what a page tried to load

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        self.requested_resources.append(name.toString() if isinstance(name, QUrl) else name)
        return None

    def _ask_before_opening(self, url: QUrl) -> None:
        if url.scheme() not in ("http", "https", "mailto"):
            return
        if dialogs.confirm(
            self,
            "Open link",
            f"Open this address in your web browser?\n\n{url.toString()}",
            "Open in browser",
            "Stay here",
        ):
            QDesktopServices.openUrl(url)

    def wipe(self) -> None:
        self.clear()
        self.document().clearUndoRedoStacks()
