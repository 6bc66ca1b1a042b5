"""Shared fixtures: a copy of the real project in tmp_path, built by the real MkDocs CLI."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "hooks", "theme", "content", "data")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CHROMIUM = "/usr/bin/chromium"  # Debian's: browsers cannot be downloaded here
# Without the background-networking flags chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
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


def copy_project(destination: Path) -> Path:
    """A fresh copy of the project's sources (not its site or venv) to edit in a test."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def run_mkdocs_build(root: Path, *extra: str) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site"), *extra],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    return Build(root, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test run from the repository's own data."""
    root = copy_project(tmp_path_factory.mktemp("real"))
    build = run_mkdocs_build(root)
    assert build.returncode == 0, build.output
    return build


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(real_site: Build) -> Iterator[str]:
    """The real site served on 127.0.0.1, as a visitor's browser would fetch it."""
    handler = functools.partial(QuietHandler, directory=str(real_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.x A and AA violations on the page as it is now, one line per element."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{violation['id']}: {' '.join(node['html'].split())[:160]}"
        for violation in results["violations"] for node in violation["nodes"]
    ]
