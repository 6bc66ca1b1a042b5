"""The shape of the kit's code stays easy to read (issue 29): each folder of hooks/showcase/ a stage
of the build with at most 15 modules, no module over 450 lines, and no two modules that import
each other, directly or round a circle (a circle is a module that cannot be read on its own)."""

from __future__ import annotations

import graphlib
import re
from pathlib import Path

HOOKS = Path(__file__).resolve().parent.parent / "hooks"
MOST_LINES = 450
MOST_MODULES = 15
# Every import of one of the showcase's modules, at the top of a file or inside a function.
IMPORT = re.compile(r"^\s*(?:from (showcase[\w.]*) import (\([^)]*\)|[^\n]*)|import (showcase[\w.]+))", re.M)


def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(HOOKS).with_suffix("").parts).removesuffix(".__init__"): path
        for path in sorted((HOOKS / "showcase").rglob("*.py"))
    }


def test_no_module_is_longer_than_450_lines():
    lengths = {
        path.relative_to(HOOKS).as_posix(): len(path.read_text("utf-8").splitlines()) for path in HOOKS.rglob("*.py")
    }
    assert {name: lines for name, lines in lengths.items() if lines > MOST_LINES} == {}


def test_no_folder_holds_more_than_15_modules():
    folders = {path.parent for path in HOOKS.rglob("*.py")}
    counts = {folder.relative_to(HOOKS).as_posix(): len(list(folder.glob("*.py"))) - 1 for folder in folders}
    assert {folder: count for folder, count in counts.items() if count > MOST_MODULES} == {}


def test_no_module_imports_itself_round_a_circle():
    modules = _modules()
    imports: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = imports.setdefault(name, set())
        for package, names, plain in IMPORT.findall(path.read_text("utf-8")):
            if plain:
                found.add(plain)
                continue
            found.add(package)
            # `from showcase.pictures import copies` imports the module copies too.
            found.update(f"{package}.{name}" for name in re.findall(r"\w+", names) if f"{package}.{name}" in modules)
        found.discard(name)
    # A package's __init__ that names what its modules define is not a circle with them.
    graph = {name: {other for other in found if not name.startswith(f"{other}.")} for name, found in imports.items()}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the circle
