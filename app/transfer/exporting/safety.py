"""Writing an export safely: the target is checked first, and a file is written under a
temporary name and renamed into place."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.files import atomic_file, why_not_written
from app.transfer.exporting.snapshot import ExportProblem


def check_place(target: Path, overwrite: bool) -> None:
    if not target.parent.is_dir():
        raise ExportProblem(f"The folder {target.parent} doesn't exist.")
    if target.is_symlink():
        raise ExportProblem(f"{target} is a link; please choose another place.")
    non_empty = target.is_file() and target.stat().st_size > 0
    non_empty = non_empty or (target.is_dir() and any(target.iterdir()))
    if non_empty and not overwrite:
        raise ExportProblem(
            f"{target.name} already exists and has something in it; it was left as it was. "
            "Please choose another name."
        )


@contextlib.contextmanager
def file_in_place(target: Path, overwrite: bool) -> Iterator[BinaryIO]:
    check_place(target, overwrite)
    if target.is_dir():
        raise ExportProblem(f"{target} is a folder; please choose a file name.")
    try:
        with atomic_file(target) as handle:
            yield handle
    except OSError as error:
        raise ExportProblem(
            f"The export couldn't be written ({why_not_written(error)}). Nothing was saved."
        ) from None
