"""Every way of failing to open a journal gives a typed error and changes nothing on disk.

Each test hashes every file under the journal's folder (and records the listing and the
permission bits) before and after the failing attempt: the two must be identical, with no
new files. Where the files were left intact, or once the damaged file is put back, the
right secret still opens the journal with its data: nothing was recreated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import vault
from app.errors import (
    DatabaseDamaged,
    JournalError,
    JournalInUse,
    JournalReadOnly,
    KeyFileDamaged,
    KeyFileMissing,
    MalformedRecoveryKey,
    NotAJournal,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.vault import keyfile
from app.vault.kdf import KdfParams
from app.vault.recovery import format_recovery_key, new_recovery_key
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[3]
PAGE = 4096
TITLE = "The day at the lake"
DB = "journal.db"
KEYS = "journal.keys"

Snapshot = dict[str, tuple[str, int]]


# -- helpers -----------------------------------------------------------------------------------


def snapshot(folder: Path) -> Snapshot:
    """Relative name → (sha256 or "dir", permission bits), the folder itself included."""
    if not folder.exists():
        return {}
    result: Snapshot = {".": ("dir", stat.S_IMODE(folder.stat().st_mode))}
    for path in sorted(folder.rglob("*")):
        mode = stat.S_IMODE(path.lstat().st_mode)
        digest = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        result[str(path.relative_to(folder))] = (digest, mode)
    return result


def refused(folder: Path, error: type[JournalError], attempt: Callable[[], object]) -> JournalError:
    """``attempt`` raises ``error`` and leaves ``folder`` exactly as it was."""
    before = snapshot(folder)
    with pytest.raises(error) as info:
        attempt()
    assert snapshot(folder) == before
    assert str(info.value).endswith("."), "a sentence the app can show as it is"
    return info.value


def assert_opens_with_its_data(folder: Path) -> None:
    v = vault.unlock(folder, PASSPHRASE)
    try:
        assert [s.title for s in v.journal.sessions()] == [TITLE]
        v.check_integrity()
    finally:
        v.lock()


@pytest.fixture
def journal(journal_dir: tuple[Path, str]) -> Path:
    """A locked journal holding one session."""
    folder = journal_dir[0]
    v = vault.unlock(folder, PASSPHRASE)
    v.journal.add_session(dt.date(2024, 6, 1), title=TITLE)
    v.lock()
    assert sorted(p.name for p in folder.iterdir()) == [DB, KEYS]
    return folder


@pytest.fixture
def recovery_key(journal_dir: tuple[Path, str]) -> str:
    return journal_dir[1]


@pytest.fixture
def put_back(journal: Path) -> Iterator[Callable[[], None]]:
    """Restores the journal's original files after a test has damaged them."""
    originals = {name: (journal / name).read_bytes() for name in (DB, KEYS)}

    def restore() -> None:
        for name, data in originals.items():
            path = journal / name
            if path.is_dir():
                path.rmdir()
            path.write_bytes(data)

    yield restore


def _unlock(folder: Path, passphrase: str = PASSPHRASE) -> Callable[[], object]:
    return lambda: vault.unlock(folder, passphrase)


def _unlock_with_recovery(folder: Path, key: str) -> Callable[[], object]:
    return lambda: vault.unlock_with_recovery_key(folder, key)


# -- wrong secrets -----------------------------------------------------------------------------


def test_wrong_passphrase(journal: Path) -> None:
    refused(journal, WrongPassphrase, _unlock(journal, "not the passphrase"))
    assert_opens_with_its_data(journal)


def test_wrong_recovery_key(journal: Path) -> None:
    other = format_recovery_key(new_recovery_key())
    refused(journal, WrongRecoveryKey, _unlock_with_recovery(journal, other))
    assert_opens_with_its_data(journal)


def test_malformed_recovery_key(journal: Path) -> None:
    refused(journal, MalformedRecoveryKey, _unlock_with_recovery(journal, "ABCD-EFGH"))
    assert_opens_with_its_data(journal)


# -- the key file ------------------------------------------------------------------------------


