"""Spell checking for every writing field: wavy underlines, suggestions, the client's words.

The checker is spylls (Hunspell in pure Python) with the Hunspell dictionaries bundled in
``resources/dictionaries`` — nothing to install on any system, and it works frozen. Its
dictionary lives in a child process (``app.spell_child``), asked over pipes, so its Python
objects never add to the window's memory. spylls is slow next to a keystroke (≈3 s to
load a dictionary, ≈80 µs a word, ≈1 s to suggest), so it never runs on the typing path:
the highlighter only reads a cache of words already checked, and hands unknown words to
one background thread that asks the child in batches; the blocks that waited are then
re-highlighted a few at a time. If the child can't run, spelling is off (Settings says
so). Words the client adds come from the journal (kept in the vault, never in a
word-list file) and, like the cache, are forgotten when the journal locks.

Words are journal text, and Python can't wipe the strings it frees: so the cache keeps
each word as UTF-8 ``bytes`` of its own, zeroed when the journal locks, and the thread
gets a ``bytearray`` copy it zeroes once the child has answered (see app.spell_child).
"""

from __future__ import annotations

import functools
import queue
import re
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from app.spell_child import SpellChild, wipe

# Letters, with inner apostrophes (don't, client’s); digits and underscores split words.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Addresses and e-mail are not words to check.
_SKIP = re.compile(r"\S+://\S+|\S+@\S+\.\S+")
_PENDING = 1  # block state: some words of this block were not checked yet
_BLOCKS_PER_STEP = 40  # re-highlighted per turn of the event loop
LANGUAGE_NAMES = {"en_US": "English (United States)", "en_GB": "English (United Kingdom)"}
DEFAULT_LANGUAGE = "en_US"
UNAVAILABLE = "Spell checking couldn't start on this computer, so no words are underlined."


def dictionaries_folder() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # the frozen app (build.spec bundles resources/)
    if bundle:
        return Path(bundle) / "resources" / "dictionaries"
    return Path(__file__).resolve().parents[2] / "resources" / "dictionaries"


def languages(folder: Path | None = None) -> list[str]:
    """The dictionaries installed with the app (an .aff and a .dic each)."""
    where = folder or dictionaries_folder()
    return sorted(p.stem for p in where.glob("*.aff") if p.with_suffix(".dic").exists())


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def words_in(text: str) -> Iterable[tuple[int, str]]:
    """(start, word) for each word worth checking in one block of text."""
    skipped = [m.span() for m in _SKIP.finditer(text)] if ("/" in text or "@" in text) else []
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 2 or any(a <= match.start() < b for a, b in skipped):
            continue
        yield match.start(), word


