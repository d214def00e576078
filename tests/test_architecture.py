"""The house rules, checked: the core knows no screen, and nothing knows the network."""

from __future__ import annotations

import ast
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
