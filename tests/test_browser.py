"""The built site in a real browser: Debian's chromium, driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, sync_playwright

from conftest import Build

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["", "projects/", "cohorts/", "cohorts/2022-23/", "themes/", "themes/access/",
         "projects/mens-project-tower-hamlets/", "projects/my-community-social-prescribing-evaluation-project/"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(real_site: Build) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(real_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen_without_sideways_scrolling(browser: Browser, site_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in PAGES:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    context.close()


def test_no_page_requests_anything_from_another_host(browser: Browser, site_url: str):
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
        page.goto(site_url + path, wait_until="networkidle")
    context.close()
    assert requested, "the pages made no requests at all: the recorder is broken"
    assert [url for url in requested if not url.startswith(site_url)] == []


def test_pages_have_no_axe_core_violations(browser: Browser, site_url: str):
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(site_url + path)
        page.evaluate(AXE_SCRIPT)
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        for violation in results["violations"]:
            for node in violation["nodes"]:
                found.setdefault(f"/{path}", []).append(f"{violation['id']}: {' '.join(node['html'].split())[:160]}")
    context.close()
    assert not found, "\n".join(f"{path}\n  " + "\n  ".join(items) for path, items in found.items())


def test_project_page_reads_the_same_without_javascript(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "projects/mens-project-tower-hamlets/")
    assert page.get_by_role("heading", level=1).inner_text() == "Men’s project (Tower Hamlets)"
    assert page.get_by_role("link", name="2022/23 pilot cohort").is_visible()
    context.close()