class Speller(QObject):
    """The one checker of the app (``speller()``); highlighters ask it about words."""

    checked = Signal(object)  # a batch of words now in the cache (from the worker thread)
    changed = Signal()  # on/off, language or own words changed: look at everything again
    changed_words = Signal()  # new answers arrived: blocks that waited can be drawn
    broke = Signal()  # from the worker thread: the child gave no answer

    def __init__(self, folder: Path | None = None, child: SpellChild | None = None) -> None:
        super().__init__()
        self.folder = folder or dictionaries_folder()
        self.available = set(languages(self.folder))
        self.enabled = True
        self.language = DEFAULT_LANGUAGE
        self._generation = 0
        # Keyed by the word's UTF-8 bytes: the same object in both, zeroed on forgetting.
        self._cache: dict[bytes, bool] = {}
        self._asked: set[bytes] = set()
        self._suggested: dict[bytes, list[str]] = {}
        self._own: set[str] = set()
        self._own_folded: set[str] = set()
        self._adder: Callable[[str], None] | None = None
        self.child = child or SpellChild()
        self.unavailable = False  # the child could not start or answer: spelling is off
        self._loaded: set[str] = set()  # languages the child has answered for
        # (generation, language, the word as the cache keeps it, the thread's own copy)
        self._queue: queue.Queue[tuple[int, str, bytes, bytearray]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.checked.connect(self._take)
        self.broke.connect(self._broken)

    # -- settings ------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.enabled and self.language in self.available and not self.unavailable

    def configure(self, enabled: bool, language: str) -> None:
        if enabled == self.enabled and language == self.language:
            return
        self.unavailable = False  # chosen again in Settings: worth another try
        if language != self.language:
            self._forget_checks()
        self.enabled, self.language = enabled, language
        if self.active:
            self.warm_up()
        self.changed.emit()

    def settled(self) -> bool:
        """The dictionary is loaded and every word asked about has its answer (benchmarks)."""
        return not self.active or (
            self.language in self._loaded
            and self._queue.empty()
            and self._asked <= self._cache.keys()
        )

    def warm_up(self) -> None:
        """Start loading the dictionary now, so the first underline comes sooner."""
        if self.active:
            self._start_worker()
            self._queue.put((self._generation, self.language, b"", bytearray()))

    # -- the client's own words (from the journal) ----------------------------------------

    def set_own_words(self, words: Iterable[str], adder: Callable[[str], None] | None) -> None:
        self._own = set(words)
        self._own_folded = {w.casefold() for w in self._own}
        self._adder = adder
        self.changed.emit()

    def forget(self) -> None:
        """The journal locked: drop its words and every word seen in it."""
        self._own, self._own_folded, self._adder = set(), set(), None
        self._forget_checks()
        # The child has seen the journal's words; ending it returns its memory to the
        # system. The next check after unlocking starts a fresh one.
        self.child.stop()
        self.changed.emit()

    def can_add(self) -> bool:
        return self._adder is not None

    def add_word(self, word: str) -> None:
        if self._adder is None:
            return
        self._adder(word)  # into the vault first: raises (and adds nothing) if it can't
        self._own.add(word)
        self._own_folded.add(word.casefold())
        self.changed.emit()

    # -- asking about words ---------------------------------------------------------------

    def status(self, word: str) -> bool | None:
        """True: known; False: misspelt; None: not checked yet (asked in the background)."""
        if word in self._own or (self._own_folded and word.casefold() in self._own_folded):
            return True
        # A lookup's own copy is freed at once, like the str it came from, and the next
        # words take that memory again; zeroing it too would double this, the typing path.
        key = word.encode("utf-8")
        known = self._cache.get(key)
        if known is None and key not in self._asked:
            self._asked.add(key)  # kept until the lock zeroes it
            self._start_worker()
            self._queue.put((self._generation, self.language, key, bytearray(key)))
        return known

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        """Hunspell's suggestions (slow: about a second; asked for on a right-click only)."""
        key = word.encode("utf-8")
        if key not in self._suggested:
            found = self.child.suggestions(self.folder, self.language, word, limit)
            if found is None:
                wipe(key)
                return []
            self._suggested[key] = found[:limit]
            return found[:limit]
        known = self._suggested[key]
        wipe(key)
        return known

    def _forget_checks(self) -> None:
        self._generation += 1
        kept = [*self._asked, *self._cache, *self._suggested]
        self._cache.clear()
        self._asked.clear()
        self._suggested.clear()
        while True:  # words the thread has not taken yet: their copies are ours to zero
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            wipe(item[3])
        # Out of every table first: a key must not change while a dict or set holds it.
        # A stale answer still on its way refers to these objects; _take drops it unread.
        for key in kept:
            wipe(key)

    # -- the background thread --------------------------------------------------------------

    def _start_worker(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="spelling", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < 200:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                answers = self._ask_child(batch)
            finally:
                for item in batch:
                    wipe(item[3])
            if answers:
                self.checked.emit(answers)

    def _ask_child(
        self, batch: list[tuple[int, str, bytes, bytearray]]
    ) -> list[tuple[int, bytes, bool]]:
        answers: list[tuple[int, bytes, bool]] = []
        by_language: dict[str, list[tuple[int, bytes, bytearray]]] = {}
        for generation, language, key, copy in batch:
            # Asked before the journal locked: not sent to the child started after it.
            if generation == self._generation:
                by_language.setdefault(language, []).append((generation, key, copy))
        for language, asked in by_language.items():
            if not (self.folder / language).with_suffix(".aff").exists():
                continue
            words = [item for item in asked if item[2]]
            misspelt = self.child.misspelt_at(self.folder, language, [c for _, _, c in words])
            if misspelt is None:
                self.broke.emit()
                continue
            self._loaded.add(language)
            answers.extend((g, key, n not in misspelt) for n, (g, key, _) in enumerate(words))
        return answers

    def _take(self, answers: list[tuple[int, bytes, bool]]) -> None:
        fresh = [(key, ok) for generation, key, ok in answers if generation == self._generation]
        if fresh:
            self._cache.update(fresh)
            self.changed_words.emit()

    def _broken(self) -> None:
        if not self.unavailable:
            self.unavailable = True
            self.changed.emit()  # the underlines go; Settings says why


_SPELLER: Speller | None = None


def speller() -> Speller:
    global _SPELLER
    if _SPELLER is None:
        _SPELLER = Speller()
    return _SPELLER


def use_speller(replacement: Speller | None) -> None:
    """Tests: a speller over their own small dictionaries (None: back to the default)."""
    global _SPELLER
    _SPELLER = replacement


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines misspelt words of one document; formats only, never the text."""

    def __init__(self, document: QTextDocument, checker: Speller) -> None:
        super().__init__(document)
        self.checker = checker
        self.look = QTextCharFormat()
        self.look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.look.setUnderlineColor(QColor("#6f7fb0"))  # a quiet blue-grey, not an alarm
        self._todo: list[QTextBlock] = []  # where a pass over the whole document is
        self._waiting: dict[int, QTextBlock] = {}  # blocks with words not checked yet
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        # Formats are not edits, but Qt reports each re-highlight as a change of contents:
        # ``painting`` tells the editor to ignore those. Highlighting once now also takes
        # the place of the re-highlight Qt would otherwise run later, unannounced.
        self.painting = False
        self._resting = False  # text being loaded: underlined afterwards, step by step
        self._paint(self.rehighlight)
        # Bound methods, so that Qt disconnects them when the highlighter goes.
        checker.changed_words.connect(self.again_where_waiting)
        checker.changed.connect(self.again_everywhere)

    def load(self, put_text: Callable[[], None]) -> None:
        """Text loaded in one piece (a saved story) is underlined a few blocks per turn of
        the event loop afterwards, not all at once inside the load: a long story's pass
        was a third of the longest step of an unlock."""
        self._resting = True
        try:
            put_text()
        finally:
            self._resting = False
        document = self.document()
        if self.checker.active and document is not None and not document.isEmpty():
            self.again_everywhere()

    def highlightBlock(self, text: str) -> None:
        if self._resting or not self.checker.active:
            self.setCurrentBlockState(0)
            return
        pending = False
        for start, word in words_in(text):
            known = self.checker.status(word)
            if known is False:
                self.setFormat(start, len(word), self.look)
            elif known is None:
                pending = True
        if pending:  # drawn again when the answers come (no walk through the document)
            block = self.currentBlock()
            self._waiting[block.blockNumber()] = block
        self.setCurrentBlockState(_PENDING if pending else 0)

    def _paint(self, work: Callable[[], None]) -> None:
        self.painting = True
        try:
            work()
        finally:
            self.painting = False

    def again_where_waiting(self) -> None:
        self._timer.start()

    def again_everywhere(self) -> None:
        """Re-highlight the whole document, a few blocks per turn of the event loop."""
        document = self.document()
        if document is None:
            return
        self._waiting.clear()
        self._todo = [document.firstBlock()]
        self._timer.start()

    def _step(self) -> None:
        done = 0
        block = self._todo.pop() if self._todo else QTextBlock()
        while block.isValid() and done < _BLOCKS_PER_STEP:
            self._paint(functools.partial(self.rehighlightBlock, block))
            done += 1
            block = block.next()
        if block.isValid():
            self._todo = [block]
        batch = list(self._waiting)[: max(0, _BLOCKS_PER_STEP - done)]
        blocks = [self._waiting.pop(number) for number in batch]
        more = bool(self._waiting)  # a block still waiting after this is added back anew
        for waiting in blocks:
            if waiting.isValid() and waiting.userState() == _PENDING:
                self._paint(functools.partial(self.rehighlightBlock, waiting))
        if self._todo or more:
            self._timer.start()
