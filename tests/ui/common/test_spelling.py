"""Spell checking in a writing field: underlines, suggestions, the client's own words."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from app import vault
from ui.common import spelling
from ui.common.preferences import Preferences
from ui.common.widgets import WritingEdit


def underlined(editor: WritingEdit, block_number: int = 0) -> list[str]:
    """The words drawn with the spelling underline in one block (its layout's formats)."""
    block = editor.document().findBlockByNumber(block_number)
    text = block.text()
    return [
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ]


def editor_with(qtbot: QtBot, text: str) -> WritingEdit:
    editor = WritingEdit("Story")
    qtbot.addWidget(editor)
    editor.set_text_quietly(text)
    return editor


def cursor_in(editor: WritingEdit, word: str) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.toPlainText().index(word) + 1)
    return cursor


def test_a_misspelt_word_is_underlined_and_known_words_are_not(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "I walked by the rivr at dusk")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)


def test_typing_a_misspelt_word_underlines_it(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "calm ")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "slowlly")
    qtbot.waitUntil(lambda: underlined(editor) == ["slowlly"], timeout=20_000)


def test_a_suggestion_replaces_the_word(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "a calm rivr")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)
    edits: list[None] = []
    editor.edited.connect(lambda: edits.append(None))
    menu = editor.context_menu_at(cursor_in(editor, "rivr"))
    [river] = [a for a in menu.actions() if a.text() == "river"]
    river.trigger()
    assert editor.toPlainText() == "a calm river"
    assert edits, "the change reaches the autosave"
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20_000)


def test_no_spelling_actions_on_a_known_word(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "a calm rivr")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)
    menu = editor.context_menu_at(cursor_in(editor, "calm"))
    assert "Add to my words" not in [a.text() for a in menu.actions()]


def test_an_added_word_is_no_longer_underlined(qtbot: QtBot, tiny_speller: object) -> None:
    assert isinstance(tiny_speller, spelling.Speller)
    added: list[str] = []
    tiny_speller.set_own_words(["Kayla"], added.append)
    editor = editor_with(qtbot, "Kayla walked by the Ketamina rivr")
    qtbot.waitUntil(lambda: underlined(editor) == ["Ketamina", "rivr"], timeout=20_000)
    menu = editor.context_menu_at(cursor_in(editor, "Ketamina"))
    [add] = [a for a in menu.actions() if a.text() == "Add to my words"]
    add.trigger()
    assert added == ["Ketamina"]
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)


def test_without_a_journal_words_cannot_be_added(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "rivr")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)
    menu = editor.context_menu_at(cursor_in(editor, "rivr"))
    [add] = [a for a in menu.actions() if a.text() == "Add to my words"]
    assert not add.isEnabled()


def test_switched_off_nothing_is_underlined(qtbot: QtBot, tiny_speller: object) -> None:
    assert isinstance(tiny_speller, spelling.Speller)
    editor = editor_with(qtbot, "rivr")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)
    tiny_speller.configure(False, "xx_TEST")
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20_000)
    tiny_speller.configure(True, "xx_TEST")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)


def test_highlighting_is_not_an_edit(qtbot: QtBot) -> None:
    edits: list[None] = []
    editor = WritingEdit("Story")
    qtbot.addWidget(editor)
    editor.edited.connect(lambda: edits.append(None))
    editor.set_text_quietly("rivr by the rivr")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr", "rivr"], timeout=20_000)
    assert edits == []
    assert editor.document().isUndoAvailable() is False


def test_addresses_and_numbers_are_not_checked() -> None:
    words = [w for _, w in spelling.words_in("see https://exmpl.org or me@exmpl.org 3rd don’t")]
    assert words == ["see", "or", "rd", "don’t"]


def test_the_bundled_dictionaries_load_and_check(qtbot: QtBot) -> None:
    """The real en_US and en_GB files (slow to load: done once, in the background)."""
    assert {"en_US", "en_GB"} <= set(spelling.languages())
    checker = spelling.Speller()
    for licence in ("en_US.LICENSE.txt", "en_GB.LICENSE.txt"):
        assert (spelling.dictionaries_folder() / licence).exists()
    editor = WritingEdit("Story")
    qtbot.addWidget(editor)
    editor.spelling.setDocument(None)
    highlighter = spelling.SpellHighlighter(editor.document(), checker)
    try:
        editor.set_text_quietly("I recieve the quiet of calm")
        qtbot.waitUntil(lambda: underlined(editor) == ["recieve"], timeout=120_000)
        assert highlighter.checker.suggestions("recieve")[0] == "receive"
    finally:
        checker.child.stop()
    # the dictionary was loaded and asked in the child process, never in this one
    assert not any(name.split(".")[0] == "spylls" for name in sys.modules)


