"""Import from other journals: jrnl's JSON export, Day One's JSON export, a Markdown folder,
and Integration Journal's own JSON export (``own_json``: whole sessions, not plain entries).

``read(kind, path)`` checks the whole file and returns a ``Preview`` and the plain entries,
or raises ``ImportProblem`` naming what was wrong; ``import_entries`` then writes one new
session per entry (per exported session) in a single transaction, so an import is all
there or not there at all.
Pure Python: no Qt, no network, nothing extracted to disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.journal import Journal
from app.transfer.importing import dayone, jrnl, markdown_folder, own_json, own_json_write, store
from app.transfer.importing.common import Entry, ImportCancelled, ImportProblem, Preview
from app.transfer.importing.own_json_records import OwnExport

__all__ = [
    "KINDS",
    "Entries",
    "Entry",
    "ImportCancelled",
    "ImportProblem",
    "Preview",
    "import_entries",
    "read",
]

# kind -> (what the client sees, whether it is a folder)
KINDS: dict[str, tuple[str, bool]] = {
    "jrnl": ("jrnl (JSON export)", False),
    "dayone": ("Day One (JSON export, .zip or .json)", False),
    "markdown": ("A folder of Markdown files", True),
    "integration-journal": ("Integration Journal (JSON export)", False),
}

# What ``read`` hands to ``import_entries``: plain entries, or a whole export of this app.
Entries = list[Entry] | OwnExport

_READERS: dict[str, Callable[[Path], Entries]] = {
    "jrnl": jrnl.read,
    "dayone": dayone.read,
    "markdown": markdown_folder.read,
    "integration-journal": own_json.read,
}


def read(kind: str, path: Path) -> tuple[Preview, Entries]:
    """Read and check everything; nothing is written."""
    try:
        entries = _READERS[kind](path)
    except ImportProblem:
        raise
    except RecursionError:
        raise ImportProblem(f"{path.name} is nested too deeply to be a journal export.") from None
    except MemoryError:
        raise ImportProblem(f"{path.name} is too large to be imported.") from None
    except (OverflowError, ValueError) as error:  # a value no calendar or number can hold
        raise ImportProblem(
            f"{path.name} holds a value that can't be read ({type(error).__name__}: "
            f"{str(error)[:80]})."
        ) from None
    except OSError as error:
        raise ImportProblem(f"{path.name} couldn't be read ({error.strerror or error}).") from None
    if not entries:
        raise ImportProblem(f"{path.name} holds no entries to import.")
    if isinstance(entries, OwnExport):
        return entries.preview(), entries
    return Preview.of(entries), entries


def import_entries(
    journal: Journal, entries: Entries, progress: Callable[[int], None] | None = None
) -> list[int]:
    """Write what ``read`` returned, all in one transaction; the new sessions' ids."""
    if isinstance(entries, OwnExport):
        return own_json_write.write(journal, entries, progress)
    return store.import_entries(journal, entries, progress)
