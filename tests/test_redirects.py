"""A renamed project keeps its old addresses: each is a small page that leads to the current one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from content_edits import edit, line_of, refused
from site_builds import Build, mkdocs_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CURRENT, EARLIER = "link-worker-retention-pilot", ("retention-pilot", "link-worker-pilot")


def test_each_earlier_address_is_a_page_that_leads_to_the_current_one(fixture_site: Build):
    for old in EARLIER:
        page = fixture_site.html(f"projects/{old}/")
        assert '<meta http-equiv="refresh" content="0; url=../link-worker-retention-pilot/">' in page
        assert '<a href="../link-worker-retention-pilot/">Link Worker Retention Pilot</a>' in page
        assert '<link rel="canonical" href="../link-worker-retention-pilot/">' in page
        assert '<meta name="robots" content="noindex">' in page


@pytest.mark.build
def test_the_sitemap_lists_current_pages_only_and_canonical_links_are_absolute_when_published(fixture_copy: Path):
    build = mkdocs_build(
        fixture_copy, env={"SHOWCASE_SITE_URL": "https://showcase.example.org/fernshire/", "SHOWCASE_PDF": "0"}
    )
    assert build.returncode == 0, build.stderr
    sitemap = (fixture_copy / "site/sitemap.xml").read_text("utf-8")
    assert f"https://showcase.example.org/fernshire/projects/{CURRENT}/" in sitemap
    assert not any(f"/projects/{old}/" in sitemap for old in EARLIER)
    page = (fixture_copy / "site/projects/retention-pilot/index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="https://showcase.example.org/fernshire/projects/{CURRENT}/">' in page


def test_a_browser_at_an_old_address_arrives_at_the_current_page(browser: Browser, site_url: str):
    page = browser.new_page()
    page.goto(site_url + "projects/retention-pilot/")
    page.wait_for_url(site_url + f"projects/{CURRENT}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Link Worker Retention Pilot"
    page.close()


def test_an_address_that_is_both_earlier_and_current_is_refused(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "previous_slugs: [retention-pilot, link-worker-pilot]",
        "previous_slugs: [retention-pilot, zest-peer-mentors]",
    )
    assert refused(fixture_copy) == [
        f"data/projects.yaml:{line_of(text, 'previous_slugs:')}: project '{CURRENT}', field 'previous_slugs': "
        f"'zest-peer-mentors' is listed as an earlier address, but it is the current slug of the project on line "
        f"{line_of(text, '- slug: zest-peer-mentors')}. An address leads to one page: remove it from 'previous_slugs', "
        "or give that project another slug."
    ]


def test_an_earlier_address_listed_by_two_projects_is_refused(fixture_copy: Path):
    text = edit(
        fixture_copy,
        "    pcn: Coldharbour Central PCN\n",
        "    pcn: Coldharbour Central PCN\n    previous_slugs: [retention-pilot]\n",
    )
    assert refused(fixture_copy) == [
        f"data/projects.yaml:{line_of(text, 'previous_slugs: [retention-pilot]')}: project 'zest-peer-mentors', field "
        f"'previous_slugs': 'retention-pilot' is already an earlier address of project '{CURRENT}' on line "
        f"{line_of(text, 'previous_slugs: [retention-pilot, link-worker-pilot]')}. An old address can lead to one page "
        "only: keep it in one project's list."
    ]


@pytest.mark.build
def test_a_renamed_cohort_keeps_its_old_address(fixture_copy: Path):
    cohorts = fixture_copy / "content/cohorts"
    (cohorts / "2024-25.md").rename(cohorts / "second.md")
    story = cohorts / "second.md"
    story.write_text(
        story.read_text("utf-8").replace(
            "title: 2024/25 second cohort\n", "title: 2024/25 second cohort\nprevious_ids: [2024-25]\n"
        ),
        "utf-8",
    )
    data = fixture_copy / "data/projects.yaml"
    data.write_text(data.read_text("utf-8").replace("cohort: 2024-25", "cohort: second"), "utf-8")
    build = mkdocs_build(fixture_copy, env={"SHOWCASE_PDF": "0"})
    assert build.returncode == 0, build.stderr
    page = (fixture_copy / "site/cohorts/2024-25/index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../second/">' in page
    assert '<p>This cohort’s page has a new address: <a href="../second/">2024/25 second cohort</a>.</p>' in page


def test_a_cohort_id_both_earlier_and_current_is_refused(fixture_copy: Path):
    story = fixture_copy / "content/cohorts/2024-25.md"
    story.write_text(
        story.read_text("utf-8").replace(
            "title: 2024/25 second cohort\n", "title: 2024/25 second cohort\nprevious_ids: [2023-24]\n"
        ),
        "utf-8",
    )
    assert refused(fixture_copy) == [
        "content/cohorts/2024-25.md:3: cohort '2024-25', field 'previous_ids': '2023-24' is listed as an earlier id, "
        "but it is the id of the cohort in content/cohorts/2023-24.md. An address leads to one page: remove it from 'previous_ids'."
    ]
