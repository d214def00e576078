"""One process per journal. The lock itself lives in ``app.platform`` (it differs by system)."""

from app.platform import FolderLock

__all__ = ["FolderLock"]
