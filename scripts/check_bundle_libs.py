"""Will the frozen Linux app start on a bare desktop? Checked with ``ldd``, at build time.

    python scripts/check_bundle_libs.py dist/integration-journal

PyInstaller bundles the libraries that ``ldd`` finds on the build machine and only warns
about the others; the offscreen self-test never loads the xcb plugin, so a bundle built
without ``libxcb-cursor0`` passes it and then aborts on a real X display. This check looks
at every bundled Qt plugin (platforms/xcb above all) and every library in the bundle: each
library they need must resolve inside the bundle, or be one of ``BASE_SYSTEM`` below — what
every Linux desktop has and what must match the machine's own drivers. Anything else,
"not found" above all, fails the build. It also prints the oldest glibc the bundle needs
(the highest ``GLIBC_x.y`` symbol version any bundled file asks for).

Exit code 0 when all is well, 1 with the list of problems otherwise.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# Sonames a bundle may take from the system. Kept short on purpose: a library that a stock
# desktop may lack (libxcb-cursor, -icccm, -image, -keysyms, -render-util, libxkbcommon-x11)
# is never here, so it must be inside the bundle.
BASE_SYSTEM = tuple(
    re.compile(pattern)
    for pattern in (
        # glibc itself (PyInstaller never bundles it) and the compiler's runtime.
        r"(ld-linux.*|libc|libm|libdl|libpthread|librt|libresolv|libutil|libanl)\.so",
        r"(libgcc_s|libstdc\+\+)\.so",
        # The graphics stack: must match the machine's driver (PyInstaller leaves it out too).
        r"lib(E?GL|GLX|GLdispatch|OpenGL|GLESv2|drm|gbm)\.so",
        r"libwayland-(client|cursor|egl)\.so",
        # The X connection itself and the core X11 libraries every X or XWayland desktop has.
        r"lib(xcb|X11|X11-xcb|Xau|Xdmcp)\.so",
        r"libxcb-dri\d\.so",
        # Printing: the CUPS client library is part of every desktop's printing stack.
        r"lib(cups|gssapi_krb5|krb5|k5crypto|com_err|krb5support|keyutils|avahi-\w+)\.so",
    )
)
ELF_MAGIC = b"\x7fELF"


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == ELF_MAGIC
    except OSError:
        return False


def bundle_files(bundle: Path) -> list[Path]:
    return sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def ldd(path: Path, library_path: Path) -> list[tuple[str, str | None]]:
    """(soname, resolved path or None) for each library ``path`` needs."""
    env = {**os.environ, "LD_LIBRARY_PATH": str(library_path)}  # what the bootloader sets
    done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False)
    needed: list[tuple[str, str | None]] = []
    for line in done.stdout.splitlines():
        line = line.strip()
        if "=>" not in line:
            continue  # the vDSO and the dynamic loader's own line
        soname, _, where = (part.strip() for part in line.partition("=>"))
        if where.startswith("not found"):
            needed.append((soname, None))
        else:
            needed.append((soname, where.split(" (", 1)[0].strip()))
    return needed


def problems(bundle: Path) -> list[str]:
    internal = bundle / "_internal"
    library_path = internal if internal.is_dir() else bundle
    found = []
    for path in bundle_files(bundle):
        where_from = path.relative_to(bundle)
        for soname, resolved in sorted(set(ldd(path, library_path)), key=str):
            if any(pattern.match(soname) for pattern in BASE_SYSTEM):
                continue  # the client's system provides it (e.g. Wayland libs on Wayland)
            if resolved is None:
                found.append(f"{where_from}: {soname} not found (install it on the build machine)")
            elif not Path(resolved).resolve().is_relative_to(bundle.resolve()):
                found.append(f"{where_from}: {soname} would come from the system ({resolved})")
    return found


def oldest_glibc(bundle: Path) -> str:
    highest = (0, 0)
    for path in bundle_files(bundle):
        done = subprocess.run(
            ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
        )
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", done.stdout):
            highest = max(highest, (int(major), int(minor)))
    return f"{highest[0]}.{highest[1]}"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    plugins = list(bundle.rglob("platforms/libqxcb.so"))
    if not plugins:
        print(f"check_bundle_libs: no xcb platform plugin in {bundle}", file=sys.stderr)
        return 1
    found = problems(bundle)
    for problem in found:
        print(f"check_bundle_libs: {problem}", file=sys.stderr)
    if found:
        print(
            f"check_bundle_libs: {len(found)} problem(s): the app would not start on a "
            "desktop without these libraries (see README, 'A frozen app').",
            file=sys.stderr,
        )
        return 1
    glibc = oldest_glibc(bundle)
    print(f"check_bundle_libs: every library resolves; the bundle needs glibc ≥ {glibc}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
