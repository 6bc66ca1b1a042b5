"""Shared fixtures: the fictional programme under tests/fixture/ (and the real content, for its
invariants) copied to tmp_path and built by the real MkDocs CLI."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python
import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from chromium import CHROMIUM, CHROMIUM_ARGS
from showcase.load import ProgrammeSources, load_programme
from showcase.model import Programme

REPO = Path(__file__).resolve().parent.parent
# The test suite's fictional programme (a region, two cohorts, its own identity): every test of
# behaviour builds it, so the comms team's edits to the real content never turn a test red.
FIXTURE = REPO / "tests" / "fixture"
# The kit: the same for every programme. The test tools' pins are part of it: the accessibility
# statement names the versions they pin.
CODE_PARTS = ("mkdocs.yml", "hooks", "theme", "requirements-test.txt", "tools/package.json")
CONTENT_PARTS = ("content", "data")  # one programme's content
# The fixture's mkdocs.yml inherits the kit's settings from this copy of the repository's.
KIT_CONFIG = "showcase.yml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


@dataclass
class Build:
    root: Path
    returncode: int
    output: str  # MkDocs' log: stdout and stderr together

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, page: str) -> str:
        """The HTML of a built page, e.g. html('projects/x/') -> site/projects/x/index.html."""
        path = self.site / page
        return (path / "index.html" if page.endswith("/") or page == "" else path).read_text("utf-8")


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    elif source.is_file():
        shutil.copy2(source, destination)


def copy_project(destination: Path) -> Path:
    """A fresh copy of the project with the real content (not its site or venv), to build or
    edit in a test. Tests of the real content may check only what holds for any valid content."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in (*CODE_PARTS, *CONTENT_PARTS):
        _copy(REPO / part, destination / part)
    return destination


def copy_fixture(destination: Path) -> Path:
    """A fresh copy of the kit with the fictional programme's content, to build or edit in a test."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in CODE_PARTS:
        _copy(REPO / part, destination / (KIT_CONFIG if part == "mkdocs.yml" else part))
    for part in (*CONTENT_PARTS, "mkdocs.yml"):
        _copy(FIXTURE / part, destination / part)
    return destination


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` tags read as plain values: enough to read extra.programme."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def kit_identity() -> dict:
    """The identity of the programme the kit is set up for (the repository's mkdocs.yml), which a
    fictional programme built with the kit must never show."""
    return yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_IgnoreTags)["extra"]["programme"]


def search_or_fail(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """re.search that fails the test, naming the pattern, when the text does not match it."""
    found = re.search(pattern, text, flags)
    assert found is not None, f"nothing matches {pattern!r}"
    return found


def mkdocs_build(
    root: Path, *extra: str, site_dir: Path | None = None, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the project at `root` (into `site_dir`, root/site unless given, with
    `env` added to this process's environment), its standard output and error kept apart."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir or root / "site"), *extra],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def run_mkdocs_build(root: Path, *extra: str) -> Build:
    result = mkdocs_build(root, *extra)
    return Build(root, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """The fictional programme in tmp_path, ready to edit and build."""
    return copy_fixture(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fictional programme's site, built once per test run."""
    build = run_mkdocs_build(copy_fixture(tmp_path_factory.mktemp("fixture")))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def fixture_programme() -> Programme:
    """The fictional programme's model, loaded from tests/fixture/ as the build loads it."""
    return load_programme(ProgrammeSources.in_folder(FIXTURE))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test run from the repository's own content."""
    build = run_mkdocs_build(copy_project(tmp_path_factory.mktemp("real")))
    assert build.returncode == 0, build.output
    return build


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1, as a visitor's browser would fetch it."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(fixture_site: Build) -> Iterator[str]:
    """The fictional programme's site on 127.0.0.1."""
    with serve(fixture_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def real_site_url(real_site: Build) -> Iterator[str]:
    """The real site on 127.0.0.1."""
    with serve(real_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def page_without_errors(browser: Browser, width: int, height: int, **options) -> Iterator[Page]:
    """A page in a fresh browser context of this size; the test fails if the page's script
    throws."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "the page's script failed"


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.x A and AA violations on the page as it is now, one line per element."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{violation['id']}: {' '.join(node['html'].split())[:160]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
