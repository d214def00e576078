"""The Settings window, opened from the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.common import dialogs

if TYPE_CHECKING:
    from ui.shell.controller import JournalApp


def show_settings(app: JournalApp) -> None:
    """Settings: the preferences, and the questionnaires' switches kept in the vault."""
    main = app.main_window
    if main is None:
        return
    from ui.follow.measures_view import ENABLED_KEY, OFFER_KEY
    from ui.shell.settings_dialog import SettingsDialog

    journal = app.vault.journal if app.vault is not None else None
    measures = (
        (journal.meta(ENABLED_KEY) == "1", journal.meta(OFFER_KEY) == "1")
        if journal is not None
        else (False, False)
    )
    dialog = SettingsDialog(app.prefs, app.folder, main, measures=measures)
    dialog.change_passphrase_requested.connect(lambda: app.change_passphrase(True))
    dialog.new_recovery_key_requested.connect(app.new_recovery_key)
    if dialogs.run_modal(dialog) == SettingsDialog.DialogCode.Accepted.value:
        app.apply_preferences(dialog.preferences())
        if journal is not None and app.vault is not None and dialog.measures() != measures:
            on, offer = dialog.measures()
            journal.set_meta(ENABLED_KEY, "1" if on else "0")
            journal.set_meta(OFFER_KEY, "1" if offer else "0")
            if main.follow.measures is not None:
                main.follow.measures.reload()
            main.follow.measures_offer.refresh()
    dialog.deleteLater()
