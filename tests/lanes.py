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
each program it starts to `_guard` (an audit hook, `sys.addaudithook`), and `_check` compares what
it did with its markers. A fixture seen to need a marker asks it of every later test that uses it.

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


def _marker_needed(event: str, arguments: tuple) -> tuple[str, str] | None:
    """The marker that an event Python audits asks of the running test, if any, and what the test
    did, for the message."""
    if event == "subprocess.Popen":
        program = arguments[1]
        command = [os.fsdecode(part) for part in program] if isinstance(program, list | tuple) else [str(program)]
        ran = f"it ran {' '.join(command[:4])}"
        if command[1:3] == MKDOCS or command[0].endswith(MKDOCS_SCRIPTS):
            return "build", ran
        if PLAYWRIGHT in command or Path(command[0]).name == "chromium":
            return "browser", ran
    elif event in ("open", "os.listdir", "os.scandir") and isinstance(arguments[0], str | bytes | os.PathLike):
        path = Path(os.path.abspath(os.fsdecode(arguments[0])))
        if any(path.is_relative_to(folder) for folder in CONTENT_FOLDERS):
            return "real_content", f"it read {path.relative_to(REPO)}"
    return None


@dataclass
class _Running:
    """The test being set up, run or torn down, what it did that needs a marker (the first time,
    for the message), and what each fixture was seen to need."""

    item: pytest.Item | None = None
    did: dict[str, str] = field(default_factory=dict)  # marker -> what the test did that needs it
    fixtures: list[pytest.FixtureDef] = field(default_factory=list)  # being set up, innermost last
    needs: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (where, name) -> markers


_running = _Running()


def _guard(event: str, arguments: tuple) -> None:
    """Notes what the running test does; the test fails afterwards, in _check, as failing here, in
    the middle of a copy or of Playwright's start, could leave it hanging."""
    needed = _marker_needed(event, arguments) if _running.item is not None else None
    if needed is None:
        return
    marker, what = needed
    _running.did.setdefault(marker, what)
    if _running.fixtures:
        fixture = _running.fixtures[-1]
        _running.needs.setdefault((fixture.baseid, fixture.argname), set()).add(marker)


sys.addaudithook(_guard)


def _check(item: pytest.Item) -> None:
    """Fails the test if it did what a marker it lacks says, or uses a fixture that did."""
    needed = dict(_running.did)
    for (where, fixture), markers in sorted(_running.needs.items()):
        if fixture in getattr(item, "fixturenames", ()) and item.nodeid.startswith(where):
            for marker in sorted(markers):
                needed.setdefault(marker, f"its fixture `{fixture}` needs it")
    for marker, why in sorted(needed.items()):
        if item.get_closest_marker(marker) is None:
            pytest.fail(
                f"{item.nodeid} has no `{marker}` marker but {why}: mark it @pytest.mark.{marker} (see tests/lanes.py)",
                pytrace=False,
            )


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef) -> Generator[None, object, object]:
    _running.fixtures.append(fixturedef)
    try:
        return (yield)
    finally:
        _running.fixtures.pop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    _running.item, _running.did = item, {}
    yield
    _check(item)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    yield
    _check(item)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown() -> Generator[None, None, None]:
    try:
        yield
    finally:
        _running.item = None
