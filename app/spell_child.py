"""The spelling dictionary in a child process, so its Python objects never weigh on the app.

spylls holds a Hunspell dictionary as tens of megabytes of Python objects; kept in the
window's process they raised its peak memory by about 70 MiB. The child loads it and
answers over its standard input and output only (never a socket): one JSON line in, one
JSON line out. Words are journal content, so the child writes nothing else anywhere — no
file, no log, and its error output goes nowhere. It ends when the app closes its input.

    python -m app.spell_child            (a frozen app runs itself with --spell-child)

Requests: ``{"op": "check", "folder", "language", "words": [...]}`` answers
``{"misspelt": [...]}``; ``{"op": "suggest", "folder", "language", "word", "limit"}``
answers ``{"suggestions": [...]}``; anything that fails answers ``{"error": true}``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from app import platform

CHILD_FLAG = "--spell-child"


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):  # PyInstaller: the app's own executable
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "app.spell_child"]


class SpellChild:
    """The app's side: one long-lived child, asked by one caller at a time."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command or child_command()
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # the checking thread and a right-click may both ask

    def misspelt(self, folder: Path, language: str, words: list[str]) -> set[str] | None:
        """The words the dictionary doesn't know; None when the child can't answer."""
        answer = self._ask(
            {"op": "check", "folder": str(folder), "language": language, "words": words}
        )
        found = None if answer is None else answer.get("misspelt")
        return set(map(str, found)) if isinstance(found, list) else None

    def suggestions(self, folder: Path, language: str, word: str, limit: int) -> list[str] | None:
        answer = self._ask(
            {
                "op": "suggest",
                "folder": str(folder),
                "language": language,
                "word": word,
                "limit": limit,
            }
        )
        found = None if answer is None else answer.get("suggestions")
        return [str(s) for s in found] if isinstance(found, list) else None

    def stop(self) -> None:
        with self._lock:
            self._end()

    def _ask(self, request: dict[str, Any]) -> dict[str, Any] | None:
        line = json.dumps(request).encode("utf-8") + b"\n"
        with self._lock:
            process = self._started()
            if process is None or process.stdin is None or process.stdout is None:
                return None
            try:
                process.stdin.write(line)
                process.stdin.flush()
                reply = process.stdout.readline()
            except (OSError, ValueError):
                reply = b""
            if not reply:  # the child is gone: the next question starts a new one
                self._end()
                return None
        try:
            answer = json.loads(reply)
        except ValueError:
            return None
        return answer if isinstance(answer, dict) and "error" not in answer else None

    def _started(self) -> subprocess.Popen[bytes] | None:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._end()
        try:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # a traceback could quote a word
            )
        except (OSError, ValueError):
            return None
        return self._process

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):
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
    if request["op"] == "check":
        words = [str(w) for w in request["words"]]
        return {"misspelt": [w for w in words if not dictionary.lookup(w)]}
    if request["op"] == "suggest":
        found = []
        for suggestion in dictionary.suggest(str(request["word"])):
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
