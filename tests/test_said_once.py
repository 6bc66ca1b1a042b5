"""Each thing said once (issue 31): a page that counts the same projects by place in several
views (the charts by group and on the map, a cohort's "Where the projects are") says which areas
the editors inferred once, and every view that counts them still labels them (issue 28)."""

from __future__ import annotations

import lxml.html

from page_text import text_of
from showcase.model import Programme
from showcase.wording.tally import UNCONFIRMED, UNCONFIRMED_LABEL, inferred_note
from site_builds import Build


def pages_with_charts(build: Build, programme: Programme) -> list[tuple[str, str]]:
    """The home page and each cohort's page with projects, with their note on inferred areas."""
    pages = [("", inferred_note(programme.projects, "boroughs"))]
    for cohort in programme.cohorts:
        if projects := programme.projects_in_cohort(cohort):
            pages.append((f"cohorts/{cohort.id}/", inferred_note(projects, "boroughs")))
    return pages


def test_a_page_with_charts_by_place_says_which_areas_were_inferred_once(
    fixture_site: Build, fixture_programme: Programme
) -> None:
    said = 0
    for address, note in pages_with_charts(fixture_site, fixture_programme):
        if not note:
            continue
        assert text_of(fixture_site.html(address)).count(note) == 1, address
        said += 1
    assert said >= 2, "the fixture's inferred areas are on the home page and a cohort's"


def test_the_map_is_described_by_the_areas_note_under_the_chart_by_group_and_by_its_own_mark(
    fixture_site: Build, fixture_programme: Programme
) -> None:
    for address, note in pages_with_charts(fixture_site, fixture_programme):
        page = lxml.html.fromstring(fixture_site.html(address))
        (by_map,) = page.find_class("sc-chart--map")
        described = [
            page.get_element_by_id(ref).text_content() for ref in (by_map.get("aria-describedby") or "").split()
        ]
        if not note:
            assert not described, address
            continue
        by_group = by_map.getprevious()  # the chart by group: its note says it, under it
        (group_note,) = by_group.find_class("sc-note")
        assert by_map.get("aria-describedby").split()[0] == group_note.get("id"), address
        assert described[0] == note, (address, described)
        assert "marked *" in described[1] and note not in described[1], (address, described)


def test_a_cohorts_where_section_labels_inferred_counts_and_points_to_the_note(
    fixture_site: Build, fixture_programme: Programme
) -> None:
    pointed = 0
    for address, note in pages_with_charts(fixture_site, fixture_programme):
        if not address:
            continue
        page = lxml.html.fromstring(fixture_site.html(address))
        where = page.get_element_by_id("where").getparent()
        text = " ".join(where.text_content().split())
        links = [link for link in where.iter("a") if link.get("href", "").startswith("#")]
        if not note:
            assert UNCONFIRMED not in text and not links, address
            continue
        # Every count that rests on an inferred area is labelled, here as in the charts.
        assert UNCONFIRMED_LABEL in text or f"{UNCONFIRMED})" in text, text
        (link,) = links
        target = page.get_element_by_id(link.get("href")[1:])
        assert " ".join(target.text_content().split()) == note, (address, link.get("href"))
        assert text.startswith(f"{where.find('h2').text_content()}") and f"Marked {UNCONFIRMED}" in text
        pointed += 1
    assert pointed, "a fixture cohort has a project whose areas were inferred"