def test_key_file_missing(journal: Path, put_back: Callable[[], None], recovery_key: str) -> None:
    (journal / KEYS).unlink()
    refused(journal, KeyFileMissing, _unlock(journal))
    refused(journal, KeyFileMissing, _unlock_with_recovery(journal, recovery_key))
    assert not (journal / KEYS).exists()
    put_back()
    assert_opens_with_its_data(journal)


def _truncated_json(original: bytes) -> bytes:
    return original[: len(original) // 2]


def _random(original: bytes) -> bytes:
    return os.urandom(len(original))


def _wrong_shape(original: bytes) -> bytes:
    return b'{"format": "integration-journal-keys", "version": 1, "slots": {"a": 1}}'


def _empty(original: bytes) -> bytes:
    return b""


def _huge(original: bytes) -> bytes:
    return original + b" " * (10 * 1024 * 1024)


@pytest.mark.parametrize(
    "damage",
    [_truncated_json, _random, _wrong_shape, _empty, _huge],
    ids=["truncated json", "random bytes", "valid json wrong shape", "empty", "10 MB"],
)
def test_key_file_damaged(
    journal: Path,
    put_back: Callable[[], None],
    recovery_key: str,
    damage: Callable[[bytes], bytes],
) -> None:
    (journal / KEYS).write_bytes(damage((journal / KEYS).read_bytes()))
    refused(journal, KeyFileDamaged, _unlock(journal))
    refused(journal, KeyFileDamaged, _unlock_with_recovery(journal, recovery_key))
    put_back()
    assert_opens_with_its_data(journal)


def test_key_file_is_a_folder(journal: Path, put_back: Callable[[], None]) -> None:
    (journal / KEYS).unlink()
    (journal / KEYS).mkdir()
    refused(journal, KeyFileDamaged, _unlock(journal))
    put_back()
    assert_opens_with_its_data(journal)


def test_keys_of_another_journal(
    journal: Path, put_back: Callable[[], None], tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    other = tmp_path / "other"
    other_recovery = vault.create(other, PASSPHRASE, kdf=cheap_kdf)
    shutil.copyfile(other / KEYS, journal / KEYS)
    error = refused(journal, JournalError, _unlock(journal))
    assert isinstance(error, DatabaseDamaged | KeyFileDamaged), repr(error)
    error = refused(journal, JournalError, _unlock_with_recovery(journal, other_recovery))
    assert isinstance(error, DatabaseDamaged | KeyFileDamaged), repr(error)
    put_back()
    assert_opens_with_its_data(journal)
    vault.unlock(other, PASSPHRASE).lock()  # the other journal is untouched too


@pytest.fixture
def weakenable(tmp_path: Path) -> Path:
    """A journal whose (still cheap) KDF settings are above the floor, so they can be lowered."""
    folder = tmp_path / "weakenable"
    vault.create(folder, PASSPHRASE, kdf=KdfParams(memory_kib=1024, iterations=2, parallelism=1))
    return folder


def _lower_memory(folder: Path, *, fix_checksum: bool) -> None:
    document = json.loads((folder / KEYS).read_bytes())
    slot = next(s for s in document["slots"] if s["kind"] == keyfile.PASSPHRASE)
    slot["kdf"]["memory_kib"] = 8
    if fix_checksum:
        document["checksum"] = keyfile._checksum(document)
    (folder / KEYS).write_text(json.dumps(document, indent=2))


def test_key_file_with_lowered_memory_is_damaged(weakenable: Path) -> None:
    original = (weakenable / KEYS).read_bytes()
    _lower_memory(weakenable, fix_checksum=False)
    refused(weakenable, KeyFileDamaged, _unlock(weakenable))
    (weakenable / KEYS).write_bytes(original)
    vault.unlock(weakenable, PASSPHRASE).lock()


def test_key_file_with_lowered_memory_and_a_fixed_checksum_fails_the_tag(
    weakenable: Path,
) -> None:
    original = (weakenable / KEYS).read_bytes()
    _lower_memory(weakenable, fix_checksum=True)
    refused(weakenable, WrongPassphrase, _unlock(weakenable))
    (weakenable / KEYS).write_bytes(original)
    vault.unlock(weakenable, PASSPHRASE).lock()


def test_key_file_remade_for_another_journal_id(
    journal: Path, put_back: Callable[[], None], cheap_kdf: KdfParams
) -> None:
    # The right data key in a header that names another journal: the database opens,
    # but it says which journal it is, and that doesn't match.
    data_key = keyfile.unwrap_with_passphrase(vault.read_header(journal), PASSPHRASE)
    header = keyfile.new_header(PASSPHRASE, new_recovery_key(), data_key, cheap_kdf)
    keyfile.write(journal / KEYS, header)
    error = refused(journal, KeyFileDamaged, _unlock(journal))
    assert "different journal" in str(error)
    put_back()
    assert_opens_with_its_data(journal)


_CRASH_SCRIPT = """
import datetime as dt
import os
import sys
from app import vault

v = vault.unlock(sys.argv[1], sys.argv[2])
for i in range(3):
    v.journal.add_session(dt.date(2024, 7, 1), f"written before the crash {i}")
os._exit(0)  # no lock(), no close: the WAL and its index stay behind
"""


@pytest.fixture
def crashed(journal: Path) -> Path:
    """The journal's last process died with committed writes still in journal.db-wal."""
    subprocess.run(
        [sys.executable, "-c", _CRASH_SCRIPT, str(journal), PASSPHRASE],
        cwd=REPO,
        check=True,
        timeout=60,
    )
    assert (journal / "journal.db-wal").stat().st_size > 0
    return journal


def _swap_in_keys_of_another_journal(folder: Path, elsewhere: Path, kdf: KdfParams) -> bytes:
    vault.create(elsewhere, PASSPHRASE, kdf=kdf)
    original = (folder / KEYS).read_bytes()
    shutil.copyfile(elsewhere / KEYS, folder / KEYS)
    return original


def test_a_crash_left_wal_survives_an_attempt_with_another_journals_keys(
    crashed: Path, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    original = _swap_in_keys_of_another_journal(crashed, tmp_path / "other", cheap_kdf)
    with pytest.raises(DatabaseDamaged):
        vault.unlock(crashed, PASSPHRASE)
    (crashed / KEYS).write_bytes(original)
    v = vault.unlock(crashed, PASSPHRASE)
    try:
        assert v.journal.session_count() == 4
        v.check_integrity()
    finally:
        v.lock()


def test_a_crash_left_wal_is_untouched_by_an_attempt_with_another_journals_keys(
    crashed: Path, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    _swap_in_keys_of_another_journal(crashed, tmp_path / "other", cheap_kdf)
    refused(crashed, DatabaseDamaged, _unlock(crashed))


def _crash_with_wal(folder: Path) -> bytes:
    subprocess.run(
        [sys.executable, "-c", _CRASH_SCRIPT, str(folder), PASSPHRASE],
        cwd=REPO,
        check=True,
        timeout=60,
    )
    return (folder / "journal.db-wal").read_bytes()


def test_a_wal_from_another_journal_is_not_applied(
    journal: Path, tmp_path: Path, cheap_kdf: KdfParams
) -> None:
    other = tmp_path / "other"
    vault.create(other, PASSPHRASE, kdf=cheap_kdf)
    (journal / "journal.db-wal").write_bytes(_crash_with_wal(other))
    error = refused(journal, DatabaseDamaged, _unlock(journal))
    assert "journal.db-wal" in str(error)
    (journal / "journal.db-wal").unlink()
    assert_opens_with_its_data(journal)


def test_a_wal_from_a_restored_copy_with_the_same_key_is_not_applied(
    journal: Path, tmp_path: Path
) -> None:
    # An old backup restored elsewhere: the same data key, a different database file.
    v = vault.unlock(journal, PASSPHRASE)
    backup = v.backup(tmp_path)
    v.lock()
    copy = vault.restore(backup, tmp_path / "restored", passphrase=PASSPHRASE)
    copy.lock()
    stray = _crash_with_wal(tmp_path / "restored")
    (journal / "journal.db-wal").write_bytes(stray)
    error = refused(journal, DatabaseDamaged, _unlock(journal))
    assert "journal.db-wal" in str(error)
    (journal / "journal.db-wal").unlink()
    assert_opens_with_its_data(journal)


def test_its_own_crash_left_wal_is_applied(crashed: Path) -> None:
    v = vault.unlock(crashed, PASSPHRASE)
    try:
        assert v.journal.session_count() == 4
    finally:
        v.lock()


# -- the database file -------------------------------------------------------------------------


def test_database_zero_bytes(journal: Path, put_back: Callable[[], None]) -> None:
    (journal / DB).write_bytes(b"")
    refused(journal, DatabaseDamaged, _unlock(journal))
    assert (journal / DB).stat().st_size == 0, "no new empty journal was made in its place"
    put_back()
    assert_opens_with_its_data(journal)


@pytest.mark.parametrize(
    "new_size",
    [
        pytest.param(lambda size: size // 2 // PAGE * PAGE, id="half, whole pages"),
        pytest.param(lambda size: size // 2 + 123, id="half, not whole pages"),
        pytest.param(lambda size: size - 100, id="last page cut short"),
        pytest.param(lambda size: size - PAGE, id="last page missing"),
        pytest.param(lambda size: PAGE, id="first page only"),
    ],
)
def test_database_truncated(
    journal: Path, put_back: Callable[[], None], new_size: Callable[[int], int]
) -> None:
    data = (journal / DB).read_bytes()
    size = new_size(len(data))
    assert 0 < size < len(data)
    (journal / DB).write_bytes(data[:size])
    refused(journal, DatabaseDamaged, _unlock(journal))
    assert (journal / DB).stat().st_size == size
    put_back()
    assert_opens_with_its_data(journal)


def test_database_random_bytes_of_the_same_size(
    journal: Path, put_back: Callable[[], None]
) -> None:
    size = (journal / DB).stat().st_size
    (journal / DB).write_bytes(os.urandom(size))
    refused(journal, DatabaseDamaged, _unlock(journal))
    put_back()
    assert_opens_with_its_data(journal)


def test_database_replaced_by_a_plain_sqlite_database(
    journal: Path, put_back: Callable[[], None], tmp_path: Path
) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('journal_id', 'x')")
    conn.close()
    shutil.copyfile(plain, journal / DB)
    error = refused(journal, DatabaseDamaged, _unlock(journal))
    assert "unencrypted" in str(error)
    put_back()
    assert_opens_with_its_data(journal)


def test_database_missing_but_keys_present(journal: Path, put_back: Callable[[], None]) -> None:
    (journal / DB).unlink()
    refused(journal, DatabaseDamaged, _unlock(journal))
    assert not (journal / DB).exists(), "no new empty journal was made in its place"
    put_back()
    assert_opens_with_its_data(journal)


def test_database_is_a_folder(journal: Path, put_back: Callable[[], None]) -> None:
    (journal / DB).unlink()
    (journal / DB).mkdir()
    refused(journal, DatabaseDamaged, _unlock(journal))
    put_back()
    assert_opens_with_its_data(journal)


def _write_junk(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    assert (page + 1) * PAGE <= len(data)
    data[page * PAGE + 64 : page * PAGE + 1024] = os.urandom(1024 - 64)
    path.write_bytes(bytes(data))


def test_junk_in_page_one(journal: Path, put_back: Callable[[], None]) -> None:
    _write_junk(journal / DB, 0)
    refused(journal, DatabaseDamaged, _unlock(journal))
    put_back()
    assert_opens_with_its_data(journal)


@pytest.fixture(scope="module")
def big_journal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal of 200 sessions with narrative text, many pages long; built once."""
    folder = tmp_path_factory.mktemp("big") / "journal"
    vault.create(folder, PASSPHRASE, kdf=KdfParams.insecure_for_tests())
    v = vault.unlock(folder, PASSPHRASE)
    for i in range(200):
        session = v.journal.add_session(dt.date(2023, 1, 1) + dt.timedelta(days=i), f"S{i}")
        part = v.journal.narrative(session.id)[0]
        v.journal.save_narrative_part(part.id, f"What I noticed in session {i}. " * 25)
    v.lock()
    return folder


@pytest.fixture
def big_journal(big_journal_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "big"
    shutil.copytree(big_journal_template, folder)
    assert (folder / DB).stat().st_size >= 100 * PAGE
    return folder


@pytest.mark.parametrize("where", [0.25, 0.5, 0.75, 1.0])
def test_junk_in_a_middle_page(big_journal: Path, where: float) -> None:
    pages = (big_journal / DB).stat().st_size // PAGE
    _write_junk(big_journal / DB, min(int(pages * where), pages - 1))
    before = snapshot(big_journal)
    try:
        v = vault.unlock(big_journal, PASSPHRASE)
    except DatabaseDamaged:
        pass  # the damaged page was one that opening reads
    else:
        try:
            with pytest.raises(DatabaseDamaged):
                v.check_integrity()
        finally:
            v.lock()
    assert snapshot(big_journal) == before


def test_the_big_journal_itself_is_healthy(big_journal: Path) -> None:
    v = vault.unlock(big_journal, PASSPHRASE)
    try:
        assert v.journal.session_count() == 200
        v.check_integrity()
    finally:
        v.lock()


# -- folders that are not journals -------------------------------------------------------------


def _not_a_journal(folder: Path) -> None:
    parent_before = snapshot(folder.parent)
    for attempt in (
        _unlock(folder),
        _unlock_with_recovery(folder, format_recovery_key(new_recovery_key())),
    ):
        refused(folder, NotAJournal, attempt)
    assert snapshot(folder.parent) == parent_before
    assert not (folder / DB).exists()
    assert not (folder / KEYS).exists()


def test_an_empty_folder_is_not_a_journal(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    _not_a_journal(folder)


def test_a_folder_of_unrelated_files_is_not_a_journal(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("shopping list")
    (folder / "photo.jpg").write_bytes(os.urandom(2000))
    (folder / "sub").mkdir()
    (folder / "sub" / "journal.db.bak").write_bytes(b"x")
    _not_a_journal(folder)


def test_a_path_that_does_not_exist_is_not_a_journal(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere" / "journal"
    _not_a_journal(folder)
    assert not (tmp_path / "nowhere").exists()


def test_a_file_is_not_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "a-file"
    path.write_text("hello")
    with pytest.raises(NotAJournal):
        vault.unlock(path, PASSPHRASE)
    assert path.read_text() == "hello"


# -- in use, read-only -------------------------------------------------------------------------

_HOLD_SCRIPT = """
import sys
from app import vault
from app.vault import keyfile

v = vault.unlock(sys.argv[1], sys.argv[2])
print("opened", flush=True)
sys.stdin.readline()
v.lock()
"""


def test_open_in_another_process(journal: Path, recovery_key: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_SCRIPT, str(journal), PASSPHRASE],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "opened"
        refused(journal, JournalInUse, _unlock(journal))
        refused(journal, JournalInUse, _unlock_with_recovery(journal, recovery_key))
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    assert_opens_with_its_data(journal)


@pytest.fixture
def read_only(journal: Path) -> Iterator[Path]:
    os.chmod(journal, 0o500)
    try:
        yield journal
    finally:
        os.chmod(journal, 0o700)


def test_read_only_folder(read_only: Path, recovery_key: str) -> None:
    refused(read_only, JournalReadOnly, _unlock(read_only))
    refused(read_only, JournalReadOnly, _unlock_with_recovery(read_only, recovery_key))
    os.chmod(read_only, 0o700)
    assert_opens_with_its_data(read_only)


def test_read_only_folder_still_checks_the_passphrase_first(read_only: Path) -> None:
    refused(read_only, WrongPassphrase, _unlock(read_only, "not the passphrase"))


# -- the failed attempts themselves --------------------------------------------------------------


def test_a_failed_attempt_leaves_the_journal_openable_at_once(
    journal: Path, put_back: Callable[[], None]
) -> None:
    # The lock taken for the failed open is released: the retry isn't "in use".
    (journal / DB).write_bytes(os.urandom((journal / DB).stat().st_size))
    for _ in range(3):
        refused(journal, DatabaseDamaged, _unlock(journal))
    put_back()
    assert_opens_with_its_data(journal)
