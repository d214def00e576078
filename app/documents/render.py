"""Markdown to safe HTML for the preview, printing and exports.

The client's text is rendered with Python-Markdown, but nothing in it can reach out or run:

* Raw HTML is escaped and shown as text: the ``html_block`` preprocessor and the ``html``
  inline pattern are removed, and everything Python-Markdown would pass through untouched
  (its "HTML stash": character entities such as ``&copy;``) is escaped before it is put back.
  So ``<script>``, ``<iframe>``, comments and entities all appear exactly as typed.
* Images are never loaded: an image becomes its alt text, with no ``<img>`` tag.
* Links keep an ``<a href>`` only for ``http``, ``https`` and ``mailto`` (the UI asks before
  opening one); any other link (``javascript:``, ``data:``, ``file:``, relative …) becomes
  plain text.
* Only a short list of tags and attributes can appear in the output at all.

No network code, no Qt: this module is plain Python and safe to call from any thread.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import xml.etree.ElementTree as ET
from typing import Any, Final

import markdown
from markdown import util as md_util

__all__ = ["document_html", "escape", "markdown_to_html"]

_log = logging.getLogger(__name__)

# Tags the core Markdown syntax (plus ``sane_lists``) produces, minus ``img``.
_ALLOWED_TAGS: Final = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "li",
        "pre",
        "code",
        "hr",
        "br",
        "em",
        "strong",
        "a",
        "span",
    }
)
_ALLOWED_SCHEMES: Final = frozenset({"http", "https", "mailto"})
_SCHEME_RE: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Characters browsers ignore or strip inside URLs (ASCII controls, whitespace) and the
# invisible formatting characters that could hide a scheme from a reader.
_URL_JUNK_RE: Final = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060\ufeff]"
)
_ESCAPED_CHAR_RE: Final = re.compile(f"{md_util.STX}([0-9]+){md_util.ETX}")


def escape(text: str) -> str:
    """Escape text for use in HTML content or a quoted attribute value."""
    return html.escape(text, quote=True)


def _decode_url(value: str) -> str:
    """Turn an href as Python-Markdown left it into the URL a browser would see."""
    value = value.replace(md_util.AMP_SUBSTITUTE, "&")
    value = _ESCAPED_CHAR_RE.sub(lambda m: chr(int(m.group(1))), value)
    value = html.unescape(value)
    return _URL_JUNK_RE.sub("", value)


def _safe_href(value: str) -> str | None:
    """Return the URL to keep in an ``<a href>``, or None when the link must become text."""
    url = _decode_url(value)
    match = _SCHEME_RE.match(url)
    if match is None or match.group(1).lower() not in _ALLOWED_SCHEMES:
        return None
    # The serializer leaves entity-like sequences alone, so pre-escape every "&": the
    # browser then reads back exactly ``url``.
    return url.replace("&", "&amp;")


class _SanitizeTree:
    """Tree processor: drop images, neutralise links, enforce the tag/attribute allowlist.

    Registered after Python-Markdown's own ``unescape`` step, so every text and attribute
    is final when it runs.
    """

    def __init__(self, md: Any) -> None:
        self.md = md

    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            if el is root:
                continue
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag == "img":
                alt = el.get("alt") or ""
                el.attrib.clear()
                el.tag = "span"
                # Stashed text is escaped by _EscapeStash, so entities stay visible as typed.
                el.text = self.md.htmlStash.store(alt) if alt else None
                for child in list(el):
                    el.remove(child)
            elif tag == "a":
                href = _safe_href(el.get("href") or "")
                el.attrib.clear()
                if href is None:
                    el.tag = "span"
                else:
                    el.set("href", href)
            elif tag == "ol":
                start = el.get("start")
                el.attrib.clear()
                if start is not None and start.isascii() and start.isdigit():
                    el.set("start", start)
            elif tag in _ALLOWED_TAGS:
                el.attrib.clear()
            else:
                # Nothing in the syntax we enable makes other tags; stay safe if one appears.
                el.attrib.clear()
                el.tag = "span"


class _EscapeStash:
    """Post-processor run just before ``raw_html``: escape everything in the HTML stash.

    With the raw-HTML processors removed, the stash only holds character entities and the
    alt texts stored above. Escaping the whole stash also means that whatever might ever
    land there is shown as text, never interpreted as markup.
    """

    def __init__(self, md: Any) -> None:
        self.md = md

    def run(self, text: str) -> str:
        stash = self.md.htmlStash
        blocks = stash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            raw = block if isinstance(block, str) else "".join(block.itertext())
            blocks[index] = escape(raw)
        return text


def _build() -> Any:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SanitizeTree(md), "journal_sanitize", -10)
    md.postprocessors.register(_EscapeStash(md), "journal_escape_stash", 35)
    return md


# One parser per thread, reset before every use: fast, and no state shared across threads.
_local = threading.local()


def _parser() -> Any:
    md = getattr(_local, "md", None)
    if md is None:
        md = _build()
        _local.md = md
    return md


# --- Guards against pathological input -------------------------------------------------
# Python-Markdown is fast on prose but quadratic on some shapes (upstream issue #798): many
# unclosed or deeply nested "[" in one paragraph, and deeply indented nested lists. A pasted
# log or a stuck key must not freeze the preview, so such input is tamed first. Ordinary
# writing is never touched: the limits are far beyond anything a journal entry contains.

# Estimated characters Python-Markdown's link parser scans in one paragraph (~0.2 µs each).
_LINK_SCAN_BUDGET: Final = 250_000
# Leading whitespace is capped at this many columns (deeper list nesting explodes).
_MAX_INDENT: Final = 128
_CHUNK_SPLIT_RE: Final = re.compile(r"(\n[ \t]*\n)")
_LINK_TOKEN_RE: Final = re.compile(r"[\[\]()]")
# Stand-ins for "[" in paragraphs too costly to parse for links: private-use characters.
_STANDIN_CANDIDATES: Final = tuple(chr(cp) for cp in range(0xE000, 0xE100))
_DEEP_INDENT_HINT_RE: Final = re.compile(r"^[ \t]{32,}", re.MULTILINE)
_LEADING_WS_RE: Final = re.compile(r"^[ \t]+", re.MULTILINE)


def _link_scan_cost(chunk: str) -> int:
    """Roughly how far Python-Markdown scans for link ends in this paragraph, in chars."""
    cost = 0
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []
    for m in _LINK_TOKEN_RE.finditer(chunk):
        pos, char = m.start(), m.group()
        if char == "[":
            brackets.append(pos)
        elif char == "]":
            if brackets:
                cost += pos - brackets.pop()
        elif char == "(":
            parens.append((pos, pos > 0 and chunk[pos - 1] == "]"))
        elif parens:
            start, is_link = parens.pop()
            if is_link:
                cost += pos - start
    end = len(chunk)
    cost += sum(end - pos for pos in brackets)
    cost += sum(end - pos for pos, is_link in parens if is_link)
    return cost


def _cap_indent(m: re.Match[str]) -> str:
    ws = m.group(0)
    return ws if len(ws.expandtabs(4)) <= _MAX_INDENT else " " * _MAX_INDENT


class _TooCostly(Exception):
    """Input that cannot be made cheap to render; it is shown as plain text instead."""


def _tame(text: str) -> tuple[str, str | None]:
    """Make pathological input cheap to render; ordinary writing comes back unchanged.

    Returns the text to render and, if some "[" were swapped for a stand-in character so
    that Python-Markdown does not look for links there, that stand-in (to swap back in the
    output, where "[" needs no escaping).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as Markdown itself does
    if _DEEP_INDENT_HINT_RE.search(text):
        text = _LEADING_WS_RE.sub(_cap_indent, text)
    if "[" not in text:
        return text, None
    parts = _CHUNK_SPLIT_RE.split(text)
    costly = [
        index
        for index in range(0, len(parts), 2)  # odd indexes are the blank-line separators
        if parts[index].count("[") * len(parts[index]) > _LINK_SCAN_BUDGET  # cheap bound
        and _link_scan_cost(parts[index]) > _LINK_SCAN_BUDGET
    ]
    if not costly:
        return text, None
    used = set(text)
    standin = next((c for c in _STANDIN_CANDIDATES if c not in used), None)
    if standin is None:
        raise _TooCostly
    for index in costly:
        parts[index] = parts[index].replace("[", standin)
    return "".join(parts), standin


