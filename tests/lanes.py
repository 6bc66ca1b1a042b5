"""Which lane a test runs in: its markers (pyproject.toml registers them). scripts/test --fast
leaves out `browser` and `build`; scripts/test --content runs only `real_content`, the check a
content pull request needs with scripts/check and the build (.github/workflows/publish.yml).

* `browser`: the test starts Debian's chromium through Playwright.
* `build`: the test runs MkDocs (`python -m mkdocs`, scripts/build), or stands on a site it built.
* `real_content`: the test reads the repository's own content, `data/` or `content/` (its copy by
  site_builds.copy_project included), to check what holds for any valid content.

A test that asks for one of the shared fixtures in MARKERS_OF_FIXTURES, directly or through other
fixtures (pytest's `item.fixturenames`), gets their markers here. Any other test says itself what
it does: `@pytest.mark.build` (or `pytestmark = pytest.mark.build` for a whole module),
`@pytest.mark.real_content`.

A forgotten marker fails its test with the marker to add, so that no test lands in the wrong lane
unnoticed: while a test is set up, runs and is torn down, Python reports each file it opens and
each program it starts to `_guard` (an audit hook, `sys.addaudithook`), which checks them against
the test's markers. A fixture seen to need a marker asks it of every later test that uses it too.

Registered as a plugin by conftest.py."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_builds import REPO

MARKERS_OF_FIXTURES = {
    "browser": {"browser"},
    "fixture_site": {"build"},
    "real_site": {"build", "real_content"},
}
CONTENT_FOLDERS = (REPO / "data", REPO / "content")  # the editors' files
# How a test starts MkDocs, as site_builds.mkdocs_build does, or the scripts that start it.
MKDOCS = ["-m", "mkdocs"]
MKDOCS_SCRIPTS = ("scripts/build", "scripts/preview")
PLAYWRIGHT = "run-driver"  # the argument of Playwright's driver, which starts chromium


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            for marker in sorted(MARKERS_OF_FIXTURES.get(fixture, ())):
                item.add_marker(marker)


def _marker_needed(event: str, arguments: tuple) -> str | None:
    """The marker that an event Python audits asks of the running test, if any."""
    if event == "subprocess.Popen":
        program = arguments[1]
        command = [os.fsdecode(part) for part in program] if isinstance(program, list | tuple) else [str(program)]
        if command[1:3] == MKDOCS or command[0].endswith(MKDOCS_SCRIPTS):
            return "build"
        if PLAYWRIGHT in command or Path(command[0]).name == "chromium":
            return "browser"
    elif event in ("open", "os.listdir", "os.scandir") and isinstance(arguments[0], str | bytes | os.PathLike):
        path = Path(os.path.abspath(os.fsdecode(arguments[0])))
        if any(path.is_relative_to(folder) for folder in CONTENT_FOLDERS):
            return "real_content"
    return None


@dataclass
class _Running:
    """The test being set up, run or torn down, and what each fixture was seen to need."""

    item: pytest.Item | None = None
    fixtures: list[pytest.FixtureDef] = field(default_factory=list)  # being set up, innermost last
    needs: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (where, name) -> markers


_running = _Running()


def _missing(item: pytest.Item, marker: str, why: str) -> str:
    return f"{item.nodeid} has no `{marker}` marker but {why}: mark it @pytest.mark.{marker} (see tests/lanes.py)"


def _guard(event: str, arguments: tuple) -> None:
    item = _running.item
    marker = _marker_needed(event, arguments) if item is not None else None
    if item is None or marker is None:
        return
    if _running.fixtures:
        fixture = _running.fixtures[-1]
        _running.needs.setdefault((fixture.baseid, fixture.argname), set()).add(marker)
    if item.get_closest_marker(marker) is None:
        pytest.fail(_missing(item, marker, f"it called {event} on {arguments[0]!r}"), pytrace=False)


sys.addaudithook(_guard)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef) -> Generator[None, object, object]:
    _running.fixtures.append(fixturedef)
    try:
        return (yield)
    finally:
        _running.fixtures.pop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    _running.item = item
    yield
    for (where, fixture), markers in sorted(_running.needs.items()):
        if fixture in getattr(item, "fixturenames", ()) and item.nodeid.startswith(where):
            for marker in sorted(markers):
                if item.get_closest_marker(marker) is None:
                    pytest.fail(_missing(item, marker, f"its fixture `{fixture}` needs it"), pytrace=False)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown() -> Generator[None, None, None]:
    try:
        yield
    finally:
        _running.item = None
