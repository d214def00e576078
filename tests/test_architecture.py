"""The house rules, checked: the core knows no screen, and nothing knows the network."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NETWORK = {
    "socket",
    "ssl",
    "urllib",
    "http",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "asyncio",
    "requests",
    "httpx",
    "aiohttp",
    "websocket",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
}


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def product_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _is(name: str, banned: str) -> bool:
    return name == banned or name.startswith(banned + ".")


@pytest.mark.parametrize("path", product_files("app"), ids=lambda p: p.name)
def test_the_core_never_imports_the_gui(path: Path) -> None:
    bad = [n for n in imports_of(path) if _is(n, "ui") or _is(n, "PySide6")]
    assert bad == []


@pytest.mark.parametrize("path", product_files("app", "ui"), ids=lambda p: p.name)
def test_nothing_in_the_product_imports_a_network_module(path: Path) -> None:
    bad = [n for n in imports_of(path) for b in NETWORK if _is(n, b)]
    assert bad == []


def test_the_gui_never_runs_sql() -> None:
    offenders = [
        p.name
        for p in product_files("ui")
        if any(_is(n, "sqlcipher3") or _is(n, "sqlite3") for n in imports_of(p))
        or ".execute(" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_checks_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import socket\nfrom PySide6.QtWidgets import QWidget\nfrom ui import x\n")
    names = imports_of(sample)
    assert any(_is(n, "socket") for n in names)
    assert any(_is(n, "PySide6") for n in names) and any(_is(n, "ui") for n in names)


# -- where SQL lives, and how big a module may grow ------------------------------------------

SQL_MARKERS = (".execute(", "executemany", "executescript", "._all(", "._one(", "PRAGMA")
MAX_LINES = 400


def _may_run_sql(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return rel.startswith("app/journal/") or rel == "app/vault/database.py"


def _sql_in(text: str) -> list[str]:
    return [marker for marker in SQL_MARKERS if marker in text]


@pytest.mark.parametrize(
    "path",
    [p for p in product_files("app") if not _may_run_sql(p)],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_no_sql_outside_the_journal_and_the_database_module(path: Path) -> None:
    assert _sql_in(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "path", product_files("app", "ui"), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_no_module_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines"


def test_the_kdf_child_loads_neither_sqlcipher_nor_the_journal() -> None:
    # The child exists to keep Argon2id's memory out of the app; it should stay small itself.
    probe = (
        "import sys, app.vault.kdf_child\n"
        "print(sorted(m for m in ('sqlcipher3', 'app.journal', 'app.vault.opening') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_sql_and_size_checks_can_fail(tmp_path: Path) -> None:
    assert _sql_in('conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")') == [".execute(", "PRAGMA"]
    assert _sql_in("rows = journal._all('SELECT 1')") == ["._all("]
    assert not _may_run_sql(ROOT / "app" / "follow" / "timeline.py")
    assert _may_run_sql(ROOT / "app" / "journal" / "sessions.py")