def _plain_fallback(text: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "\n".join("<p>" + escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs)


def markdown_to_html(text: str) -> str:
    """Render the client's Markdown as an HTML fragment that loads and runs nothing.

    Never raises: if Python-Markdown fails on some input (for example a RecursionError on
    absurdly deep nesting), the text is shown as escaped plain paragraphs instead.
    """
    md = _parser()
    try:
        source, standin = _tame(text)
        result: str = md.reset().convert(source)
    except Exception as exc:  # never lose the preview over a parser problem
        _local.md = None  # the instance may be in a half-used state; build a fresh one
        # Log only the kind of failure: journal text never goes to a log.
        _log.warning("Markdown rendering failed (%s); showing plain text", type(exc).__name__)
        return _plain_fallback(text)
    if standin is not None:
        result = result.replace(standin, "[")
    return result


_STYLE: Final = """\
body { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Noto Serif",
       "DejaVu Serif", serif; font-size: 12pt; line-height: 1.6; color: #222; background: #fff;
       margin: 2em; max-width: 42em; }
h1, h2, h3, h4, h5, h6 { line-height: 1.3; margin: 1.2em 0 0.4em; font-weight: 600; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; } h3 { font-size: 1.1em; }
p, ul, ol, blockquote, pre { margin: 0 0 0.9em; }
blockquote { margin-left: 1em; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; }
hr { border: none; border-top: 1px solid #ccc; margin: 1.5em 0; }
a { color: #2a5d8f; }
"""


def document_html(body_html: str, *, title: str) -> str:
    """Wrap an HTML fragment in a complete, self-contained document.

    The document references nothing outside itself: no ``<link>``, no ``url()``, and a
    Content-Security-Policy that forbids loading anything, for viewers that honour it.
    """
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{_STYLE}</style>\n"
        f"</head>\n<body>\n{body_html}\n</body>\n</html>\n"
    )
