"""What a page asks the server for (issue 31: slow links): only the scripts it uses, no sitemap,
nothing else it does not need; and the controls that can fail say so beside themselves.
(tests/test_browser.py walks every page type with the keyboard and runs axe on every page.) Pages
are the fixture site's, built with its address (the feed's <link rel="alternate"> is then on
every page, which material's bundle fetched sitemap.xml for)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from browser import axe_violations, page_without_errors
from site_builds import Build, copy_fixture, mkdocs_build, serve
from site_checks import page_addresses

pytestmark = pytest.mark.build  # every test here runs MkDocs

ADDRESS = "https://example.org/showcase/"
# The finder's own scripts (theme/showcase/projects.html): the only page that has any.
FINDER_SCRIPTS = [
    "assets/vendor/minisearch.min.js",
    "assets/vendor/stemmer.min.js",
    "assets/vendor/stopwords-en.min.js",
    "assets/finder-search.js",
    "assets/finder-logic.js",
    "assets/project-finder.js",
]


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_fixture(tmp_path_factory.mktemp("addressed") / "project")
    result = mkdocs_build(project, env={"SHOWCASE_SITE_URL": ADDRESS, "SHOWCASE_PDF": "0"})
    assert result.returncode == 0, result.stderr
    return Build(project, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def addressed_url(addressed_site: Build) -> Iterator[str]:
    with serve(addressed_site.site) as url:
        yield url


def test_every_page_requests_only_the_scripts_it_uses_and_no_sitemap(
    browser: Browser, addressed_site: Build, addressed_url: str
):
    pages = page_addresses(addressed_site.site)
    assert len(pages) > 30
    assert 'rel="alternate" type="application/atom+xml"' in addressed_site.html("")
    unneeded: dict[str, list[str]] = {}
    with page_without_errors(browser, 1280, 900) as page:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url.removeprefix(addressed_url)))
        for path in pages:
            requested.clear()
            page.goto(addressed_url + path, wait_until="networkidle")
            links = page.locator("article a[href]")
            if links.count():  # material's link previews fetched the sitemap on hover
                links.first.hover(force=True)
            page.wait_for_timeout(100)
            used = FINDER_SCRIPTS if path == "projects/" else []
            scripts = [url for url in requested if url.endswith(".js")]
            if [url for url in requested if "sitemap" in url] or sorted(scripts) != sorted(used):
                unneeded[f"/{path}"] = requested[:]
    assert unneeded == {}


def test_the_pages_touched_have_no_axe_violations(browser: Browser, addressed_url: str):
    with page_without_errors(browser, 390, 800) as page:
        for path in ("", "projects/", "cohorts/2023-24/", "projects/young-carers-connect/"):
            page.goto(addressed_url + path)
            assert axe_violations(page) == [], path


def test_a_failed_csv_download_says_so_beside_its_button(browser: Browser, addressed_url: str):
    with page_without_errors(browser, 1280, 900) as page:
        page.route("**/data/projects.csv", lambda route: route.abort())
        page.goto(addressed_url + "projects/")
        page.wait_for_selector("[data-finder-ready]", state="attached")
        button = page.get_by_role("button", name="Download these results (CSV)")
        status = page.locator("[data-finder-status]").text_content()
        button.click()
        beside = button.locator("xpath=..").get_by_role("alert")
        beside.filter(has_text="The download could not be made").wait_for()
        assert page.locator("[data-finder-status]").text_content() == status
        page.unroute("**/data/projects.csv")
        with page.expect_download() as download:
            button.click()
        assert download.value.suggested_filename.endswith(".csv")
        assert beside.text_content() == ""
