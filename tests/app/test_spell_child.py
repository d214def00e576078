"""The spelling dictionary's child process: questions and answers over its pipes only."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from app import spell_child
from app.spell_child import SpellChild


def test_the_child_answers_which_words_are_misspelt_and_suggests(
    tiny_dictionaries: Path,
) -> None:
    child = SpellChild()
    try:
        found = child.misspelt(tiny_dictionaries, "xx_TEST", ["calm", "rivr", "dusk", "wlked"])
        assert found == {"rivr", "wlked"}
        assert child.suggestions(tiny_dictionaries, "xx_TEST", "rivr", 3) == ["river"]
        assert child.misspelt(tiny_dictionaries, "xx_TEST", []) == set()
    finally:
        child.stop()


def test_a_child_that_is_gone_is_started_again(tiny_dictionaries: Path) -> None:
    child = SpellChild()
    try:
        assert child.misspelt(tiny_dictionaries, "xx_TEST", ["calm"]) == set()
        first = child._process
        assert first is not None
        first.kill()
        first.wait()
        assert child.misspelt(tiny_dictionaries, "xx_TEST", ["calm", "rivr"]) == {"rivr"}
        assert child._process is not None and child._process.pid != first.pid
    finally:
        child.stop()


def test_a_child_that_cannot_start_gives_no_answer(tmp_path: Path) -> None:
    child = SpellChild([str(tmp_path / "no-such-program")])
    assert child.misspelt(tmp_path, "xx_TEST", ["calm"]) is None
    assert child.suggestions(tmp_path, "xx_TEST", "calm", 3) is None


def test_a_missing_dictionary_is_an_error_without_the_words(tmp_path: Path) -> None:
    request = {"op": "check", "folder": str(tmp_path), "language": "zz", "words": ["secret"]}
    out = io.BytesIO()
    assert spell_child.serve(io.BytesIO(json.dumps(request).encode() + b"\n"), out) == 0
    assert json.loads(out.getvalue()) == {"error": True}
    assert b"secret" not in out.getvalue()


def test_the_frozen_app_serves_as_its_own_spelling_child(tiny_dictionaries: Path) -> None:
    # A frozen app has no ``-m``: it runs its own entry point with the flag.
    child = SpellChild([sys.executable, "-m", "ui.shell.main", spell_child.CHILD_FLAG])
    try:
        assert child.misspelt(tiny_dictionaries, "xx_TEST", ["dusk", "dsk"]) == {"dsk"}
    finally:
        child.stop()
