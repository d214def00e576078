"""The spelling dictionary in a child process, so its Python objects never weigh on the app.

spylls holds a Hunspell dictionary as tens of megabytes of Python objects; kept in the
window's process they raised its peak memory by about 70 MiB. The child loads it and
answers over its standard input and output only (never a socket): one JSON line in, one
JSON line out. Words are journal content, so the child writes nothing else anywhere — no
file, no log, and its error output goes nowhere. It ends when the app closes its input.

    python -m app.spell_child            (a frozen app runs itself with --spell-child)

Requests: ``{"op": "check", "folder", "language", "words": [...]}`` answers
``{"misspelt": [...]}`` (the positions of the unknown words, never the words);
``{"op": "suggest", "folder", "language", "limit", "words": [word]}`` answers
``{"suggestions": [...]}``; anything that fails answers ``{"error": true}``.

The app's side keeps the words out of its own freed memory (the lock can't wipe what
Python frees): a request is written piece by piece into one buffer, kept for the child's
life and zeroed after every write, straight to the pipe with no buffering in between;
the UTF-8 copies it makes of a word are zeroed as soon as they are in that buffer.
"""

from __future__ import annotations

import ctypes
import io
import json
import re
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from app import platform

CHILD_FLAG = "--spell-child"
_CHUNK = 16384  # the request buffer; a longer request goes out in several writes
_ZEROS = bytes(_CHUNK)
# Bytes that JSON can't carry inside a string as they are (words never have them).
_UNSAFE = re.compile(rb'["\\\x00-\x1f]')
_BYTES_DATA = sys.getsizeof(b"") - 1  # where a bytes object's contents start (CPython)

Word = bytes | bytearray


def wipe(data: Word) -> None:
    """Zero a buffer of words this app made itself and no one else reads any more.

    Python never clears the memory it frees, so text left in a freed ``bytes`` stays
    readable until that memory is used again. Only for objects the caller created (with
    ``str.encode``, ``bytes(...)``): one- and zero-byte ``bytes`` are shared, left alone.
    """
    if isinstance(data, bytearray):
        data[:] = _ZEROS[: len(data)] if len(data) <= _CHUNK else bytes(len(data))
    elif len(data) > 1:
        ctypes.memset(id(data) + _BYTES_DATA, 0, len(data))


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):  # PyInstaller: the app's own executable
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "app.spell_child"]


