"""The index pages of areas and of groups: every area with its group and count, every group with its areas."""

from __future__ import annotations

from page_text import text_of
from showcase.model import Programme
from site_builds import NAMES, Build


def test_the_area_index_lists_every_area_with_its_count(fixture_site: Build, fixture_programme: Programme):
    page = (fixture_site.site / NAMES.areas / "index.html").read_text(encoding="utf-8")
    text = text_of(page)
    assert fixture_programme.area_label.heading_plural in text
    for area in fixture_programme.areas:
        assert area.name in text, area.name
        assert f'href="../{NAMES.areas}/{area.slug}/"' in page or f'href="{area.slug}/"' in page, area.slug
    if any(not fixture_programme.projects_in_area(area) for area in fixture_programme.areas):
        assert "No project" in text


def test_the_group_index_lists_every_group(fixture_site: Build, fixture_programme: Programme):
    assert fixture_programme.group_label is not None
    text = text_of((fixture_site.site / NAMES.groups / "index.html").read_text(encoding="utf-8"))
    assert fixture_programme.group_label.heading_plural in text
    for icb in fixture_programme.icbs:
        assert icb.title in text, icb.title


def test_an_area_page_and_a_group_page_lead_back_to_their_index(fixture_site: Build, fixture_programme: Programme):
    area = fixture_programme.areas[0]
    page = (fixture_site.site / NAMES.areas / area.slug / "index.html").read_text(encoding="utf-8")
    crumbs = page[page.index('class="sc-breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert f'href="../">{fixture_programme.area_label.heading_plural}<' in crumbs
    icb = fixture_programme.icbs[0]
    page = (fixture_site.site / NAMES.groups / icb.slug / "index.html").read_text(encoding="utf-8")
    assert f'href="../">{icb.term.heading_plural}<' in page


def test_the_home_page_links_to_the_place_indexes(fixture_site: Build):
    page = (fixture_site.site / "index.html").read_text(encoding="utf-8")
    assert f'href="{NAMES.areas}/"' in page
    assert f'href="{NAMES.groups}/"' in page


def test_every_group_membership_the_indexes_state_cites_the_groups_source(
    fixture_site: Build, fixture_programme: Programme
):
    """Which areas a group covers is a claim about a real body: each card and each area's row cite
    the page that names its areas, as the area's own page does."""
    groups = (fixture_site.site / NAMES.groups / "index.html").read_text(encoding="utf-8")
    areas = (fixture_site.site / NAMES.areas / "index.html").read_text(encoding="utf-8")
    for icb in fixture_programme.icbs:
        assert icb.source
        assert f'<a href="{icb.source}">source<span class="sc-visually-hidden"> of the areas of {icb.title}' in groups
    for area in fixture_programme.areas:
        if area.icb is not None:
            cited = (
                f'<a href="{area.icb.source}">source<span class="sc-visually-hidden"> of the {area.icb.term.brief} of '
            )
            assert cited + area.name.replace("&", "&amp;") in areas, area.name
