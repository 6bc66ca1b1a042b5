"""The repository's own content, checked only for what holds for any valid content.

The comms team adds, removes and renames projects and cohorts: nothing here names a project,
counts them or quotes one. Each test says of the real site what tests/test_quality.py and
tests/test_browser.py say of the fictional one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser import axe_violations
from showcase.loading.load import ProgrammeSources, load_programme
from showcase.model import Programme
from site_builds import REPO, Build
from site_checks import broken_links, content_problems, evenly_spaced, html_checker_errors, page_addresses

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# axe takes about a second a page. Up to this many pages of a kind (projects, boroughs), it reads
# every one; beyond, an even spread of them, and still every page of every other kind: those
# pages share one template, and the data they show is checked on every page by the other tests.
AXE_PAGES_OF_A_KIND = 60


@pytest.fixture(scope="module")
def real_programme() -> Programme:
    return load_programme(ProgrammeSources.in_folder(REPO))


def test_every_real_record_appears_everywhere_it_should(real_site: Build, real_programme: Programme):
    assert real_programme.projects, "the real content has no projects"
    assert content_problems(real_site, real_programme) == []


def test_every_internal_link_of_the_real_site_resolves(real_site: Build):
    checked, broken = broken_links(real_site.site)
    assert checked > 0
    assert broken == []


def test_every_page_of_the_real_site_is_valid_html(real_site: Build):
    pages, errors = html_checker_errors(real_site.site)
    assert pages > 0
    assert errors == [], "\n".join(errors[:40])


def test_no_page_of_the_real_site_has_axe_core_violations_or_asks_another_host(
    browser: Browser, real_site: Build, real_site_url: str
):
    addresses = page_addresses(real_site.site)
    many = [
        address for address in addresses if address.startswith(("projects/", "boroughs/")) and address != "projects/"
    ]
    addresses = [address for address in addresses if address not in many]
    for kind in ("projects/", "boroughs/"):
        addresses += evenly_spaced([address for address in many if address.startswith(kind)], AXE_PAGES_OF_A_KIND)
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    found = {}
    for address in addresses:
        page.goto(real_site_url + address, wait_until="networkidle")
        if violations := axe_violations(page):
            found[f"/{address}"] = violations
    context.close()
    assert not found, "\n".join(f"{path}\n  " + "\n  ".join(items) for path, items in found.items())
    assert requested, "the pages made no requests at all: the recorder is broken"
    assert [url for url in requested if not url.startswith(real_site_url)] == []