class SpellChild:
    """The app's side: one long-lived child, asked by one caller at a time."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command or child_command()
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: io.BufferedReader | None = None
        self._lock = threading.Lock()  # the checking thread and a right-click may both ask
        self._buffer = bytearray(_CHUNK)
        self._view = memoryview(self._buffer)
        self._used = 0

    def misspelt(self, folder: Path, language: str, words: Sequence[str]) -> set[str] | None:
        """The words the dictionary doesn't know; None when the child can't answer."""
        encoded = [w.encode("utf-8") for w in words]
        try:
            found = self.misspelt_at(folder, language, encoded)
        finally:
            for data in encoded:
                wipe(data)
        return None if found is None else {words[i] for i in found}

    def misspelt_at(self, folder: Path, language: str, words: Sequence[Word]) -> set[int] | None:
        """The positions of the UTF-8 words the dictionary doesn't know (None: no answer)."""
        answer = self._ask(self._head("check", folder, language), words)
        found = None if answer is None else answer.get("misspelt")
        if not isinstance(found, list):
            return None
        return {i for i in found if isinstance(i, int) and 0 <= i < len(words)}

    def suggestions(self, folder: Path, language: str, word: str, limit: int) -> list[str] | None:
        head = self._head("suggest", folder, language, limit=limit)
        data = word.encode("utf-8")
        try:
            answer = self._ask(head, [data])
        finally:
            wipe(data)
        found = None if answer is None else answer.get("suggestions")
        return [str(s) for s in found] if isinstance(found, list) else None

    def stop(self) -> None:
        with self._lock:
            self._end()

    @staticmethod
    def _head(op: str, folder: Path, language: str, **more: Any) -> bytes:
        # Everything but the words: no journal text, so plain json is fine here.
        fields = {"op": op, "folder": str(folder), "language": language, **more}
        return json.dumps(fields)[:-1].encode("utf-8") + b', "words": ['

    def _ask(self, head: bytes, words: Sequence[Word]) -> dict[str, Any] | None:
        with self._lock:
            process = self._started()
            if process is None or process.stdin is None or self._reader is None:
                return None
            try:
                self._send(process.stdin, head, words)
                reply = self._reader.readline()
            except (OSError, ValueError):
                reply = b""
            finally:
                self._zero()
            if not reply:  # the child is gone: the next question starts a new one
                self._end()
                return None
        try:
            answer = json.loads(reply)
        except ValueError:
            return None
        return answer if isinstance(answer, dict) and "error" not in answer else None

    def _send(self, pipe: IO[bytes], head: bytes, words: Sequence[Word]) -> None:
        self._put(pipe, head)
        for n, word in enumerate(words):
            self._put(pipe, b', "' if n else b'"')
            if _UNSAFE.search(word) is None:
                self._put(pipe, word)
            else:  # escaped a byte at a time, so no escaped copy is made
                for byte in word:
                    if byte in b'"\\' or byte < 0x20:
                        self._put(pipe, b"\\u%04x" % byte)
                    else:
                        self._put_byte(pipe, byte)
            self._put(pipe, b'"')
        self._put(pipe, b"]}\n")
        self._flush(pipe)

    def _put(self, pipe: IO[bytes], data: Word) -> None:
        if self._used + len(data) > _CHUNK:
            self._flush(pipe)
            if len(data) > _CHUNK:  # one very long "word": straight from where it is
                _write_all(pipe, memoryview(data))
                return
        self._view[self._used : self._used + len(data)] = data
        self._used += len(data)

    def _put_byte(self, pipe: IO[bytes], byte: int) -> None:
        if self._used == _CHUNK:
            self._flush(pipe)
        self._buffer[self._used] = byte
        self._used += 1

    def _flush(self, pipe: IO[bytes]) -> None:
        try:
            _write_all(pipe, self._view[: self._used])
        finally:
            self._zero()

    def _zero(self) -> None:
        self._view[: self._used] = _ZEROS[: self._used]
        self._used = 0

    def _started(self) -> subprocess.Popen[bytes] | None:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._end()
        try:
            self._process = subprocess.Popen(
                self.command,
                bufsize=0,  # writes go from the zeroed buffer to the pipe, no copy between
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # a traceback could quote a word
            )
        except (OSError, ValueError):
            return None
        assert self._process.stdout is not None
        # Answers carry no words (positions, or suggestions): buffered reading is fine.
        self._reader = io.BufferedReader(self._process.stdout)  # type: ignore[arg-type]
        return self._process

    def _end(self) -> None:
        process, reader = self._process, self._reader
        self._process, self._reader = None, None
        if process is None:
            return
        for pipe in (process.stdin, reader or process.stdout):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass
        try:
            process.wait(timeout=5)  # closing its input ends it
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _write_all(pipe: IO[bytes], data: memoryview) -> None:
    """An unbuffered pipe may take part of a write: the rest goes after it."""
    while data:
        written = pipe.write(data)
        if written is None:  # pragma: no cover - only a non-blocking pipe says so
            continue
        data = data[written:]


def _load(path: Path) -> Any:
    """``Dictionary.from_files``, closing the files it reads (spylls leaves them open)."""
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.readers.file_reader import FileReader

    class ClosingReader(FileReader):  # type: ignore[misc]
        def reset_io(self, obj: Any) -> None:  # also called when the encoding changes
            previous = getattr(self, "io", None)
            super().reset_io(obj)
            if previous is not None:
                previous.close()

    aff_reader = ClosingReader(str(path.with_suffix(".aff")))
    try:
        aff, context = readers.read_aff(aff_reader)
    finally:
        aff_reader.io.close()
    dic_reader = ClosingReader(str(path.with_suffix(".dic")), encoding=context.encoding)
    try:
        dic = readers.read_dic(dic_reader, aff=aff, context=context)
    finally:
        dic_reader.io.close()
    return Dictionary(aff, dic)


def _answer(request: dict[str, Any], dictionaries: dict[Path, Any]) -> dict[str, Any]:
    path = Path(str(request["folder"])) / str(request["language"])
    if path not in dictionaries:
        if not path.with_suffix(".aff").exists():
            return {"error": True}
        dictionaries[path] = _load(path)
    dictionary = dictionaries[path]
    words = [str(w) for w in request["words"]]
    if request["op"] == "check":
        return {"misspelt": [i for i, w in enumerate(words) if not dictionary.lookup(w)]}
    if request["op"] == "suggest":
        found = []
        for suggestion in dictionary.suggest(words[0]):
            found.append(suggestion)
            if len(found) >= int(request["limit"]):
                break
        return {"suggestions": found}
    return {"error": True}


def serve(stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> int:
    """The child's side: answer each line until the app closes the pipe."""
    platform.disable_core_dumps()
    source = stdin or sys.stdin.buffer
    sink = stdout or sys.stdout.buffer
    dictionaries: dict[Path, Any] = {}
    for line in source:
        try:
            answer = _answer(json.loads(line), dictionaries)
        except Exception:  # spylls' own errors too: the app turns spelling off, quietly
            answer = {"error": True}
        sink.write(json.dumps(answer).encode("utf-8") + b"\n")
        sink.flush()
    return 0


if __name__ == "__main__":
    sys.exit(serve())
