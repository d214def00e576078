"""What a person types into search: as an FTS5 query, and as the places in a text it
matches (for highlighting an opened entry).

What a person types is never handed to FTS5 as query syntax: it is split into words and
"quoted phrases", each quoted for FTS5, with a trailing ``*`` kept as a prefix search.
Matching ignores case and diacritics, as the index's tokenizer does
(``unicode61 remove_diacritics 2``).
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


def to_fts_query(text: str) -> str:
    """``integrat* "felt safe"`` → ``"integrat"* AND "felt safe"``; empty for nothing."""
    terms: list[str] = []
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            words = _words(phrase)
            if words:
                terms.append(_quote(" ".join(words)))
            continue
        prefix = word.endswith("*")
        words = _words(word)
        if not words:
            continue
        quoted = _quote(" ".join(words))
        terms.append(quoted + "*" if prefix else quoted)
    return " AND ".join(terms)


def _words(text: str) -> list[str]:
    # Keep letters, digits and marks; everything else separates words, as unicode61 does.
    return re.findall(r"[^\W_]+", text, flags=re.UNICODE)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# -- where the words are, for highlighting an opened entry -------------------------------------


def _fold(word: str) -> str:
    """Case and diacritics folded, as the index's tokenizer folds them."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _terms(text: str) -> list[tuple[list[str], bool]]:
    """The search as (words, last word is a prefix) terms, folded."""
    terms: list[tuple[list[str], bool]] = []
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        words = [_fold(w) for w in _words(phrase if phrase is not None else word)]
        if words:
            terms.append((words, phrase is None and word.endswith("*")))
    return terms


def match_spans(body: str, text: str) -> list[tuple[int, int]]:
    """(start, length) of each place in ``body`` that the search ``text`` matches."""
    terms = _terms(text)
    if not terms:
        return []
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in re.finditer(r"[^\W_]+", body)]
    spans: list[tuple[int, int]] = []
    for index in range(len(tokens)):
        for words, prefix in terms:
            end = index + len(words)
            if end > len(tokens):
                continue
            found = [t[2] for t in tokens[index:end]]
            if found[:-1] == words[:-1] and (
                found[-1].startswith(words[-1]) if prefix else found[-1] == words[-1]
            ):
                start = tokens[index][0]
                spans.append((start, tokens[end - 1][1] - start))
                break
    return spans
