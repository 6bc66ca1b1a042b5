"""Reading the fictional programme's site at every width, in Debian's chromium: figures whole,
the way in to the projects first, each chart said once, where a page is, one focus style."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from site_builds import Build

FIGURE_PAGES = ["", "cohorts/2023-24/"]

# Each figure's value: how many line boxes its text makes, and whether it stays inside its box.
FIGURE_LINES = """() => [...document.querySelectorAll('.sc-stats__value')].map(value => {
  const range = document.createRange();
  range.selectNodeContents(value);
  const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
  const inside = range.getBoundingClientRect().right <= value.closest('.sc-stats > div').getBoundingClientRect().right + 0.5;
  return {text: value.textContent, lines, inside};
})"""


@pytest.mark.parametrize("width", [320, 375, 768, 1024, 1280])
def test_no_figure_breaks_inside_a_number_or_leaves_its_box(browser: Browser, site_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    values: list[str] = []
    for path in FIGURE_PAGES:
        page.goto(site_url + path)
        figures = page.evaluate(FIGURE_LINES)
        values += [figure["text"] for figure in figures]
        assert [figure for figure in figures if figure["lines"] != 1 or not figure["inside"]] == [], path
    assert "£60,000" in values  # the widest figure: the first cohort's funding
    context.close()


def test_the_home_page_leads_with_finding_a_project_on_a_phone(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 320, "height": 568})
    page = context.new_page()
    page.goto(site_url)
    link = page.get_by_role("link", name="Find a project", exact=True)
    assert link.count() == 1
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 568
    context.close()


@pytest.mark.parametrize(
    ("address", "title"),
    [
        ("", "Fernshire Community Connectors Programme"),
        ("projects/", "Projects - Fernshire Community Connectors Programme"),
        ("cohorts/2023-24/", "2023/24 first cohort - Fernshire Community Connectors Programme"),
    ],
)
def test_every_link_preview_is_titled_as_the_page_is(fixture_site: Build, address: str, title: str):
    page = fixture_site.html(address)
    assert f"<title>{title}</title>" in page
    assert f'<meta property="og:title" content="{title}">' in page
    assert f'<meta name="twitter:title" content="{title}">' in page


def test_a_project_page_says_where_it_is(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    page.goto(site_url + "projects/young-carers-connect/")
    trail = page.get_by_role("navigation", name="Breadcrumb")
    assert trail.get_by_role("link").all_inner_texts() == ["Home", "Projects"]
    assert trail.locator('[aria-current="page"]').inner_text() == page.locator("h1").inner_text()
    current_tab = page.locator(".md-tabs__item--active a[aria-current]")
    assert current_tab.all_inner_texts() == ["Projects"]
    assert current_tab.get_attribute("aria-current") == "true"
    page.goto(site_url + "projects/")
    assert page.locator(".md-tabs__item--active a").get_attribute("aria-current") == "page"
    page.goto(site_url)
    assert page.get_by_role("navigation", name="Breadcrumb").count() == 0
    context.close()


# Each chart: its name's and description's ids, whether its drawing is hidden, and every piece of
# text a screen reader meets in it (not the drawing, not the table folded away).
CHARTS = """() => [...document.querySelectorAll('figure.sc-chart')].map(figure => {
  const texts = [];
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('[aria-hidden="true"], details') || !node.textContent.trim()) continue;
    texts.push(node.textContent.trim());
  }
  const caption = figure.querySelector('figcaption');
  return {
    labelledby: figure.getAttribute('aria-labelledby'), caption: caption.id,
    describedby: figure.getAttribute('aria-describedby'),
    svgHidden: figure.querySelector('svg').getAttribute('aria-hidden'),
    svgNamed: figure.querySelectorAll('svg title:not(g title), svg desc, svg [role="img"], svg[role]').length,
    texts,
  };
})"""


def test_each_chart_has_one_name_and_one_description(browser: Browser, site_url: str, fixture_site: Build):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for path in FIGURE_PAGES:
        page.goto(site_url + path)
        charts = page.evaluate(CHARTS)
        assert len(charts) == 3, path
        for chart in charts:
            assert chart["labelledby"] == chart["caption"], chart
            assert chart["svgHidden"] == "true" and chart["svgNamed"] == 0, chart
            # The description, when there is one, is one visible note inside the chart.
            if chart["describedby"]:
                assert " " not in chart["describedby"]
                note = page.locator(f"#{chart['describedby']}")
                assert note.is_visible() and note.inner_text().strip() in chart["texts"]
            assert len(chart["texts"]) == len(set(chart["texts"])), chart
            assert not any(re.search(r": \d+ \(", text) for text in chart["texts"]), chart
    assert any(chart["describedby"] for chart in charts)
    context.close()


def test_the_maps_abbreviations_have_a_visible_key(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    keyed = dict(
        zip(
            page.locator(".sc-chart--map .sc-map-key dt").all_inner_texts(),
            page.locator(".sc-chart--map .sc-map-key dd").all_inner_texts(),
            strict=True,
        )
    )
    labels = page.locator(".sc-chart--map .sc-tile__label").all_text_contents()
    assert labels and set(labels) == set(keyed)
    assert page.locator(".sc-chart--map .sc-map-key").is_visible()
    assert "Ashby Vale" in keyed.values()
    context.close()


def test_a_disclosure_takes_the_same_focus_style_as_every_control(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    summary = page.locator(".sc-chart__table summary").first
    summary.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = summary.evaluate(
        "element => { const s = getComputedStyle(element); return [s.outlineWidth, s.outlineStyle, s.boxShadow]; }"
    )
    assert style[0] == "3px" and style[1] == "solid" and "rgb(255, 235, 59)" in style[2], style
    context.close()


# In print: whether each section may break inside it, and each heading's break after it.
PRINT_BREAKS = """() => ({
  sections: [...document.querySelectorAll('.sc-project > section')]
    .filter(section => getComputedStyle(section).breakInside !== 'auto').map(section => section.className),
  headings: [...document.querySelectorAll('.sc-project h2, .sc-project h3')]
    .filter(heading => getComputedStyle(heading).breakAfter !== 'avoid').map(heading => heading.textContent),
})"""


def test_a_printed_project_page_flows_from_its_first_page_with_each_heading_kept_with_its_text(
    browser: Browser, site_url: str
):
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.goto(site_url + "projects/harbour-walks/")
    page.emulate_media(media="print")
    # A section (the project's facts) that may not break moves whole to the next page, leaving
    # the first half empty; a heading may not end a page.
    assert page.evaluate(PRINT_BREAKS) == {"sections": [], "headings": []}
    assert not page.get_by_role("navigation", name="Breadcrumb").is_visible()
    context.close()
