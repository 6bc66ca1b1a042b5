"""The fictional programme's site in a real browser: Debian's chromium, driven by Playwright."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser import axe_violations
from site_builds import NAMES, Build
from site_checks import page_addresses

# One of each page type, with the longest and the shortest project.
PAGES = [
    "",
    "projects/",
    "cohorts/",
    "cohorts/2023-24/",
    "cohorts/2024-25/",
    "themes/",
    "themes/access/",
    f"{NAMES.areas}/",
    f"{NAMES.groups}/",
    f"{NAMES.areas}/st-faras-and-linton/",
    f"{NAMES.groups}/fc/",
    "projects/young-carers-connect/",
    "projects/measuring-what-matters/",
    "projects/al-noor-wellbeing-circle/",
    "accessibility/",
    "404.html",
]


@pytest.fixture(scope="module")
def every_page(fixture_site: Build) -> list[str]:
    """The address of every page of the built site, relative to its root (not the old addresses
    of a renamed project, which send the browser on: tests/test_redirects.py)."""
    return page_addresses(fixture_site.site)


# 320 px: a small phone, or 1280 px at 400 % zoom (WCAG 1.4.10); 1024 px: where material folds its tabs.
@pytest.mark.parametrize("width", [320, 390, 1024, 1280])
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
    # A link to another website is followed by its number, not its address (test_printed_links.py).
    after_link = page.evaluate(
        """() => getComputedStyle(document.querySelector('.sc-project a[href^="http"]'), '::after').content"""
    )
    assert "attr(href)" not in after_link and "https://" not in after_link
    assert page.locator('.sc-project a[href^="http"] + .sc-link-note').first.is_visible()
    assert page.get_by_role("heading", name="Sources").is_visible()
    context.close()


# Where the focused element is, and whether a reader can see it: off the screen, hidden, or
# under something else (the sticky header and tabs, a fixed banner), or focused with no sign of it. The point tested is the middle
# of the element's first line box, so a link that wraps onto two lines is judged where it starts.
FOCUS_PLACE = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const what = `${focused.tagName} ${(focused.innerText || focused.getAttribute('aria-label') || focused.id || '').trim().slice(0, 40)}`;
  const box = focused.getBoundingClientRect();
  const line = focused.getClientRects()[0] || box;
  if (!focused.checkVisibility({visibilityProperty: true}) || box.width < 1 || box.height < 1)
    return {what, fault: 'hidden'};
  if (box.left < -1 || box.right > innerWidth + 1 || box.top < -1 || box.bottom > innerHeight + 1)
    return {what, fault: `off screen at (${box.left | 0}, ${box.top | 0}) to (${box.right | 0}, ${box.bottom | 0})`};
  const x = line.left + line.width / 2, y = line.top + line.height / 2;
  const above = document.elementFromPoint(x, y);
  if (above && above !== focused && !focused.contains(above) && !(above.control === focused))
    return {what, fault: `under ${above.tagName}.${above.className}`};
  // Focus must show: the element looks different focused than not (an outline, a ring, a colour).
  const look = () => { const c = getComputedStyle(focused);
    return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow, c.backgroundColor, c.color, c.textDecorationLine].join(' '); };
  const focusedLook = look();
  focused.blur();
  const restingLook = look();
  focused.focus({preventScroll: true, focusVisible: true});
  if (focusedLook === restingLook) return {what, fault: 'focus does not show'};
  return {what, fault: null};
}"""

# The last thing a keyboard can reach on the page, where a reader tabbing back up starts.
FOCUS_LAST_STOP = """() => {
  const stops = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.checkVisibility());
  stops[stops.length - 1].focus();
}"""


@pytest.mark.parametrize("width", [320, 1024, 1280])
@pytest.mark.parametrize("direction", ["Tab", "Shift+Tab"])
def test_every_focus_stop_is_on_screen_and_uncovered(browser: Browser, site_url: str, direction: str, width: int):
    """A keyboard walk through each page type, forward and back: at 320 px (a phone, or 400 %
    zoom), 1024 px (a tablet; material would hide the tabs in a drawer) and 1280 px (the header
    and tabs stick)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    faults, stops = [], 0
    for path in PAGES:
        page.goto(site_url + path)
        if direction == "Shift+Tab":
            page.evaluate(FOCUS_LAST_STOP)
        for _ in range(200):
            page.keyboard.press(direction)
            place = page.evaluate(FOCUS_PLACE)
            if place is None:
                break
            stops += 1
            if place["fault"] and not place["what"].startswith("A Skip to main content"):
                faults.append(f"/{path}: {place['what']}: {place['fault']}")
        else:
            faults.append(f"/{path}: the walk never left the page")
    context.close()
    assert stops > 20 * len(PAGES) / 2, "the walk barely moved: the keyboard is not reaching the pages"
    assert faults == []


def test_the_first_stop_on_every_page_skips_to_the_main_content(browser: Browser, site_url: str, every_page: list[str]):
    """The skip link is the first Tab stop, visible when focused, and moves focus into the main
    content: the next Tab is the content's first link or control, not the header's."""
    context = browser.new_context(viewport={"width": 1024, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    faults = []
    for path in every_page:
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        skip = page.evaluate("""() => { const e = document.activeElement, box = e.getBoundingClientRect();
            return {name: e.innerText, shown: getComputedStyle(e).opacity === '1' && box.top >= 0 && box.left >= 0}; }""")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        after = page.evaluate("""() => { const e = document.activeElement;
            return {inMain: !!e.closest('main article'), inHeader: !!e.closest('header, nav')}; }""")
        if skip != {"name": "Skip to main content", "shown": True} or not after["inMain"]:
            faults.append(f"/{path}: first stop {skip}, then {after}")
    context.close()
    assert faults == []
