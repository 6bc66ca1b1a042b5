"""The browser tests' fixtures and helpers: Debian's chromium driven by Playwright, and axe-core.
Registered as a plugin by conftest.py; Playwright is imported only when a test asks for a browser,
so the tests that need none start fast. Each test that asks for the `browser` fixture carries the
`browser` marker (lanes.py)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

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


@functools.cache
def axe_script() -> str:
    """axe-core itself, as axe_playwright_python ships it: the script a test injects into a page."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.x A and AA violations on the page as it is now, one line per element."""
    page.evaluate(axe_script())
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{violation['id']}: {' '.join(node['html'].split())[:160]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
