"""The project finder (/projects/) in a browser, for the tests of its search, layout and colours:
the fixture's counts, a page that fails on a script error, opening the finder and reading its
cards and address. A test module that wants the `page` or `programme` fixture imports it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import pytest

from browser import page_without_errors
from showcase.model import Programme

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PROJECTS = 10  # the fixture's projects: tests/fixture/data/projects.yaml
AREAS = 9  # the fixture's areas: tests/fixture/data/geography.yaml
SEARCH = "Search names, aims, places, organisations and keywords"


# Fixtures named apart from their functions, so that a module can import them without its tests'
# `programme` and `page` arguments shadowing the import.
@pytest.fixture(name="programme", scope="module")
def counted_programme(fixture_programme: Programme) -> Programme:
    """The fictional programme, with the counts the finder's tests count on."""
    assert len(fixture_programme.projects) == PROJECTS and len(fixture_programme.areas) == AREAS
    return fixture_programme


@pytest.fixture(name="page")
def finder_page(browser: Browser) -> Iterator[Page]:
    """A 1280 by 900 page that fails the test on a script error."""
    with page_without_errors(browser, 1280, 900) as page:
        yield page


def open_finder(page: Page, site_url: str, query: str = "") -> None:
    """The finder at `query` (e.g. '?theme=access'), its script started."""
    from playwright.sync_api import expect

    page.goto(f"{site_url}projects/{query}")
    # The page says "Showing" before the script runs too (nothing changes when it starts).
    page.wait_for_selector("[data-finder-ready]", state="attached")
    expect(page.locator("[data-finder-status]")).to_contain_text("Showing")


def visible_names(page: Page) -> list[str]:
    """The names on the cards shown, in order."""
    # text_content, not inner_text: cards scrolled out of view skip rendering
    # (content-visibility: auto), and inner_text reports them as empty.
    return [
        name.strip() for name in page.locator("[data-finder-list] > li:visible .sc-card__title").all_text_contents()
    ]


def query_of(page: Page) -> list[tuple[str, str]]:
    """The page address's query, as pairs in order."""
    return parse_qsl(urlsplit(page.url).query)
