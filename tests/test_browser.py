"""The fictional programme's site in a real browser: Debian's chromium, driven by Playwright."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from conftest import Build, axe_violations
from site_checks import is_redirect

pytestmark = pytest.mark.browser

# One of each page type, with the longest and the shortest project.
PAGES = ["", "projects/", "cohorts/", "cohorts/2023-24/", "cohorts/2024-25/", "themes/", "themes/access/",
         "boroughs/st-faras-and-linton/", "icbs/fc/", "projects/young-carers-connect/",
         "projects/measuring-what-matters/", "projects/al-noor-wellbeing-circle/"]


@pytest.fixture(scope="module")
def every_page(fixture_site: Build) -> list[str]:
    """The address of every page of the built site, relative to its root (not the old addresses
    of a renamed project, which send the browser on: tests/test_redirects.py)."""
    pages = [path.relative_to(fixture_site.site).as_posix() for path in sorted(fixture_site.site.rglob("*.html"))
             if not is_redirect(path)]
    return [page.removesuffix("index.html") for page in pages]


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen_without_sideways_scrolling(browser: Browser, site_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in PAGES:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    context.close()


def test_no_page_requests_anything_from_another_host(browser: Browser, site_url: str, every_page: list[str]):
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    assert len(every_page) > 30
    for path in every_page:
        page.goto(site_url + path, wait_until="networkidle")
    context.close()
    assert requested, "the pages made no requests at all: the recorder is broken"
    assert [url for url in requested if not url.startswith(site_url)] == []


def test_no_page_has_axe_core_violations(browser: Browser, site_url: str, every_page: list[str]):
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for path in every_page:
        page.goto(site_url + path)
        if violations := axe_violations(page):
            found[f"/{path}"] = violations
    context.close()
    assert not found, "\n".join(f"{path}\n  " + "\n  ".join(items) for path, items in found.items())


def test_project_page_reads_the_same_without_javascript(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "projects/brackenford-mens-sheds/")
    assert page.get_by_role("heading", level=1).inner_text() == "Brackenford Men’s Sheds"
    assert page.get_by_role("link", name="2023/24 first cohort").is_visible()
    context.close()


def test_a_printed_project_page_is_a_clean_document(browser: Browser, site_url: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "projects/harbour-walks/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-tabs").is_visible()
    assert not page.locator(".md-footer").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    link_text = page.evaluate("""() => getComputedStyle(document.querySelector('.sc-project a[href^="http"]'), '::after').content""")
    assert "attr(href)" in link_text or "https://" in link_text
    context.close()


# Where the focused element is, and how far down the sticky header and tabs reach (elements
# inside them are where they belong).
FOCUS_PLACE = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const fixed = getComputedStyle(focused).position === 'fixed';  // drawn above the header (the skip link)
  let covered = 0;
  for (const bar of document.querySelectorAll('.md-header, .md-tabs')) {
    const style = getComputedStyle(bar);
    if (fixed || bar.contains(focused) || style.display === 'none' || !['sticky', 'fixed'].includes(style.position)) continue;
    const box = bar.getBoundingClientRect();
    if (box.top <= 1) covered = Math.max(covered, box.bottom);
  }
  const box = focused.getBoundingClientRect();
  return {what: `${focused.tagName} ${(focused.innerText || focused.id || '').trim().slice(0, 40)}`,
          top: box.top, bottom: box.bottom, covered, height: innerHeight};
}"""


@pytest.mark.parametrize("direction", ["Tab", "Shift+Tab"])
def test_no_focused_element_is_under_the_sticky_header_or_off_screen(browser: Browser, site_url: str, direction: str):
    """A keyboard walk through each page type at 1280 px, where the header and tabs stick."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hidden = []
    for path in PAGES:
        page.goto(site_url + path)
        if direction == "Shift+Tab":  # start from the last stop, as a reader tabbing back up does
            page.evaluate("""() => { const stops = [...document.querySelectorAll('a[href], button, input, select, summary')]
                .filter(e => e.tabIndex >= 0 && e.checkVisibility()); stops[stops.length - 1].focus(); }""")
        for _ in range(150):
            page.keyboard.press(direction)
            place = page.evaluate(FOCUS_PLACE)
            if place is None:
                break
            if place["top"] < place["covered"] - 1 or place["bottom"] > place["height"] + 1:
                hidden.append(f"/{path}: {place['what']} (top {place['top']:.0f}, header to {place['covered']:.0f})")
    context.close()
    assert hidden == []
