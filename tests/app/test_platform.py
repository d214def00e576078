"""app.platform: the one place for what differs between systems, and the Windows import path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import platform
from app.errors import JournalInUse, NotAJournal
from app.platform import LOCK_FILE_NAME, FolderLock
from app.vault import database

REPO = Path(__file__).resolve().parents[2]
_NO_FLOCK = pytest.mark.skipif(platform.IS_WINDOWS, reason="Windows has no flock")
BOTH_WAYS = pytest.mark.parametrize(
    "lock_file",
    [pytest.param(False, id="flock", marks=_NO_FLOCK), pytest.param(True, id="lock-file")],
)

# The child takes the lock, says so, and waits to be killed.
_HOLDER = """
import sys
from pathlib import Path
from app.platform import FolderLock
held = FolderLock(Path(sys.argv[1]), lock_file=sys.argv[2] == "1").acquire()
print("held", flush=True)
sys.stdin.read()
"""


def _holder(folder: Path, lock_file: bool) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder), "1" if lock_file else "0"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


@BOTH_WAYS
def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path, lock_file: bool) -> None:
    child = _holder(tmp_path, lock_file)
    try:
        with pytest.raises(JournalInUse):
            FolderLock(tmp_path, lock_file=lock_file).acquire()
    finally:
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        child.communicate()
    assert child.returncode != 0
    lock = FolderLock(tmp_path, lock_file=lock_file).acquire()
    assert lock.held
    lock.release()


@BOTH_WAYS
def test_the_lock_is_one_holder_at_a_time_and_released(tmp_path: Path, lock_file: bool) -> None:
    first = FolderLock(tmp_path, lock_file=lock_file).acquire()
    assert first.acquire() is first  # taking it again is harmless
    with pytest.raises(JournalInUse):
        FolderLock(tmp_path, lock_file=lock_file).acquire()
    first.release()
    first.release()
    assert not first.held
    FolderLock(tmp_path, lock_file=lock_file).acquire().release()


def test_the_lock_file_is_removed_on_release_or_left_unlocked(tmp_path: Path) -> None:
    lock = FolderLock(tmp_path, lock_file=True).acquire()
    assert (tmp_path / LOCK_FILE_NAME).exists()
    lock.release()
    leftover = tmp_path / LOCK_FILE_NAME
    # filelock removes it on Windows; on POSIX an empty, unlocked file may stay.
    assert not leftover.exists() or leftover.stat().st_size == 0


@BOTH_WAYS
def test_a_missing_folder_is_not_a_journal(tmp_path: Path, lock_file: bool) -> None:
    with pytest.raises(NotAJournal):
        FolderLock(tmp_path / "nowhere", lock_file=lock_file).acquire()


def test_the_folder_lock_adds_no_file_where_flock_exists(tmp_path: Path) -> None:
    if platform.IS_WINDOWS:
        pytest.skip("Windows has no flock")
    folder = tmp_path / "journal"
    folder.mkdir()
    FolderLock(folder).acquire().release()
    assert list(folder.iterdir()) == []


def test_core_dumps_are_off_in_a_hardened_process() -> None:
    code = (
        "import resource; from app import platform; platform.harden_process(); "
        "print(resource.getrlimit(resource.RLIMIT_CORE))"
    )
    if platform.IS_WINDOWS:
        pytest.skip("no core-size limit on Windows")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "(0, 0)"


def test_fsync_folder_and_file(tmp_path: Path) -> None:
    path = tmp_path / "a"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"x")
        platform.fsync_file(fd)
    finally:
        os.close(fd)
    platform.fsync_folder(tmp_path)
    assert path.read_bytes() == b"x"


def test_full_fsync_is_asked_for_on_macos_only(tmp_path: Path) -> None:
    assert platform.needs_full_fsync() is platform.IS_MACOS
    conn = database.connect(tmp_path / "j.db", bytes(32), create=True)
    try:
        on = conn.execute("PRAGMA fullfsync").fetchone()[0]
        checkpoint_on = conn.execute("PRAGMA checkpoint_fullfsync").fetchone()[0]
    finally:
        conn.close()
    assert (on, checkpoint_on) == ((1, 1) if platform.IS_MACOS else (0, 0))


def test_sys_platform_is_asked_only_in_app_platform() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("app", "ui")
        for path in sorted((REPO / folder).rglob("*.py"))
        if path.name != "platform.py"
        and ("sys.platform" in (text := path.read_text(encoding="utf-8")) or "os.name" in text)
    ]
    assert offenders == []


def test_without_posix_modules_every_module_imports_and_a_journal_round_trips(
    tmp_path: Path,
) -> None:
    """What Windows lacks (fcntl, resource, termios, pwd, grp) is refused in a child."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "no_posix_child.py"), str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    imported = done.stdout.split()
    assert "ui.shell.main" in imported
    assert "app.vault.kdf_child" in imported
    assert "app.vault.folder_lock" in imported
    expected = {
        ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for folder in ("app", "ui")
        for path in (REPO / folder).rglob("*.py")
    } - {"app", "ui"}
    assert expected <= set(imported)
    assert imported[-3:] == ["round", "trip", "ok"]


def test_windows_skips_exactly_the_posix_only_tests(request: pytest.FixtureRequest) -> None:
    """The rule Windows uses to skip tests, checked on this collection (tests/posix_only.py)."""
    from tests.posix_only import posix_only_reason

    items = {item.nodeid: item for item in request.session.items}
    mode_test = "tests/test_vault.py::test_backup_is_private_and_encrypted"
    if mode_test in items:  # only when the whole suite is collected
        assert posix_only_reason(items[mode_test]) is not None
    assert posix_only_reason(request.node) is None  # this test's own source names none