def test_without_its_child_process_spelling_is_quietly_off(qtbot: QtBot, tmp_path: Path) -> None:
    from app.spell_child import SpellChild
    from ui.shell.settings_dialog import SettingsDialog

    gone = SpellChild([str(tmp_path / "no-such-program")])
    checker = spelling.Speller(spelling.dictionaries_folder(), child=gone)
    spelling.use_speller(checker)
    editor = editor_with(qtbot, "I recieve the quiet of calm")
    qtbot.waitUntil(lambda: checker.unavailable)
    assert not checker.active
    assert underlined(editor) == []
    assert checker.suggestions("recieve") == []
    dialog = SettingsDialog(Preferences(), tmp_path)
    qtbot.addWidget(dialog)
    assert not dialog.spell_note.isHidden()
    assert dialog.spell_note.text() == spelling.UNAVAILABLE
    checker.configure(False, checker.language)
    checker.configure(True, checker.language)  # chosen again in Settings: tried again
    assert not checker.unavailable


def test_settings_say_nothing_about_spelling_while_it_works(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Preferences(), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.spell_note.isHidden()


def test_languages_are_the_dictionary_pairs(tmp_path: Path) -> None:
    (tmp_path / "aa_BB.aff").write_text("SET UTF-8\n")
    (tmp_path / "aa_BB.dic").write_text("0\n")
    (tmp_path / "cc_DD.aff").write_text("SET UTF-8\n")  # no .dic: not offered
    assert spelling.languages(tmp_path) == ["aa_BB"]


def test_an_added_word_goes_into_the_vault_and_no_file(
    qtbot: QtBot, tiny_speller: object, opened: vault.Vault, tmp_path: Path, isolated_dirs: Path
) -> None:
    assert isinstance(tiny_speller, spelling.Speller)
    word = "Zq" + "".join(chr(ord("a") + int(d, 16)) for d in uuid.uuid4().hex)
    tiny_speller.set_own_words(opened.journal.own_words(), opened.journal.add_own_word)
    editor = editor_with(qtbot, f"I walked by {word}")
    qtbot.waitUntil(lambda: underlined(editor) == [word], timeout=20_000)
    [add] = [
        a
        for a in editor.context_menu_at(cursor_in(editor, word)).actions()
        if a.text() == "Add to my words"
    ]
    add.trigger()
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20_000)
    assert opened.journal.own_words() == [word]
    needle = word.encode()
    for root in (tmp_path, isolated_dirs):
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                for form in (needle, word.encode("utf-16-le"), word.encode("utf-16-be")):
                    assert form not in data, path
    tiny_speller.forget()
    assert tiny_speller.status(word) is None  # forgotten when the journal locks


def test_locking_zeroes_every_word_the_checker_kept(qtbot: QtBot, tiny_speller: object) -> None:
    assert isinstance(tiny_speller, spelling.Speller)
    editor = editor_with(qtbot, "I walked by the rivr at dusk")
    qtbot.waitUntil(lambda: underlined(editor) == ["rivr"], timeout=20_000)
    assert tiny_speller.suggestions("rivr")[0] == "river"
    kept = [*tiny_speller._cache, *tiny_speller._suggested]
    assert b"rivr" in kept and b"walked" in kept  # the cache keeps the words as bytes
    tiny_speller.forget()
    # zeroed in place: Python frees them later without wiping, so nothing is left to read
    assert all(key == bytes(len(key)) for key in kept), kept
    assert tiny_speller.status("rivr") is None


def test_the_thread_zeroes_its_copies_of_the_words(qtbot: QtBot, tiny_speller: object) -> None:
    assert isinstance(tiny_speller, spelling.Speller)
    copies: list[bytearray] = []
    words: list[bytes] = []
    put = tiny_speller._queue.put

    def watched(item: tuple[int, str, bytes, bytearray]) -> None:
        copies.append(item[3])
        words.append(bytes(item[3]))
        put(item)

    tiny_speller._queue.put = watched  # type: ignore[method-assign]
    try:
        editor = editor_with(qtbot, "calm grenvle")
        qtbot.waitUntil(lambda: underlined(editor) == ["grenvle"], timeout=20_000)
    finally:
        del tiny_speller._queue.put
    assert b"grenvle" in words
    assert all(copy == bytes(len(copy)) for copy in copies), copies


def test_a_loaded_text_is_underlined_after_the_load_not_inside_it(
    qtbot: QtBot, tiny_speller: object, monkeypatch
) -> None:
    """Saved text put in a field (at unlock, on opening a session) is underlined a few
    blocks per turn of the event loop afterwards: the load itself checks no word."""
    editor = WritingEdit("Story")
    qtbot.addWidget(editor)
    checked: list[str] = []
    real = spelling.Speller.status

    def noted(self, word):  # type: ignore[no-untyped-def]
        checked.append(word)
        return real(self, word)

    monkeypatch.setattr(spelling.Speller, "status", noted)
    story = "\n".join("I walked by the rivr at dusk" for _ in range(60))
    editor.set_text_quietly(story)
    assert checked == []  # nothing during the load
    blocks = range(editor.document().blockCount())
    # every block in the end, in whatever order the answers and the steps come
    qtbot.waitUntil(lambda: all(underlined(editor, n) == ["rivr"] for n in blocks), timeout=20_000)
