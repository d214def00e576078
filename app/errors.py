"""Typed errors with messages written for the person using the app.

Every failure to open a journal leaves the files exactly as they were; the messages say
what happened in plain words and what can be done next.
"""


class JournalError(Exception):
    """Base class: ``str(error)`` is a sentence the app can show as it is."""


class WrongPassphrase(JournalError):
    def __init__(self) -> None:
        super().__init__("That passphrase doesn't open this journal. Please try again.")


class WrongRecoveryKey(JournalError):
    def __init__(self) -> None:
        super().__init__(
            "That recovery key doesn't open this journal. Please check it and try again."
        )


class MalformedRecoveryKey(JournalError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"That doesn't look like a recovery key: {detail}")


class NotAJournal(JournalError):
    def __init__(self, folder: str) -> None:
        super().__init__(f"There is no journal in {folder}.")


class KeyFileMissing(JournalError):
    def __init__(self) -> None:
        super().__init__(
            "The journal's key file (journal.keys) is missing, so the journal can't be opened. "
            "Nothing has been changed. You can restore it from a backup."
        )


class KeyFileDamaged(JournalError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The journal's key file (journal.keys) is damaged ({detail}). "
            "Nothing has been changed. You can restore from a backup."
        )


class DatabaseDamaged(JournalError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The journal's data file can't be read ({detail}). Nothing has been changed. "
            "You can try again, or restore from a backup."
        )


class JournalInUse(JournalError):
    def __init__(self) -> None:
        super().__init__(
            "This journal is already open in another window of Integration Journal. "
            "Please switch to that window."
        )


class JournalReadOnly(JournalError):
    def __init__(self, folder: str) -> None:
        super().__init__(
            f"The journal's folder ({folder}) can't be written to, so your words couldn't be "
            "saved. Nothing has been changed. Check the folder's permissions or free space."
        )


class JournalExists(JournalError):
    def __init__(self, folder: str) -> None:
        super().__init__(f"There is already a journal in {folder}; it has been left as it is.")


class JournalLocked(JournalError):
    def __init__(self) -> None:
        super().__init__("The journal is locked.")


class BackupDamaged(JournalError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"This backup can't be used ({detail}). Nothing has been changed.")


class SaveFailed(JournalError):
    """A write did not reach the disk; the caller keeps the text and retries."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class UnlockStopped(JournalError):
    def __init__(self) -> None:
        super().__init__("Opening was stopped. Nothing has been changed.")


class KeyDerivationTooSlow(JournalError):
    def __init__(self) -> None:
        super().__init__(
            "Opening the journal took far too long, so it was stopped. The settings in its "
            "key file (journal.keys) may have been changed. Nothing has been changed; you "
            "can restore from a backup."
        )


class KeyFileUnreadable(JournalError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The journal's key file (journal.keys) can't be read: {detail}. Nothing has been "
            "changed. Check the file's permissions, then try again."
        )


class FolderUnreadable(JournalError):
    def __init__(self, folder: str, detail: str) -> None:
        super().__init__(
            f"The journal's folder ({folder}) can't be opened: {detail}. Nothing has been "
            "changed. Check the folder's permissions, then try again."
        )


class DatabaseReadOnly(JournalError):
    def __init__(self) -> None:
        super().__init__(
            "The journal's data file (journal.db) is read-only, so nothing written could be "
            "saved. Nothing has been changed. Check the file's permissions, then try again."
        )


class UnusablePassphrase(JournalError):
    def __init__(self) -> None:
        super().__init__(
            "That passphrase holds a broken character (half of a pair, often from pasting), "
            "so it can't be used. Please type it again."
        )
