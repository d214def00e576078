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


def test_the_answer_names_positions_never_the_words(tiny_dictionaries: Path) -> None:
    child = SpellChild()  # in its own process: spylls never loads in this one
    try:
        head = child._head("check", tiny_dictionaries, "xx_TEST")
        assert child._ask(head, [b"calm", b"rivr", b"secret"]) == {"misspelt": [1, 2]}
    finally:
        child.stop()


def test_a_request_is_written_whole_and_its_buffer_zeroed_after(tiny_dictionaries: Path) -> None:
    # Quotes, backslashes and control characters are escaped; a very long "word" (longer
    # than the buffer) goes in several writes. Afterwards the buffer holds nothing.
    words = ["calm", 'ri"v\\r\n', "é" * 10_000, "dusk"]
    child = SpellChild()
    sent = io.BytesIO()
    child._send(
        sent, child._head("check", tiny_dictionaries, "xx_TEST"), [w.encode() for w in words]
    )
    assert json.loads(sent.getvalue())["words"] == words
    assert child._buffer == bytes(len(child._buffer))
    try:
        assert child.misspelt(tiny_dictionaries, "xx_TEST", words) == {words[1], words[2]}
        assert child._buffer == bytes(len(child._buffer))
    finally:
        child.stop()


def test_wipe_zeroes_bytes_made_for_it_but_not_shared_ones() -> None:
    made = " ".join(["quiet", "lake"]).encode()  # made here, not a constant of this code
    copy = bytearray(b"quiet lake")
    spell_child.wipe(made)
    spell_child.wipe(copy)
    assert made == bytes(10) and copy == bytes(10)
    spell_child.wipe(b"q")  # one-byte bytes are shared by all of Python: left alone
    assert bytes([113]) == b"q"
