"""The floors of ui/, checked: ui/common at the ground, the features above it, ui/shell on
top. Arrows only point down (features may use each other sideways), and no import circle
runs between the folders. Every import counts: inside functions and under TYPE_CHECKING
too, because a circle the type checker sees is still a circle in the design."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GROUND, SHELL = "common", "shell"


def floor(folder: str) -> int:
    """0: the ground every feature stands on; 2: the shell that composes them; 1: a feature."""
    return {GROUND: 0, SHELL: 2}.get(folder, 1)


def _module_of(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def ui_imports(path: Path, root: Path) -> set[str]:
    """Every ``ui.…`` module a file imports, anywhere in it; relative imports resolved."""
    here = _module_of(path, root)
    package = here if path.name == "__init__.py" else here[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            names.add(module)
            # ``from ui.find import navigate`` names a module in ui/find.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return {n for n in names if n == "ui" or n.startswith("ui.")}


def folder_of(module: str, root: Path) -> str | None:
    """The ui/ folder a module lives in (``ui.session.plan.tab`` → ``session``)."""
    parts = module.split(".")
    if len(parts) < 2 or not (root / "ui" / parts[1]).is_dir():
        return None
    return parts[1]


def folder_graph(root: Path) -> dict[str, set[str]]:
    """Folder → the other folders its modules import."""
    graph: dict[str, set[str]] = {}
    for path in sorted((root / "ui").rglob("*.py")):
        source = folder_of(".".join(_module_of(path, root)) + ".x", root)
        if source is None:
            continue  # ui/__init__.py
        targets = graph.setdefault(source, set())
        for module in ui_imports(path, root):
            target = folder_of(module, root)
            if target is not None and target != source:
                targets.add(target)
    return graph


def layering_problems(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            if target == SHELL:
                problems.append(f"ui/{source} imports the shell")
            elif source == GROUND:
                problems.append(f"ui/{GROUND} imports the feature ui/{target}")
            elif floor(target) > floor(source):
                problems.append(f"ui/{source} imports ui/{target}, a floor above it")
    return problems


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle between folders (``[a, b, a]``), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            cycle = visit(target, [*path, node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def test_ui_has_the_three_floors() -> None:
    graph = folder_graph(ROOT)
    assert GROUND in graph and SHELL in graph
    assert len([f for f in graph if floor(f) == 1]) >= 5  # the features between them


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "ui").rglob("*.py") if SHELL not in p.relative_to(ROOT).parts),
    ids=lambda p: str(p.relative_to(ROOT / "ui")),
)
def test_nothing_outside_the_shell_imports_it(path: Path) -> None:
    assert [n for n in ui_imports(path, ROOT) if n == "ui.shell" or n.startswith("ui.shell.")] == []


def test_arrows_only_point_down() -> None:
    assert layering_problems(folder_graph(ROOT)) == []


def test_no_import_circle_between_the_ui_folders() -> None:
    assert find_cycle(folder_graph(ROOT)) is None


def _write(root: Path, name: str, text: str = "") -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_checks_can_fail(tmp_path: Path) -> None:
    for folder in ("", "common/", "find/", "follow/", "shell/"):
        _write(tmp_path, f"ui/{folder}__init__.py")
    _write(tmp_path, "ui/common/base.py", "from ui.find import navigate\n")
    _write(tmp_path, "ui/find/navigate.py", "def f():\n    from ui.follow.view import V\n")
    _write(tmp_path, "ui/follow/view.py", "from ..find import navigate\n")
    _write(
        tmp_path,
        "ui/find/window.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ui.shell.main import M\n",
    )
    _write(tmp_path, "ui/shell/main.py", "from ui.find import navigate\n")

    graph = folder_graph(tmp_path)
    assert graph == {
        "common": {"find"},
        "find": {"follow", "shell"},
        "follow": {"find"},
        "shell": {"find"},
    }
    assert layering_problems(graph) == [
        "ui/common imports the feature ui/find",
        "ui/find imports the shell",
    ]
    assert find_cycle(graph) == ["find", "follow", "find"]
    assert ui_imports(tmp_path / "ui/find/window.py", tmp_path) == {
        "ui.shell.main",
        "ui.shell.main.M",
    }
    # And a graph without those arrows passes.
    clean = {"common": set(), "find": {"common"}, "follow": {"find", "common"}, "shell": {"find"}}
    assert layering_problems(clean) == [] and find_cycle(clean) is None


def test_a_feature_reaching_up_to_the_shell_floor_is_caught() -> None:
    assert layering_problems({"paper": {"shell"}, "common": set()}) == [
        "ui/paper imports the shell"
    ]
    assert floor("anything-new") == 1  # a new folder is a feature until said otherwise
