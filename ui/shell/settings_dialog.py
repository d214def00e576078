"""Settings: auto-lock, theme, text size, spelling, passphrase, and where the journal lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.follow.revisits import parse_offsets
from ui.common import spelling
from ui.common.preferences import THEMES, Preferences

_THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsDialog(QDialog):
    change_passphrase_requested = Signal()
    new_recovery_key_requested = Signal()

    def __init__(
        self,
        prefs: Preferences,
        folder: Path,
        parent: QWidget | None = None,
        *,
        measures: tuple[bool, bool] = (False, False),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.folder = folder
        self.auto_lock = QSpinBox(self)
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setSuffix(" minutes")
        self.auto_lock.setSpecialValueText("Off")
        self.auto_lock.setValue(prefs.auto_lock_minutes)
        self.auto_lock.setAccessibleName("Lock after this many quiet minutes")
        self.theme = QComboBox(self)
        for key in THEMES:
            self.theme.addItem(_THEME_LABELS[key], key)
        self.theme.setCurrentIndex(THEMES.index(prefs.theme))
        self.theme.setAccessibleName("Theme")
        self.text_size = QSpinBox(self)
        self.text_size.setRange(8, 32)
        self.text_size.setSuffix(" pt")
        self.text_size.setValue(prefs.text_size)
        self.text_size.setAccessibleName("Text size for writing")
        self.writing_font = QComboBox(self)
        self.writing_font.addItem("The app's choice (a serif)", "")
        for family in QFontDatabase.families():
            if not QFontDatabase.isPrivateFamily(family):
                self.writing_font.addItem(family, family)
        self.writing_font.setCurrentIndex(max(0, self.writing_font.findData(prefs.writing_font)))
        self.writing_font.setAccessibleName("Font for writing")
        # -- spelling --
        self.spell_check = QCheckBox("Underline words that may be misspelt", self)
        self.spell_check.setChecked(prefs.spell_check)
        self.spell_check.setAccessibleName("Check spelling as I write")
        self.spell_language = QComboBox(self)
        for code in spelling.languages():
            self.spell_language.addItem(spelling.language_name(code), code)
        self.spell_language.setCurrentIndex(
            max(0, self.spell_language.findData(prefs.spell_language))
        )
        self.spell_language.setAccessibleName("Spelling language")
        self.spell_check.toggled.connect(self.spell_language.setEnabled)
        self.spell_language.setEnabled(prefs.spell_check)
        # Shown when the spelling child process could not start: spelling is off, calmly.
        self.spell_note = QLabel(spelling.UNAVAILABLE, self)
        self.spell_note.setObjectName("hint")
        self.spell_note.setWordWrap(True)
        self.spell_note.setVisible(spelling.speller().unavailable)
        # -- optional questionnaires (kept in the journal, not in this settings file) --
        self.measures_on = QCheckBox("Offer the PHQ-9 and GAD-7 questionnaires", self)
        self.measures_on.setAccessibleName("Offer the PHQ-9 and GAD-7 questionnaires")
        self.measures_on.setChecked(measures[0])
        self.measures_offer = QCheckBox("Remind me gently every two weeks", self)
        self.measures_offer.setAccessibleName("Remind me about the questionnaires every two weeks")
        self.measures_offer.setChecked(measures[1])
        self.measures_offer.setEnabled(measures[0])
        self.measures_on.toggled.connect(self.measures_offer.setEnabled)
        # -- follow-through: revisit offers --
        self.revisits = QCheckBox("Offer to look back at sessions and actions", self)
        self.revisits.setChecked(prefs.revisits)
        self.revisits.setAccessibleName("Offer to look back at sessions and actions")
        self.revisit_days = QLineEdit(", ".join(str(d) for d in prefs.revisit_days), self)
        self.revisit_days.setAccessibleName("Days after a session to offer a look back")
        self.revisit_days.setPlaceholderText("for example 1, 7, 30")
        self.revisits.toggled.connect(self.revisit_days.setEnabled)
        self.revisit_days.setEnabled(prefs.revisits)
        self.passphrase_button = QPushButton("Change passphrase…", self)
        self.passphrase_button.setAccessibleName("Change passphrase")
        self.recovery_button = QPushButton("New recovery key…", self)
        self.recovery_button.setAccessibleName("Make a new recovery key")
        self.folder_button = QPushButton("Show the journal's folder", self)
        self.folder_button.setAccessibleName("Show the journal's folder")
        folder_label = QLabel(str(folder), self)
        folder_label.setObjectName("hint")
        folder_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Lock after", self.auto_lock)
        form.addRow("Theme", self.theme)
        form.addRow("Text size", self.text_size)
        form.addRow("Writing font", self.writing_font)
        form.addRow("Spelling", self.spell_check)
        form.addRow("Spelling language", self.spell_language)
        form.addRow("", self.spell_note)
        form.addRow("Questionnaires", self.measures_on)
        form.addRow("", self.measures_offer)
        form.addRow("Looking back", self.revisits)
        form.addRow("Days after a session", self.revisit_days)
        form.addRow("Passphrase", self.passphrase_button)
        form.addRow("Recovery key", self.recovery_button)
        form.addRow("Journal folder", folder_label)
        form.addRow("", self.folder_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.passphrase_button.clicked.connect(self.change_passphrase_requested)
        self.recovery_button.clicked.connect(self.new_recovery_key_requested)
        self.folder_button.clicked.connect(self._show_folder)

    def _show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def measures(self) -> tuple[bool, bool]:
        return self.measures_on.isChecked(), self.measures_offer.isChecked()

    def preferences(self) -> Preferences:
        return Preferences(
            auto_lock_minutes=self.auto_lock.value(),
            theme=str(self.theme.currentData()),
            text_size=self.text_size.value(),
            revisits=self.revisits.isChecked(),
            revisit_days=parse_offsets(self.revisit_days.text()),
            writing_font=str(self.writing_font.currentData() or ""),
            spell_check=self.spell_check.isChecked(),
            spell_language=str(self.spell_language.currentData() or "en_US"),
        )
