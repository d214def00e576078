"""Which tests check a POSIX-only promise, so Windows skips them (and says why).

Windows has no permission bits, no core-size limit and no signals to kill with; the README
says so. Rather than marking each test by hand (tests move between files), a test is
POSIX-only when its own source or a fixture it uses touches one of ``_POSIX_ONLY``.
Everything else runs on Windows too.
"""

from __future__ import annotations

import inspect
import re

import pytest

_POSIX_ONLY = re.compile(
    r"st_mode|_mode\(|os\.chmod|\.chmod\(|import resource|RLIMIT_|os\.umask|signal\.SIG|"
    r"os\.getuid|/bin/|O_DIRECTORY"
)


def _sources(item: pytest.Item) -> list[str]:
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        definitions = info.name2fixturedefs.get(name, ()) if info is not None else ()
        functions.extend(getattr(d, "func", None) for d in definitions)
    sources = []
    for function in functions:
        if function is None:
            continue
        try:
            sources.append(inspect.getsource(function))
        except (OSError, TypeError):
            continue
    return sources


def posix_only_reason(item: pytest.Item) -> str | None:
    for source in _sources(item):
        found = _POSIX_ONLY.search(source)
        if found:
            return f"POSIX only ({found.group(0)}): Windows has no such promise (README)"
    return None
